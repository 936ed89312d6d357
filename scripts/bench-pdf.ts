/**
 * Measures a bulk PDF issuance (●PDF且つ一括発行) end to end on real parts: a scratch PostgreSQL database,
 * the Temporal dev server, the worker and the API (the test harness). Prints the wall time from the POST to
 * a ready PDF, the download time and the PDF size.
 *   npm run bench:pdf            (BENCH_ACCOUNTS, default 1000)
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { adminToken } from '../test/support/api';
import { createHarness } from '../test/support/harness';
import { insertAccount } from '../test/support/rows';

const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 1000);

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(__dirname, '../workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  const dir = resolve(__dirname, '../.data/bench');
  mkdirSync(dir, { recursive: true });
  process.env.TEST_WORKFLOW_BUNDLE = join(dir, 'workflow-bundle.js');
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, code);

  const h = await createHarness({ temporal: 'local' });
  try {
    const admin = await adminToken(h);
    const codes = Array.from({ length: accountCount }, (_, i) => `K${String(i + 1).padStart(5, '0')}`);
    for (const accountCode of codes) await insertAccount(h, { code: accountCode });

    const started = performance.now();
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
      await new Promise((done) => setTimeout(done, 250));
    }
    const ready = performance.now();
    const pdf = await h.http
      .get(new URL(res.body.download.url as string).pathname)
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((stream, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    const fetched = performance.now();
    if (pdf.status !== 200) throw new Error(`download failed: ${pdf.status}`);
    console.log(
      [
        `accounts:             ${accountCount}`,
        `POST → PDF ready:     ${((ready - started) / 1000).toFixed(1)} s`,
        `download:             ${((fetched - ready) / 1000).toFixed(2)} s`,
        `PDF size:             ${((pdf.body as Buffer).length / 1024 / 1024).toFixed(2)} MiB`,
      ].join('\n'),
    );
  } finally {
    await h.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
