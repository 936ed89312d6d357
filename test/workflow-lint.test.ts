import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The lint rules that keep workflow code deterministic, run on code that breaks them (eslint.config.mjs), through
 * the ESLint CLI (its ES-module config cannot load inside Jest), as if the code were in the given file.
 */
function problems(code: string, filePath: string): string[] {
  const root = resolve(__dirname, '..');
  const run = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { line: number; ruleId: string }[] }[];
  return result!.messages.map((message) => `${message.line}:${message.ruleId}`);
}

describe('workflow lint', () => {
  it('allows only @temporalio/workflow, the tracing interceptors’ workflow side, the contract, helpers and activity types in workflows/, all awaited', () => {
    const code = [
      "import { sleep } from '@temporalio/workflow';",
      "import type { createActivities } from '../activities';",
      "import { workflowTypes } from '../contract';",
      "import { emailIssuance } from './email-issuance';",
      "import { OpenTelemetryInboundInterceptor } from '@temporalio/interceptors-opentelemetry/lib/workflow';",
      "import { formatDateTime } from '../lib/mail/format';",
      "import { OpenTelemetryActivityInboundInterceptor } from '@temporalio/interceptors-opentelemetry';",
      "import { randomUUID } from 'node:crypto';",
      "import ms from 'ms';",
      "import { createActivities as real } from '../activities';",
      'export async function probe(): Promise<unknown> {',
      '  sleep(1);',
      '  return [workflowTypes, emailIssuance, OpenTelemetryInboundInterceptor, formatDateTime, OpenTelemetryActivityInboundInterceptor, randomUUID, ms, real, {} as typeof createActivities];',
      '}',
    ].join('\n');
    expect(problems(code, 'workflows/index.ts')).toEqual([
      '6:no-restricted-imports',
      '7:no-restricted-imports',
      '8:no-restricted-imports',
      '9:no-restricted-imports',
      '10:no-restricted-imports',
      '12:@typescript-eslint/no-floating-promises',
    ]);
  });

  it('reports a promise nobody awaits outside workflows too', () => {
    const api = 'export async function f(g: () => Promise<void>) {\n  g();\n}\n';
    expect(problems(api, 'api/services.ts')).toEqual(['2:@typescript-eslint/no-floating-promises']);
  });

  it('keeps the flow one way: no api/ in domain/, activities/ or workflows/, no Express or Temporal failures in domain/, no activity in another', () => {
    const domainCode = [
      "import express from 'express';",
      "import { HttpError } from '../../api/errors';",
      "import { ApplicationFailure } from '@temporalio/common';",
      "import { Context } from '@temporalio/activity';",
      "import { createActivities } from '../../activities';",
      'export const probe = [express, HttpError, ApplicationFailure, Context, createActivities];',
    ].join('\n');
    expect(problems(domainCode, 'domain/access/policy.ts')).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-imports',
      '4:no-restricted-imports',
      '5:no-restricted-imports',
    ]);
    // Thin adapters: an activity file imports neither api/ nor another activity file (only its helpers).
    const activityCode = [
      "import { HttpError } from '../api/errors';",
      "import { createIssueCredentials } from './issue-credentials';",
      "import { toApplicationFailure } from './failures';",
      'export const probe = [HttpError, createIssueCredentials, toApplicationFailure];',
    ].join('\n');
    expect(problems(activityCode, 'activities/expire-issuance.ts')).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
    ]);
    const workflowCode = [
      "import { HttpError } from '../api/errors';",
      "import { isReissue } from '../domain/issuance/reissue';",
      'export const probe = [HttpError, isReissue];',
    ].join('\n');
    expect(problems(workflowCode, 'workflows/index.ts')).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
    ]);
  });
});
