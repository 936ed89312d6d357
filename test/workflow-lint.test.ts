import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The lint rules that keep workflow code deterministic, run on code that breaks them (eslint.config.mjs), through
 * ESLint's own API in a child process (its ES-module config cannot load inside Jest), as if the code were in the
 * given file. One process answers every case: the typed rules build the TypeScript program once, not per case.
 */
const linterScript = `
import { ESLint } from 'eslint';
import { createInterface } from 'node:readline';
const eslint = new ESLint();
for await (const line of createInterface({ input: process.stdin })) {
  const { code, filePath } = JSON.parse(line);
  const [result] = await eslint.lintText(code, { filePath });
  process.stdout.write(JSON.stringify(result.messages.map((m) => m.line + ':' + m.ruleId)) + '\\n');
}`;

let linter: ChildProcessWithoutNullStreams;
const answers: { resolve: (problems: string[]) => void; reject: (error: Error) => void }[] = [];
let linterErrors = '';

beforeAll(() => {
  linter = spawn(process.execPath, ['--input-type=module', '-e', linterScript], { cwd: resolve(__dirname, '..') });
  linter.stderr.on('data', (chunk: Buffer) => (linterErrors += chunk.toString()));
  createInterface({ input: linter.stdout }).on('line', (line) =>
    answers.shift()?.resolve(JSON.parse(line) as string[]),
  );
  linter.on('exit', () => {
    for (const waiting of answers.splice(0)) waiting.reject(new Error(`eslint stopped: ${linterErrors}`));
  });
});

afterAll(() => {
  linter.stdin.end();
});

function problems(code: string, filePath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    answers.push({ resolve, reject });
    linter.stdin.write(`${JSON.stringify({ code, filePath })}\n`);
  });
}

describe('workflow lint', () => {
  it('allows only @temporalio/workflow, the tracing interceptors’ workflow side, the contract, helpers and activity types in workflows/, all awaited', async () => {
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
    expect(await problems(code, 'workflows/index.ts')).toEqual([
      '6:no-restricted-imports',
      '7:no-restricted-imports',
      '8:no-restricted-imports',
      '9:no-restricted-imports',
      '10:no-restricted-imports',
      '12:@typescript-eslint/no-floating-promises',
    ]);
  });

  it('reports a promise nobody awaits outside workflows too', async () => {
    const api = 'export async function f(g: () => Promise<void>) {\n  g();\n}\n';
    expect(await problems(api, 'api/services.ts')).toEqual(['2:@typescript-eslint/no-floating-promises']);
  });

  it('keeps the flow one way: no api/ in domain/, activities/ or workflows/, no Express or Temporal failures in domain/, no activity in another', async () => {
    const domainCode = [
      "import express from 'express';",
      "import { HttpError } from '../../api/errors';",
      "import { ApplicationFailure } from '@temporalio/common';",
      "import { Context } from '@temporalio/activity';",
      "import { createActivities } from '../../activities';",
      'export const probe = [express, HttpError, ApplicationFailure, Context, createActivities];',
    ].join('\n');
    expect(await problems(domainCode, 'domain/access/policy.ts')).toEqual([
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
    expect(await problems(activityCode, 'activities/expire-issuance.ts')).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
    ]);
    const workflowCode = [
      "import { HttpError } from '../api/errors';",
      "import { isReissue } from '../domain/issuance/reissue';",
      'export const probe = [HttpError, isReissue];',
    ].join('\n');
    expect(await problems(workflowCode, 'workflows/index.ts')).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
    ]);
  });
});
