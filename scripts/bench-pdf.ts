/**
 * Bulk PDF issuance (●PDF且つ一括発行) against its floor, in one command on real parts: a scratch PostgreSQL
 * database, the Temporal dev server, the API in this process (the test harness) and the worker as its own
 * process, as in production (BENCH_WORKER, see scripts/bench/support.ts). An untimed warm-up of
 * BENCH_WARMUP employees (default 100) runs both sides first; PostgreSQL's backend CPU is counted. The
 * project time runs from the POST to a ready PDF; the floor (scripts/bench/floors.ts) is argon2id per
 * employee on every libuv thread plus the pdfkit pages in the same font.
 *   npm run bench:pdf -- --rounds 3          (BENCH_ACCOUNTS, default 1000, at most 2000)
 */
import { adminToken } from '../test/support/api';
import { insertAccounts } from '../test/support/bulk-accounts';
import { createHarness, type Harness } from '../test/support/harness';
import { pdfFloor } from './bench/floors';
import { alternate, prepareWorkflowBundle, report, roundsFromArgs, runBench, startBenchWorkers } from './bench/support';

const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 1000);
/** Employees of the untimed warm-up before round 1 (BENCH_WARMUP). */
const warmUpAccounts = Number(process.env.BENCH_WARMUP ?? Math.min(accountCount, 100));

async function projectRun(h: Harness, admin: string, codes: string[]): Promise<void> {
  const res = await h.http
    .post('/api/pdf-issuances')
    .set('Authorization', `Bearer ${admin}`)
    .send({ accountCodes: codes });
  if (res.status !== 202) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  for (;;) {
    const status = await h.http.get(`/api/pdf-issuances/${res.body.id}`).set('Authorization', `Bearer ${admin}`);
    if (status.body.stage === 'ready') break;
    if (status.body.stage !== 'issuing' && status.body.stage !== 'assembling') {
      throw new Error(`run ended as ${status.body.stage}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function main(): Promise<void> {
  const rounds = roundsFromArgs();
  await prepareWorkflowBundle();
  const h = await createHarness({ temporal: 'local' });
  // The worker runs as its own process, as in production (BENCH_WORKER), so its CPU and RSS are its own.
  const workers = await startBenchWorkers(h, {});
  try {
    const admin = await adminToken(h);
    // Round 0 is the untimed warm-up, on a few employees.
    const codesOf = (round: number) =>
      Array.from(
        { length: round === 0 ? warmUpAccounts : accountCount },
        (_, i) => `R${round}K${String(i + 1).padStart(5, '0')}`,
      );
    for (let round = 0; round <= rounds; round++)
      await insertAccounts(
        h,
        codesOf(round).map((code) => ({ code })),
      );
    const results = await alternate(
      rounds,
      async (round) => {
        await pdfFloor(codesOf(round).length);
      },
      (round) => projectRun(h, admin, codesOf(round)),
      {
        databaseUrl: h.db.url,
        warmUp: async () => {
          await pdfFloor(warmUpAccounts);
          await projectRun(h, admin, codesOf(0));
        },
      },
    );
    report(`bulk PDF (POST → PDF ready), ${workers.describe}`, { count: accountCount, unit: 'employee' }, results);
  } finally {
    workers.stop();
    await h.teardown();
  }
}

runBench(main);
