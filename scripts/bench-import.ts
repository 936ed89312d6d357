/**
 * Measures a CSV import of accounts on this machine: a generated file of BENCH_ROWS (default 10,000)
 * rows with Japanese names, in a scratch database with a Temporal dev server and the worker (the test
 * harness, the worker in its own process as in production). Prints the dry run, the real import and an
 * export in rows per second, the peak RSS of the API process (this one, which also hosts the harness)
 * and of the worker process, and a floor: the same accounts written with plain batched INSERTs through
 * pg (no rules, no workflow), with the import's ratio to it.
 *   npm run bench:import
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { adminToken } from '../test/support/api';
import { accountRow, generatedCsv } from '../test/support/account-csv';
import type { Harness } from '../test/support/harness';
import { startWorkerProcess } from '../test/support/worker-process';
import { runBenchmark } from './bench-harness';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The highest RSS of this process (API, worker and harness) while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)) };
  } finally {
    clearInterval(timer);
  }
}

async function floorSeconds(h: Harness, rows: number): Promise<number> {
  const client = new Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const [ids] = (
      await client.query<{ company_id: string; department_id: string; reporting_id: string; role_id: string }>(
        `select c.id as company_id, d.id as department_id, r.id as reporting_id, ro.id as role_id
           from company c join department d on d.company_id = c.id and d.code = '0'
           join reporting_department r on r.company_id = c.id and r.code = '0'
           join role ro on ro.company_id = c.id and ro.code = 'employee' limit 1`,
      )
    ).rows;
    const started = performance.now();
    for (let start = 1; start <= rows; start += 500) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let index = start; index < Math.min(start + 500, rows + 1); index++) {
        const cells = accountRow(index, 'P');
        const base = values.length;
        values.push(ids!.company_id, cells[0], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]);
        values.push(ids!.department_id, ids!.reporting_id, ids!.role_id);
        const p = (n: number) => `$${base + n}`;
        tuples.push(
          `(gen_random_uuid(), now(), now(), ${p(1)}, ${p(2)}, 'own', ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, '2026-04-01', ${p(9)}, ${p(9)}, ${p(10)}, ${p(11)}, true, 'unissued', 'none', false, false, false, 0, false, false, 'general', 'daily', false, 'daily', false, false, false)`,
        );
      }
      await client.query(
        `insert into account (id, created_at, updated_at, company_id, code, type, last_name, first_name, last_name_kana,
           first_name_kana, short_name, email1, effective_date, department_id, control_department_id,
           reporting_control_department_id, role_id, must_change_password, password_status, auth_status, disabled,
           login_disabled, smartphone_only, failed_login_count, mfa_enabled, effort_attendance_matching, work_style,
           attendance_input_method, attendance_input_skip, effort_input_method, effort_input_skip, discretionary_labour,
           excluded_from_utilization) values ${tuples.join(', ')}`,
        values,
      );
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

function main(): void {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000);
  // Bundled by a child process, so webpack's memory does not count in this process's RSS.
  const dir = resolve(__dirname, '../.data/bench');
  mkdirSync(dir, { recursive: true });
  process.env.TEST_WORKFLOW_BUNDLE = join(dir, 'workflow-bundle.js');
  execFileSync(
    process.execPath,
    [
      '--eval',
      `require('@temporalio/worker').bundleWorkflowCode({ workflowsPath: ${JSON.stringify(resolve(__dirname, '../workflows/index.ts'))},
         workflowInterceptorModules: ${JSON.stringify([resolve(__dirname, '../workflows/tracing-interceptors.ts')])},
         logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } })
       .then(({ code }) => require('node:fs').writeFileSync(${JSON.stringify(process.env.TEST_WORKFLOW_BUNDLE)}, code))`,
    ],
    { stdio: 'inherit', cwd: resolve(__dirname, '..') },
  );

  runBenchmark({ temporal: 'local', importLimits: { maxRows: rows, maxBytes: 64 * 1024 * 1024 } }, async (h) => {
    const token = await adminToken(h);
    // As in production the worker is its own process; its peak RSS is read from /proc (VmHWM).
    await h.stopWorker();
    const worker = startWorkerProcess(h);
    const csv = Buffer.from(generatedCsv(rows, { prefix: 'B' }), 'utf8');
    const post = (query: string) =>
      h.http
        .post(`/api/account-imports${query}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'text/csv')
        .send(csv);

    const rssBeforeMb = mb(process.memoryUsage().rss);
    let started = performance.now();
    const dry = await withPeakRss(() => post('?dryRun=true'));
    const preview = dry.result;
    if (preview.status !== 200) throw new Error(`dry run failed: ${preview.status} ${JSON.stringify(preview.body)}`);
    const drySeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const real = await withPeakRss(async () => {
      const accepted = await post('');
      if (accepted.status !== 202)
        throw new Error(`import failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      const importId = accepted.body.importId as string;
      for (;;) {
        const status = await h.http.get(`/api/account-imports/${importId}`).set('Authorization', `Bearer ${token}`);
        if (status.body.status === 'done') return status.body.progress as Record<string, number>;
        await new Promise((done) => setTimeout(done, 200));
      }
    });
    const progress = real.result;
    if (process.env.BENCH_MEMORY) {
      const usage = process.memoryUsage();
      console.error(
        JSON.stringify({
          rss: mb(usage.rss),
          heapUsed: mb(usage.heapUsed),
          external: mb(usage.external),
          arrayBuffers: mb(usage.arrayBuffers),
          logChars: h.logLines.reduce((n, l) => n + l.length, 0),
        }),
      );
      global.gc?.();
      const after = process.memoryUsage();
      console.error(JSON.stringify({ afterGc: { rss: mb(after.rss), heapUsed: mb(after.heapUsed) } }));
    }
    const realSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const exported = await withPeakRss(async () => {
      const res = await h.http
        .get('/api/exports/accounts')
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((response, done) => {
          let lines = 0;
          response.on('data', (chunk: Buffer) => (lines += chunk.toString('utf8').split('\n').length - 1));
          response.on('end', () => done(null, lines));
        });
      return res.body as number;
    });
    const exportSeconds = (performance.now() - started) / 1000;
    const workerPeakRssMb = Math.round(
      Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${worker.pid}/status`, 'utf8'))?.[1]) / 1024,
    );
    worker.kill('SIGTERM');
    const floor = await floorSeconds(h, rows);
    const rate = (seconds: number) => Math.round(rows / seconds);
    console.log(
      JSON.stringify(
        {
          rows,
          rssBeforeMb,
          dryRun: {
            seconds: Number(drySeconds.toFixed(2)),
            rowsPerSecond: rate(drySeconds),
            peakRssMb: dry.peakRssMb,
            summary: preview.body.summary,
          },
          import: {
            seconds: Number(realSeconds.toFixed(2)),
            rowsPerSecond: rate(realSeconds),
            peakRssMb: real.peakRssMb,
            progress,
          },
          export: {
            lines: exported.result,
            seconds: Number(exportSeconds.toFixed(2)),
            rowsPerSecond: rate(exportSeconds),
            peakRssMb: exported.peakRssMb,
          },
          floorPlainInserts: { seconds: Number(floor.toFixed(2)), rowsPerSecond: rate(floor) },
          workerProcessPeakRssMb: workerPeakRssMb,
          importToFloorRatio: Number((realSeconds / floor).toFixed(1)),
          apiProcessMaxRssMb: mb(process.resourceUsage().maxRSS * 1024),
          goals: { rowsPerSecond: 500, peakRssMb: 512 },
        },
        null,
        2,
      ),
    );
  });
}

main();
