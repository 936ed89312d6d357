import type { ChildProcess } from 'node:child_process';
import { adminToken, eventually } from './support/api';
import { fiftyBadRows, generatedCsv } from './support/account-csv';
import { insertAccounts } from './support/bulk-accounts';
import { createHarness, type Harness } from './support/harness';
import { startWorkerProcess } from './support/worker-process';

/**
 * A worker killed with SIGKILL in the middle of a bulk e-mail run: the worker runs as its own process
 * (worker/main.ts, as in production), the harness's in-process worker takes over at once, and the test measures
 * how long the run makes no progress. The chunk activity's heartbeat timeout (10 s) plus its first retry
 * interval (2 s) bound the stall; before, it was the 1-minute heartbeat timeout.
 */
let h: Harness;
let admin: string;
let worker: ChildProcess | undefined;
const total = 200;
const importRows = 3000;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  await h.stopWorker();
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await h?.teardown();
});

async function startedItems(runId: string): Promise<number> {
  const rows = await h.db.orm.em
    .getConnection()
    .execute<{ n: string }[]>(`SELECT count(*) AS n FROM bulk_run_item WHERE run_id = ? AND status = 'started'`, [
      runId,
    ]);
  return Number(rows[0]!.n);
}

describe('crash recovery', () => {
  it('a killed worker stalls a bulk run for at most ~15 s', async () => {
    const codes = Array.from({ length: total }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
    await insertAccounts(
      h,
      codes.map((code) => ({ code, emails: [`${code.toLowerCase()}@example.test`] })),
    );
    worker = startWorkerProcess(h);
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: codes.map((code) => ({ code })) });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;

    // Kill it while a chunk activity is starting employees.
    await eventually(async () => expect(await startedItems(runId)).toBeGreaterThanOrEqual(30), 60_000);
    worker.kill('SIGKILL');
    const killedAt = Date.now();
    await h.startWorker();
    await new Promise((done) => setTimeout(done, 300));
    const atKill = await startedItems(runId);
    expect(atKill).toBeLessThan(total);

    await eventually(async () => expect(await startedItems(runId)).toBeGreaterThan(atKill), 60_000);
    const stallMs = Date.now() - killedAt;
    expect(stallMs).toBeLessThan(16_000);

    const done = await eventually(async () => {
      const res = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body.finishedAt).not.toBeNull();
      return res.body as { progress: { pendingVerification: number; failed: number } };
    }, 120_000);
    expect(done.progress).toMatchObject({ pendingVerification: total, failed: 0 });
    expect(new Set(h.smtp.mails.map((mail) => mail.to[0])).size).toBe(total);
  });
});

async function doneRows(importId: string): Promise<number> {
  const rows = await h.db.orm.em
    .getConnection()
    .execute<{ n: number }[]>(
      `select count(*)::int as n from account_import_row where account_import_id = ? and outcome <> 'pending'`,
      [importId],
    );
  return rows[0]!.n;
}

/**
 * A worker killed with SIGKILL in the middle of a CSV import; after the kill the in-process worker takes
 * over. Every row is applied exactly once: each account is created once, with one registration in its
 * history, and no row ends up "unchanged" (which a second application of a create would give).
 */
describe('crash recovery of an import', () => {
  it('a worker killed mid-import: the import completes and no row is applied twice', async () => {
    const bad = fiftyBadRows(importRows);
    await h.stopWorker();
    worker = startWorkerProcess(h);
    const started = await h.http
      .post('/api/account-imports')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(generatedCsv(importRows, { bad, prefix: 'K' })));
    expect(started.status).toBe(202);
    const importId = started.body.importId as string;

    // Kill it once the first chunk is in, while the next ones are being applied.
    await eventually(async () => expect(await doneRows(importId)).toBeGreaterThanOrEqual(500), 60_000);
    worker.kill('SIGKILL');
    const atKill = await doneRows(importId);
    expect(atKill).toBeLessThan(importRows);
    await h.startWorker();

    const done = await eventually(async () => {
      const res = await h.http.get(`/api/account-imports/${importId}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body.status).toBe('done');
      return res.body as { progress: Record<string, number> };
    }, 120_000);
    expect(done.progress).toEqual({
      total: importRows,
      pending: 0,
      created: importRows - bad.size,
      updated: 0,
      unchanged: 0,
      failed: bad.size,
    });
    const [counts] = await h.db.orm.em.getConnection().execute<{ accounts: number; histories: number }[]>(
      `select count(distinct a.id)::int as accounts, count(ah.id)::int as histories
         from account a left join assignment_history ah on ah.account_id = a.id where a.code like 'K%'`,
    );
    expect(counts).toEqual({ accounts: importRows - bad.size, histories: importRows - bad.size });
  });
});
