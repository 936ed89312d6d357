import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workflowTypes } from '../contract';
import { adminToken, assignment, createAccount, eventually, startIssuance, verificationPath } from './support/api';
import { generatedCsv } from './support/account-csv';
import { insertAccounts } from './support/bulk-accounts';
import { createHarness, type Harness } from './support/harness';

/**
 * Every workflow type runs once here, end to end; its history is then replayed against the workflow code of
 * this commit (a workflow that no longer takes the same decisions fails with a non-determinism error). The
 * histories committed in test/histories/ (binary protobuf, recorded by an earlier version; `RECORD_HISTORIES=1` writes this
 * run's) are replayed too, so a change that would break workflows already running in production fails here.
 */
const historiesDir = resolve(__dirname, 'histories');
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

async function completedRun(workflowId: string) {
  const handle = h.env.client.workflow.getHandle(workflowId);
  await handle.result();
  return { workflowId, history: await handle.fetchHistory() };
}

/** One run of each workflow type, through the API as an admin would start it. */
async function runEveryWorkflowType() {
  const runs: { type: string; workflowId: string; file?: string }[] = [];

  await createAccount(h, admin, { code: 'H0001', emails: ['replay@example.test'] });
  const email = await startIssuance(h, admin, 'H0001');
  const mail = await h.smtp.waitFor((m) => m.to.includes('replay@example.test'));
  expect((await h.http.post(verificationPath(mail))).status).toBe(200);
  runs.push({ type: workflowTypes.emailIssuance, workflowId: email.body.workflowId });

  await createAccount(h, admin, { code: 'H0002' });
  const pdf = await h.http.post('/api/accounts/H0002/pdf-issuances').set('Authorization', `Bearer ${admin}`).send({});
  expect(pdf.status).toBe(202);
  const pdfPath = new URL(pdf.body.download.url).pathname;
  expect((await h.http.get(pdfPath).set('Authorization', `Bearer ${admin}`)).status).toBe(200);
  runs.push({ type: workflowTypes.pdfIssuance, workflowId: pdf.body.workflowId });

  await insertAccounts(h, [{ code: 'H0003' }, { code: 'H0004' }]);
  const bulkPdf = await h.http
    .post('/api/pdf-issuances')
    .set('Authorization', `Bearer ${admin}`)
    .send({ accountCodes: ['H0003', 'H0004'] });
  expect(bulkPdf.status).toBe(202);
  await eventually(async () => {
    const path = new URL(bulkPdf.body.download.url).pathname;
    expect((await h.http.get(path).set('Authorization', `Bearer ${admin}`)).status).toBe(200);
  });
  runs.push({ type: workflowTypes.bulkPdfIssuance, workflowId: bulkPdf.body.workflowId });

  await insertAccounts(h, [
    { code: 'H0005', emails: ['replay5@example.test'] },
    { code: 'H0006', emails: ['replay6@example.test'] },
  ]);
  const bulkEmail = await h.http
    .post('/api/email-issuances/bulk')
    .set('Authorization', `Bearer ${admin}`)
    .send({ accounts: [{ code: 'H0005' }, { code: 'H0006' }] });
  expect(bulkEmail.status).toBe(202);
  runs.push({ type: workflowTypes.bulkEmailIssuance, workflowId: bulkEmail.body.workflowId });
  // An employee of the bulk run: its workflow starts after the chunk sent the mail, and ends at the click.
  const bulkMail = await h.smtp.waitFor((m) => m.to.includes('replay5@example.test'));
  expect((await h.http.post(verificationPath(bulkMail))).status).toBe(200);
  const [bulkIssuance] = await h.db.orm.em
    .getConnection()
    .execute<{ workflow_id: string }[]>(
      `SELECT i.workflow_id FROM issuance i JOIN account a ON a.id = i.account_id WHERE a.code = 'H0005'`,
    );
  runs.push({ type: workflowTypes.emailIssuance, workflowId: bulkIssuance!.workflow_id, file: 'emailIssuance-bulk' });

  const transfer = await h.http
    .put('/api/accounts/H0001/transfer')
    .set('Authorization', `Bearer ${admin}`)
    .send(assignment('employee', { effectiveDate: '2099-04-01' }));
  expect(transfer.status).toBeLessThan(300);
  expect((await h.http.delete('/api/accounts/H0001/transfer').set('Authorization', `Bearer ${admin}`)).status).toBe(
    204,
  );
  runs.push({ type: workflowTypes.accountTransfer, workflowId: transfer.body.workflowId });

  const reorganisation = await h.http
    .post('/api/reorganisations')
    .set('Authorization', `Bearer ${admin}`)
    .send({ effectiveDate: '2099-04-01', changes: [{ kind: 'create', code: 'H1', name: '履歴部', parentCode: '0' }] });
  expect(reorganisation.status).toBe(201);
  const cancelled = await h.http
    .delete(`/api/reorganisations/${reorganisation.body.id}`)
    .set('Authorization', `Bearer ${admin}`);
  expect(cancelled.status).toBe(200);
  runs.push({ type: workflowTypes.reorganisation, workflowId: reorganisation.body.workflowId });

  await h.env.client.workflow.execute(workflowTypes.housekeeping, {
    workflowId: 'housekeeping-replay',
    taskQueue: 'workforce',
  });
  runs.push({ type: workflowTypes.housekeeping, workflowId: 'housekeeping-replay' });
  await h.env.client.workflow.execute(workflowTypes.bulkRunReconciliation, {
    workflowId: 'bulk-run-reconciliation-replay',
    taskQueue: 'workforce',
  });
  runs.push({ type: workflowTypes.bulkRunReconciliation, workflowId: 'bulk-run-reconciliation-replay' });
  await h.env.client.workflow.execute(workflowTypes.verificationLinkExpiry, {
    workflowId: 'verification-link-expiry-replay',
    taskQueue: 'workforce',
  });
  runs.push({ type: workflowTypes.verificationLinkExpiry, workflowId: 'verification-link-expiry-replay' });

  const imported = await h.http
    .post('/api/account-imports')
    .set('Authorization', `Bearer ${admin}`)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from(generatedCsv(2, { prefix: 'R' })));
  expect(imported.status).toBe(202);
  runs.push({ type: workflowTypes.accountImport, workflowId: imported.body.workflowId });
  return runs;
}

async function replay(histories: { workflowId: string; history: unknown }[]) {
  const results: { workflowId: string; error?: string }[] = [];
  const replays = Worker.runReplayHistories(
    { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } },
    histories as Parameters<typeof Worker.runReplayHistories>[1],
  );
  for await (const result of replays) {
    results.push({ workflowId: result.workflowId, ...(result.error ? { error: String(result.error) } : {}) });
  }
  return results;
}

describe('workflow replay', () => {
  it('replays a fresh history of every workflow type, and the committed ones, without non-determinism', async () => {
    const runs = await runEveryWorkflowType();
    expect(new Set(runs.map((run) => run.type))).toEqual(new Set(Object.values(workflowTypes)));
    const fresh = await Promise.all(runs.map((run) => completedRun(run.workflowId)));
    expect(await replay(fresh)).toEqual(fresh.map(({ workflowId }) => ({ workflowId })));

    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(historiesDir, { recursive: true });
      for (const [index, run] of runs.entries()) {
        const history = temporal.api.history.v1.History.fromObject(fresh[index]!.history);
        writeFileSync(
          join(historiesDir, `${run.file ?? run.type}.pb`),
          temporal.api.history.v1.History.encode(history).finish(),
        );
      }
    }
    const committed = existsSync(historiesDir)
      ? readdirSync(historiesDir)
          .filter((file) => file.endsWith('.pb'))
          .map((file) => ({
            workflowId: file.replace(/\.pb$/, ''),
            history: temporal.api.history.v1.History.decode(readFileSync(join(historiesDir, file))),
          }))
      : [];
    // One history per type at least (<type>.pb); <type>-<what>.pb keeps a variant or an earlier version's run.
    expect(new Set(committed.map((c) => c.workflowId.split('-')[0]))).toEqual(new Set(Object.values(workflowTypes)));
    expect(await replay(committed)).toEqual(committed.map(({ workflowId }) => ({ workflowId })));
  });
});
