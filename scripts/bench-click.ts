/**
 * Click → credentials mail: how long an employee who presses 認証する waits for the mail with the login ID
 * and password, measured from the POST of the verification page until the SMTP sink accepted the mail.
 * First with nothing else running, then while a bulk e-mail run of BENCH_EMPLOYEES (default 1000) is
 * sending, in the same command on real parts (the test harness: PostgreSQL, the Temporal dev server, the
 * worker as its own process as in production, the API and the SMTP sink in this process).
 *   npm run bench:click           (BENCH_CLICKS per phase, default 30; BENCH_EMPLOYEES, default 10,000;
 *                                  BENCH_MAIL_RATE, default the service's MAIL_RATE_PER_SECOND default (50);
 *                                  BENCH_WORKER: process, split or inline, see scripts/bench/support.ts)
 */
import { performance } from 'node:perf_hooks';
import { defaultMailRatePerSecond } from '../activities/dependencies';
import { adminToken, startIssuance, verificationPath } from '../test/support/api';
import { insertAccounts } from '../test/support/bulk-accounts';
import { createHarness, type Harness } from '../test/support/harness';
import { measure, prepareWorkflowBundle, type Measured, runBench, startBenchWorkers } from './bench/support';

const clicks = Number(process.env.BENCH_CLICKS ?? 30);
const employees = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
const mailRatePerSecond = Number(process.env.BENCH_MAIL_RATE ?? defaultMailRatePerSecond);
const verificationSubject = '認証のお願い';
const credentialsSubject = 'ログイン情報のお知らせ';

const addressOf = (code: string) => `${code.toLowerCase()}@example.test`;

/** Clicks each employee's link in turn, a little apart, and returns the milliseconds to each credentials mail. */
async function clickAll(h: Harness, codes: string[], gapMs: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const code of codes) {
    const mail = h.smtp.mails.find((m) => m.to.includes(addressOf(code)) && m.subject.includes(verificationSubject));
    if (!mail) throw new Error(`no verification mail for ${code}`);
    const started = performance.now();
    const res = await h.http.post(verificationPath(mail)).type('form').send({});
    if (res.status !== 200) throw new Error(`confirm failed for ${code}: ${res.status}`);
    await h.smtp.waitFor((m) => m.to.includes(addressOf(code)) && m.subject.includes(credentialsSubject), 60_000);
    latencies.push(performance.now() - started);
    await new Promise((done) => setTimeout(done, gapMs));
  }
  return latencies;
}

function summary(label: string, latencies: number[], measured: Measured): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return [
    label.padEnd(22),
    `n ${sorted.length}`,
    `p50 ${at(0.5).toFixed(0).padStart(5)} ms`,
    `p95 ${at(0.95).toFixed(0).padStart(5)} ms`,
    `max ${at(1).toFixed(0).padStart(5)} ms`,
    `cpu ${measured.cpuSeconds.toFixed(1)} s`,
    `temporal cpu ${measured.temporalCpuSeconds.toFixed(1)} s`,
    `postgres cpu ${measured.postgresCpuSeconds.toFixed(1)} s`,
    ...(measured.workerCpuSeconds > 0
      ? [`worker cpu ${measured.workerCpuSeconds.toFixed(1)} s`, `worker rss ${measured.workerPeakRssMiB} MiB`]
      : []),
    `load ${measured.load[0].toFixed(1)}→${measured.load[1].toFixed(1)}`,
  ].join('  ');
}

async function main(): Promise<void> {
  await prepareWorkflowBundle();
  const h = await createHarness({ temporal: 'local', mailRatePerSecond });
  const workers = await startBenchWorkers(h, { MAIL_RATE_PER_SECOND: String(mailRatePerSecond) });
  try {
    const token = await adminToken(h);
    const clickCodes = Array.from({ length: 2 * clicks }, (_, i) => `C${String(i + 1).padStart(5, '0')}`);
    const bulkCodes = Array.from({ length: employees }, (_, i) => `B${String(i + 1).padStart(6, '0')}`);
    await insertAccounts(
      h,
      [...clickCodes, ...bulkCodes].map((code) => ({ code, emails: [addressOf(code)] })),
    );
    for (const code of clickCodes) {
      const res = await startIssuance(h, token, code);
      if (res.status !== 202) throw new Error(`issuance for ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const code of clickCodes) {
      await h.smtp.waitFor((m) => m.to.includes(addressOf(code)) && m.subject.includes(verificationSubject));
    }

    let idle: number[] = [];
    const idleMeasured = await measure(async () => {
      idle = await clickAll(h, clickCodes.slice(0, clicks), 200);
    }, h.db.url);

    const bulkStarted = performance.now();
    const res = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${token}`)
      .send({ accounts: bulkCodes.map((code) => ({ code })) });
    if (res.status !== 202) throw new Error(`bulk start failed: ${res.status} ${JSON.stringify(res.body)}`);
    const bulkMails = () => h.smtp.mails.filter((m) => m.subject.includes('アカウント認証依頼')).length;
    // Clicks start once the run is sending, and come about every half second while it does.
    while (bulkMails() < Math.min(50, employees / 10)) await new Promise((done) => setTimeout(done, 50));
    let busy: number[] = [];
    let mailsDuringClicks = bulkMails();
    const busyMeasured = await measure(async () => {
      busy = await clickAll(h, clickCodes.slice(clicks), 500);
    }, h.db.url);
    mailsDuringClicks = bulkMails() - mailsDuringClicks;
    console.log(
      `\nclick → credentials mail accepted (${clicks} clicks per phase, MAIL_RATE_PER_SECOND=${mailRatePerSecond}, ${workers.describe})`,
    );
    console.log(summary('idle', idle, idleMeasured));
    console.log(summary(`during a ${employees} bulk`, busy, busyMeasured));
    console.log(
      `bulk verification mails sent while the clicks ran: ${mailsDuringClicks} ` +
        `(${bulkMails()} of ${employees} after ${((performance.now() - bulkStarted) / 1000).toFixed(1)} s)`,
    );
  } finally {
    workers.stop();
    await h.teardown();
  }
}

runBench(main);
