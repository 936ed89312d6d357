/**
 * How long a bulk PDF run stalls when its worker is killed with SIGKILL mid-chunk: a worker process (worker/main.ts,
 * as in production) runs the chunks, is killed once some employees are recorded, and the harness's in-process
 * worker takes over at once. The stall is the time from the kill to the next employee recorded; the chunk's
 * heartbeat timeout (10 s) plus its first retry interval (2 s) bound it. Printed, never asserted
 * (test/crash-recovery.test.ts asserts the outcome).
 *   npm run bench:crash -- --rounds 3          (BENCH_ACCOUNTS, default 600)
 */
import { performance } from 'node:perf_hooks';
import { adminToken } from '../test/support/api';
import { insertAccounts, recordedNoticeItems, startBulkPdfRun } from '../test/support/bulk-accounts';
import { createHarness, type Harness } from '../test/support/harness';
import { startWorkerProcess } from '../test/support/worker-process';
import { prepareWorkflowBundle, roundsFromArgs, runBench } from './bench/support';

const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 600);

async function until(check: () => Promise<boolean>, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** One run killed mid-chunk; answers the seconds from the kill to the next employee recorded. */
async function stallAfterKill(h: Harness, admin: string, codes: string[]): Promise<number> {
  await h.stopWorker();
  const worker = startWorkerProcess(h);
  try {
    const { noticeId, answer } = await startBulkPdfRun(h, admin, codes);
    await until(async () => (await recordedNoticeItems(h, noticeId)) >= 50, 120_000);
    worker.kill('SIGKILL');
    const killedAt = performance.now();
    await h.startWorker();
    // Whatever the dead worker's last transaction committed counts as before the kill.
    await new Promise((done) => setTimeout(done, 200));
    const atKill = await recordedNoticeItems(h, noticeId);
    await until(async () => (await recordedNoticeItems(h, noticeId)) > atKill, 300_000);
    const stall = (performance.now() - killedAt) / 1000;
    if ((await answer).status !== 202) throw new Error('the bulk PDF run did not start');
    await until(async () => {
      const status = await h.http.get(`/api/pdf-issuances/${noticeId}`).set('Authorization', `Bearer ${admin}`);
      return status.body.stage === 'ready';
    }, 300_000);
    return stall;
  } finally {
    worker.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const rounds = roundsFromArgs();
  await prepareWorkflowBundle();
  const h = await createHarness({ temporal: 'local' });
  try {
    const admin = await adminToken(h);
    const stalls: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const codes = Array.from({ length: accountCount }, (_, i) => `X${round}K${String(i + 1).padStart(5, '0')}`);
      await insertAccounts(
        h,
        codes.map((code) => ({ code })),
      );
      stalls.push(await stallAfterKill(h, admin, codes));
      console.log(`round ${round}: bulk PDF stalled ${stalls.at(-1)!.toFixed(1)} s after the worker was killed`);
    }
    console.log(
      `bulk PDF, ${accountCount} employees, worker SIGKILLed mid-chunk: stall ${stalls.map((s) => s.toFixed(1)).join(' / ')} s`,
    );
  } finally {
    await h.teardown();
  }
}

runBench(main);
