/**
 * Measures a bulk e-mail issuance (認証要求メール一括送信) end to end on this machine: BENCH_EMPLOYEES
 * (default 1000) accounts in a scratch database, a Temporal dev server, the worker and an SMTP server in
 * this process (the test harness), from POST /api/email-issuances/bulk until every verification mail
 * was accepted. Prints the wall time and the measured seconds per mail.
 *   npm run bench:bulk-email
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { adminToken } from '../test/support/api';
import { insertAccounts } from '../test/support/bulk-accounts';
import { createHarness } from '../test/support/harness';

async function main(): Promise<void> {
  const employees = Number(process.env.BENCH_EMPLOYEES ?? 1000);
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(__dirname, '../workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
  });
  const dir = resolve(__dirname, '../.data/bench');
  mkdirSync(dir, { recursive: true });
  process.env.TEST_WORKFLOW_BUNDLE = join(dir, 'workflow-bundle.js');
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, code);

  const h = await createHarness({ temporal: 'local' });
  try {
    const codes = Array.from({ length: employees }, (_, i) => `K${String(i + 1).padStart(6, '0')}`);
    await insertAccounts(
      h,
      codes.map((c) => ({ code: c, emails: [`${c.toLowerCase()}@example.test`] })),
    );
    const token = await adminToken(h);
    const started = performance.now();
    const res = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${token}`)
      .send({ accounts: codes.map((c) => ({ code: c })) });
    if (res.status !== 202) throw new Error(`bulk start failed: ${res.status} ${JSON.stringify(res.body)}`);
    const accepted = performance.now();
    const runId = res.body.runId as string;
    for (;;) {
      const summary = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${token}`);
      if (summary.body.finishedAt) {
        const seconds = (performance.now() - started) / 1000;
        const mails = h.smtp.mails.filter((m) => m.subject.includes('アカウント認証依頼')).length;
        console.log(
          JSON.stringify({
            employees,
            verificationMails: mails,
            requestSeconds: Number(((accepted - started) / 1000).toFixed(2)),
            wallSeconds: Number(seconds.toFixed(1)),
            measuredSecondsPerMail: summary.body.secondsPerMail,
            progress: { ...summary.body.progress, failures: summary.body.progress.failures.length },
          }),
        );
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await h.teardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
