import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Activities } from '../activities';
import { SearchAttributes, verificationConfirmedSignal, type EmailIssuanceResult } from '../contract';
import type { IssuanceStatus } from '../entities';
import { requireBinary, temporalTestServerPath } from '../scripts/temporal-binaries';
import { quietTemporalSdk } from './support/harness';

/** The workflow's sequencing alone, with recorded fake activities, on the time-skipping server. */
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietTemporalSdk();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requireBinary(temporalTestServerPath(), 'test server') } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.values(SearchAttributes).map((k) => [
        k.name,
        temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
});

afterAll(async () => {
  await env?.teardown();
});

type Calls = string[];

function fakeActivities(
  calls: Calls,
  overrides: Partial<Record<keyof Activities, () => Promise<{ state: IssuanceStatus }>>> = {},
) {
  const record = (name: keyof Activities, state: IssuanceStatus) => async (): Promise<{ state: IssuanceStatus }> => {
    calls.push(name);
    return overrides[name] ? overrides[name]!() : { state };
  };
  return {
    sendVerificationMail: record('sendVerificationMail', 'pending'),
    expireIssuance: record('expireIssuance', 'expired'),
    failIssuance: record('failIssuance', 'failed'),
    issueCredentials: record('issueCredentials', 'issued'),
  } satisfies Partial<Record<keyof Activities, unknown>>;
}

const validityMs = 72 * 60 * 60 * 1000;

async function run(
  activities: ReturnType<typeof fakeActivities>,
  drive: (handle: Awaited<ReturnType<typeof env.client.workflow.start>>) => Promise<void>,
  start?: (taskQueue: string) => Promise<Awaited<ReturnType<typeof env.client.workflow.start>>>,
): Promise<EmailIssuanceResult> {
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: requireBinary(process.env.TEST_WORKFLOW_BUNDLE, 'bundle') },
    activities,
  });
  return worker.runUntil(async () => {
    const handle = start
      ? await start(taskQueue)
      : await env.client.workflow.start('emailIssuance', {
          taskQueue,
          workflowId: `issuance-test-${randomUUID()}`,
          args: [{ issuanceId: 'iss-1', verificationValidityMs: validityMs }],
        });
    await drive(handle);
    return handle.result() as Promise<EmailIssuanceResult>;
  });
}

it('issues credentials once the employee confirms', async () => {
  const calls: Calls = [];
  const result = await run(fakeActivities(calls), async (handle) => {
    await env.sleep('10 hours');
    await handle.signal(verificationConfirmedSignal, { issuanceId: 'iss-1' });
  });
  expect(result.outcome).toBe('issued');
  expect(calls).toEqual(['sendVerificationMail', 'issueCredentials']);
});

it('expires after the validity period and never issues', async () => {
  const calls: Calls = [];
  let startedAt = 0;
  const result = await run(fakeActivities(calls), async () => {
    startedAt = await env.currentTimeMs();
  });
  expect(result.outcome).toBe('expired');
  expect(calls).toEqual(['sendVerificationMail', 'expireIssuance']);
  const skipped = (await env.currentTimeMs()) - startedAt;
  // The server skipped the period: its clock moved by the whole validity (a wall-clock limit would fail under load).
  expect(skipped).toBeGreaterThanOrEqual(validityMs);
});

it('ignores a confirmation meant for another issuance', async () => {
  const calls: Calls = [];
  const result = await run(fakeActivities(calls), async (handle) => {
    await handle.signal(verificationConfirmedSignal, { issuanceId: 'some-older-issuance' });
  });
  expect(result.outcome).toBe('expired');
  expect(calls).not.toContain('issueCredentials');
});

it('issues when the click won the race against the timer in the database', async () => {
  const calls: Calls = [];
  const activities = fakeActivities(calls, { expireIssuance: async () => ({ state: 'verified' }) });
  const result = await run(activities, async () => {});
  expect(result.outcome).toBe('issued');
  expect(calls).toEqual(['sendVerificationMail', 'expireIssuance', 'issueCredentials']);
});

it('stops without waiting when the issuance was superseded before its mail went out', async () => {
  const calls: Calls = [];
  const activities = fakeActivities(calls, { sendVerificationMail: async () => ({ state: 'superseded' }) });
  const result = await run(activities, async () => {});
  expect(result.outcome).toBe('superseded');
  expect(calls).toEqual(['sendVerificationMail']);
});

it('ends as superseded when cancelled while waiting', async () => {
  const calls: Calls = [];
  const result = await run(fakeActivities(calls), async (handle) => {
    await env.sleep('1 hour');
    await handle.cancel();
  });
  expect(result.outcome).toBe('superseded');
  expect(calls).toEqual(['sendVerificationMail']);
});

it('records a failure when the mail cannot be sent', async () => {
  const calls: Calls = [];
  const activities = fakeActivities(calls, {
    sendVerificationMail: async () => {
      throw ApplicationFailure.create({ message: 'recipient refused', nonRetryable: true });
    },
  });
  const result = await run(activities, async () => {});
  expect(result.outcome).toBe('failed');
  expect(calls).toEqual(['sendVerificationMail', 'failIssuance']);
});

describe('a workflow a bulk chunk started after sending the mail (start delay until the link ends)', () => {
  const workflowId = () => `issuance-test-${randomUUID()}`;
  const startDelayed = (id: string) => async (taskQueue: string) => {
    const expiresAtMs = (await env.currentTimeMs()) + validityMs;
    return env.client.workflow.start('emailIssuance', {
      taskQueue,
      workflowId: id,
      args: [
        {
          issuanceId: 'iss-1',
          verificationValidityMs: validityMs,
          verificationSent: true,
          verificationExpiresAtMs: expiresAtMs,
        },
      ],
      startDelay: validityMs,
    });
  };

  it('takes no workflow task while it waits, and issues at the click (signal-with-start)', async () => {
    const calls: Calls = [];
    const id = workflowId();
    const result = await run(
      fakeActivities(calls),
      async (handle) => {
        await env.sleep('10 hours');
        const events = (await handle.fetchHistory()).events ?? [];
        expect(events.some((event) => event.workflowTaskCompletedEventAttributes)).toBe(false);
        await env.client.workflow.signalWithStart('emailIssuance', {
          taskQueue: 'unused-when-running',
          workflowId: id,
          args: [{ issuanceId: 'iss-1', verificationValidityMs: 1 }],
          signal: verificationConfirmedSignal,
          signalArgs: [{ issuanceId: 'iss-1' }],
        });
      },
      startDelayed(id),
    );
    expect(result.outcome).toBe('issued');
    expect(calls).toEqual(['issueCredentials']);
  });

  it('expires when the link ends without a click, without sending the mail again', async () => {
    const calls: Calls = [];
    const result = await run(fakeActivities(calls), async () => {}, startDelayed(workflowId()));
    expect(result.outcome).toBe('expired');
    expect(calls).toEqual(['expireIssuance']);
  });

  it('ends as superseded when cancelled while it waits', async () => {
    const calls: Calls = [];
    const result = await run(
      fakeActivities(calls),
      async (handle) => {
        await env.sleep('1 hour');
        await handle.cancel();
      },
      startDelayed(workflowId()),
    );
    expect(result.outcome).toBe('superseded');
    expect(calls).toEqual([]);
  });
});
