import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { adminToken, eventually } from './support/api';
import { insertAccounts } from './support/bulk-accounts';
import { createHarness, publicBaseUrl, type Harness } from './support/harness';

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

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  await h.stopWorker();
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await h?.teardown();
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: resolve(__dirname, '..'),
    env: {
      ...process.env,
      DATABASE_URL: h.db.url,
      TEMPORAL_ADDRESS: h.env.address,
      SMTP_URL: h.smtp.url,
      PUBLIC_BASE_URL: publicBaseUrl,
      SERVICE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE,
      WORKER_METRICS_PORT: '0',
      TEMPORAL_METRICS_ADDRESS: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && code !== 0) console.error(`worker process ended (${code}): ${stderr}`);
  });
  return child;
}

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
    worker = startWorkerProcess();
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
