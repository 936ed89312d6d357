/**
 * Bulk e-mail issuance (認証要求メール一括送信) against its floor, in one command on real parts: a scratch
 * PostgreSQL database, a Temporal dev server, the worker as its own process (worker/main.ts), the API
 * and an SMTP sink in this process (the test harness). The project time runs from POST /api/email-issuances/bulk until the run is finished and
 * every verification mail reached the sink; the floor (scripts/bench/floors.ts) makes a token and its HMAC,
 * and sends the same mail over a pooled transport to the same sink per employee, in the project's lanes,
 * inserting the tokens a slice at a time (one commit per slice, as the project). An untimed warm-up of
 * BENCH_WARMUP employees (default 200) runs both first; PostgreSQL's backend CPU is counted on both sides.
 *   npm run bench:bulk-email -- --rounds 3       (BENCH_EMPLOYEES, default 1000; above 10,000 selected by filter)
 *   BENCH_EMPLOYEES=100000 npm run bench:bulk-email   (once, by filter, without the floor: see bigRun)
 * MAIL_RATE_PER_SECOND is BENCH_MAIL_RATE (default 1000): the relay's limit is configuration (the service's
 * default is 50), and the floor sends unpaced, so the bench measures the work per employee, not the limit.
 */
import { adminToken } from '../test/support/api';
import { insertAccounts } from '../test/support/bulk-accounts';
import { createHarness, type Harness } from '../test/support/harness';
import { createMailer } from '../lib/mailer';
import { bulkEmailFloor } from './bench/floors';
import { readFileSync } from 'node:fs';
import {
  alternate,
  measure,
  prepareWorkflowBundle,
  report,
  roundsFromArgs,
  runBench,
  startBenchWorkers,
  type Measured,
} from './bench/support';

const employees = Number(process.env.BENCH_EMPLOYEES ?? 1000);
const mailRatePerSecond = Number(process.env.BENCH_MAIL_RATE ?? 1000);
/** Employees of the untimed warm-up before round 1 (BENCH_WARMUP). */
const warmUpEmployees = Number(process.env.BENCH_WARMUP ?? Math.min(employees, 200));

async function mailsArrived(h: Harness, subjectPart: string, count: number, sentBefore: number): Promise<void> {
  for (;;) {
    const mails = h.smtp.mails.length - sentBefore;
    if (mails >= count) {
      const matching = h.smtp.mails.slice(sentBefore).filter((mail) => mail.subject.includes(subjectPart)).length;
      if (matching !== count) throw new Error(`expected ${count} mails, the sink holds ${matching}`);
      return;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function projectRun(h: Harness, token: string, codes: string[], round?: number): Promise<void> {
  const before = h.smtp.mails.length;
  const res = await h.http
    .post('/api/email-issuances/bulk')
    .set('Authorization', `Bearer ${token}`)
    .send(round === undefined ? { accounts: codes.map((code) => ({ code })) } : { filter: { code: `R${round}K` } });
  if (res.status !== 202) throw new Error(`bulk start failed: ${res.status} ${JSON.stringify(res.body)}`);
  const runId = res.body.runId as string;
  for (;;) {
    const summary = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${token}`);
    if (summary.body.finishedAt) break;
    // As the console does for a large run: a poll every second (each counts every item of the run).
    await new Promise((done) => setTimeout(done, codes.length > 10_000 ? 1_000 : 250));
  }
  await mailsArrived(h, 'アカウント認証依頼', codes.length, before);
}

/** From this many employees on, a run is selected by filter (a listed selection holds at most 10,000) and runs once. */
const bigRunEmployees = 100_000;

/**
 * A run of `employees` (100,000) selected by the list's filter, once and without the floor: time per employee
 * (against the 10,000 figure of BENCH.md), the worker's peak RSS, and the Temporal server's memory per employee
 * waiting for verification (its RSS after the run over before, per employee).
 */
async function bigRun(h: Harness, describeWorkers: string): Promise<void> {
  const codes = Array.from({ length: employees }, (_, i) => `R1K${String(i + 1).padStart(6, '0')}`);
  for (let from = 0; from < codes.length; from += 10_000) {
    await insertAccounts(
      h,
      codes.slice(from, from + 10_000).map((code) => ({ code, emails: [`${code.toLowerCase()}@example.test`] })),
    );
  }
  const token = await adminToken(h);
  const idle = await measure(async () => undefined);
  const run = await measure(() => projectRun(h, token, codes, 1));
  const mib = (value: number) => `${value} MiB`;
  console.log(
    `\nbulk e-mail by filter, once: ${employees} employees, MAIL_RATE_PER_SECOND=${mailRatePerSecond}, ${describeWorkers}`,
  );
  console.log(
    [
      `${run.seconds.toFixed(1)} s`,
      `${((run.seconds * 1000) / employees).toFixed(2)} ms/employee (against the 10,000 run of BENCH.md)`,
      `cpu ${run.cpuSeconds.toFixed(1)} s + temporal ${run.temporalCpuSeconds.toFixed(1)} s + worker ${run.workerCpuSeconds.toFixed(1)} s`,
      `worker rss ${mib(run.workerPeakRssMiB)}`,
      `temporal rss ${mib(idle.temporalPeakRssMiB)} → ${mib(run.temporalPeakRssMiB)}`,
      `${(((run.temporalPeakRssMiB - idle.temporalPeakRssMiB) * 1024) / employees).toFixed(1)} KiB per employee waiting for the click`,
      `load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
    ].join('\n  '),
  );
}

/** The project's send rate against MAIL_RATE_PER_SECOND (the floor sends unpaced), per round. */
function printMailRate(results: { project: Measured }[]): void {
  for (const [index, { project }] of results.entries()) {
    const perSecond = employees / project.seconds;
    console.log(
      `project #${index + 1} sent ${perSecond.toFixed(1)} mails/s, ${((100 * perSecond) / mailRatePerSecond).toFixed(1)} % ` +
        `of MAIL_RATE_PER_SECOND=${mailRatePerSecond} (paced minimum ${(employees / mailRatePerSecond).toFixed(1)} s)`,
    );
  }
}

async function main(): Promise<void> {
  const rounds = roundsFromArgs();
  await prepareWorkflowBundle();
  const h = await createHarness({ temporal: 'local', mailRatePerSecond });
  // The worker runs as its own process, as in production (BENCH_WORKER), so its CPU and RSS are its own
  // and not those of the API and the SMTP sink holding every mail.
  const workers = await startBenchWorkers(h, { MAIL_RATE_PER_SECOND: String(mailRatePerSecond) });
  const floorMailer = createMailer(h.smtp.url, 'Floor <no-reply@example.test>');
  try {
    if (employees >= bigRunEmployees) return await bigRun(h, workers.describe);
    // Round 0 is the untimed warm-up, on a few employees.
    const codesOf = (round: number) =>
      Array.from(
        { length: round === 0 ? warmUpEmployees : employees },
        (_, i) => `R${round}K${String(i + 1).padStart(6, '0')}`,
      );
    for (let round = 0; round <= rounds; round++) {
      await insertAccounts(
        h,
        codesOf(round).map((code) => ({ code, emails: [`${code.toLowerCase()}@example.test`] })),
      );
    }
    const token = await adminToken(h);
    const floor = async (round: number) => {
      const before = h.smtp.mails.length;
      const count = codesOf(round).length;
      await bulkEmailFloor({
        databaseUrl: h.db.url,
        mailer: floorMailer,
        count,
        round,
        delivered: (arrived) => mailsArrived(h, 'アカウント認証依頼', arrived, before),
      });
    };
    const project = (round: number) => projectRun(h, token, codesOf(round), employees > 10_000 ? round : undefined);
    const results = await alternate(rounds, floor, project, {
      databaseUrl: h.db.url,
      warmUp: async () => {
        await floor(0);
        await project(0);
      },
    });
    report(
      `bulk e-mail (POST → every verification mail in the sink), MAIL_RATE_PER_SECOND=${mailRatePerSecond}, ${workers.describe}`,
      { count: employees, unit: 'employee' },
      results,
    );
    printMailRate(results);
  } finally {
    floorMailer.close();
    workers.stop();
    await h.teardown();
  }
}

runBench(main);
