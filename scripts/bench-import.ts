/**
 * Measures a CSV import of accounts on this machine: a generated file of BENCH_ROWS (default 10,000)
 * rows with Japanese names, in a scratch database with a Temporal dev server and the worker (the test
 * harness, the worker in its own process as in production). Prints the dry run, then the real import
 * against its floor in alternating rounds (`--rounds N`, after an untimed warm-up of two chunks, 1,000 rows, each) with
 * CPU of every process and of PostgreSQL's backends, then an export, and the peak RSS of the API process
 * (this one, which also hosts the harness) and of the worker process. The floor parses the same CSV
 * (csv-parse), checks each row with a zod schema and writes each chunk with one multi-row INSERT.
 *   npm run bench:import -- --rounds 2
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { adminToken } from '../test/support/api';
import { generatedCsv } from '../test/support/account-csv';
import type { Harness } from '../test/support/harness';
import { runBenchmark } from './bench-harness';
import { alternate, cpuSecondsOf, measure, report, roundsFromArgs, startBenchWorkers } from './bench/support';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { columnOfHeader } from '../domain/accounts/account-csv';
import { importChunkSize } from '../domain/accounts/account-import';

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

/** The floor's row: the columns of the generated file, checked as any import must. */
const floorRow = z.object({
  code: z.string().regex(/^[A-Za-z0-9._-]{1,20}$/),
  type: z.literal('自社'),
  lastName: z.string().min(1).max(10),
  firstName: z.string().min(1).max(10),
  lastNameKana: z.string().regex(/^[ァ-ヶー・ \u3000ぁ-ゖ]{0,20}$/),
  firstNameKana: z.string().regex(/^[ァ-ヶー・ \u3000ぁ-ゖ]{0,20}$/),
  shortName: z.string().min(1).max(6),
  email1: z.email().max(100),
  effectiveDate: z.iso.date(),
  departmentCode: z.string().min(1),
  controlDepartmentCode: z.string().min(1),
  reportingControlDepartmentCode: z.string().min(1),
  roleCode: z.string().min(1),
});

/**
 * The import's floor: parses the same CSV (csv-parse), checks each row against a zod schema, looks the
 * references (departments, reporting departments, roles) and the codes already taken up once per chunk of
 * 500, and writes each chunk with one multi-row INSERT. No rules of the one door, no workflow, no row records.
 */
async function importFloor(h: Harness, csv: Buffer): Promise<void> {
  const client = new Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const [company] = (await client.query<{ id: string }>(`select id from company order by created_at limit 1`)).rows;
    const idsOf = async (table: string) =>
      new Map(
        (
          await client.query<{ id: string; code: string }>(`select id, code from ${table} where company_id = $1`, [
            company!.id,
          ])
        ).rows.map((row) => [row.code, row.id]),
      );
    const departments = await idsOf('department');
    const reporting = await idsOf('reporting_department');
    const roles = await idsOf('role');
    const [header, ...records] = parse(csv, { bom: true, relaxColumnCount: true }) as string[][];
    const keys = header!.map((name) => columnOfHeader(name)?.key as keyof z.infer<typeof floorRow>);
    for (let start = 0; start < records.length; start += importChunkSize) {
      const rows = records.slice(start, start + importChunkSize).flatMap((record) => {
        const parsed = floorRow.safeParse(Object.fromEntries(keys.map((key, index) => [key, record[index]?.trim()])));
        if (!parsed.success) return [];
        const row = parsed.data;
        const ids = [departments.get(row.departmentCode), reporting.get(row.reportingControlDepartmentCode)];
        const role = roles.get(row.roleCode);
        return ids[0] && ids[1] && role ? [{ row, department: ids[0], reporting: ids[1], role }] : [];
      });
      const taken = new Set(
        (
          await client.query<{ code: string }>(`select code from account where company_id = $1 and code = any($2)`, [
            company!.id,
            rows.map(({ row }) => row.code),
          ])
        ).rows.map((row) => row.code),
      );
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (const { row, department, reporting: reportingId, role } of rows) {
        if (taken.has(row.code)) continue;
        const base = values.length;
        values.push(company!.id, row.code, row.lastName, row.firstName, row.lastNameKana, row.firstNameKana);
        values.push(row.shortName, row.email1, row.effectiveDate, department, reportingId, role);
        const p = (n: number) => `$${base + n}`;
        tuples.push(
          `(gen_random_uuid(), now(), now(), ${p(1)}, ${p(2)}, 'own', ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(10)}, ${p(11)}, ${p(12)}, true, 'unissued', 'none', false, false, false, 0, false, false, 'general', 'daily', false, 'daily', false, false, false, 0)`,
        );
      }
      if (tuples.length === 0) continue;
      await client.query(
        `insert into account (id, created_at, updated_at, company_id, code, type, last_name, first_name, last_name_kana,
           first_name_kana, short_name, email1, effective_date, department_id, control_department_id,
           reporting_control_department_id, role_id, must_change_password, password_status, auth_status, disabled,
           login_disabled, smartphone_only, failed_login_count, mfa_enabled, effort_attendance_matching, work_style,
           attendance_input_method, attendance_input_skip, effort_input_method, effort_input_skip, discretionary_labour,
           excluded_from_utilization, temporary_lockouts) values ${tuples.join(', ')}`,
        values,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * The scratch database's tables with autovacuum off: it would otherwise wake on whichever side's inserts crossed
 * its threshold, and its CPU would count for that side. The bench cleans up after each side instead.
 */
async function withoutAutovacuum(url: string): Promise<void> {
  await onDatabase(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `select format('%I', tablename) as name from pg_tables where schemaname = 'public'`,
    );
    for (const { name } of rows) await client.query(`alter table ${name} set (autovacuum_enabled = off)`);
  });
}

/**
 * What autovacuum and the checkpointer would do later with a side's writes (VACUUM also empties the GIN pending
 * lists), timed as its clean-up; answers the CPU seconds of the backend that ran it, read from /proc before it ends.
 */
async function cleanUp(url: string): Promise<number> {
  let cpu = 0;
  await onDatabase(url, async (client) => {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const before = cpuSecondsOf(rows[0]!.pid);
    await client.query('vacuum');
    await client.query('checkpoint');
    cpu = cpuSecondsOf(rows[0]!.pid) - before;
  });
  return cpu;
}

async function onDatabase(url: string, work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Posts `csv` as an import (dry run or real) and, for a real one, waits until its workflow is done: the bench
 * waits on the workflow's result through Temporal rather than polling the status, so the figure carries no
 * polling delay (a poll every 200 ms added 100 ms on average) and no polling work.
 */
async function projectImport(
  h: Harness,
  token: string,
  csv: Buffer,
  dryRun: boolean,
): Promise<Record<string, unknown>> {
  const res = await h.http
    .post(`/api/account-imports${dryRun ? '?dryRun=true' : ''}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'text/csv')
    .send(csv);
  if (res.status !== (dryRun ? 200 : 202)) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (dryRun) return res.body.summary as Record<string, unknown>;
  // The workflow answers the import's final progress (workflows/account-import.ts).
  return (await h.env.client.workflow.getHandle(res.body.workflowId as string).result()) as Record<string, unknown>;
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
    const rounds = roundsFromArgs();
    const token = await adminToken(h);
    // As in production the worker is its own process (BENCH_WORKER); its peak RSS is also read from /proc (VmHWM).
    const workers = await startBenchWorkers(h, {});
    const csvOf = (prefix: string, count = rows) => Buffer.from(generatedCsv(count, { prefix }), 'utf8');
    // Made before the clock starts; W and Q are the untimed warm-up's, B<round> the import's, P<round> the floor's.
    const files = new Map<string, Buffer>();
    // Two chunks each: the warm-up runs the code of a full chunk on both lanes, as every round does.
    for (const prefix of ['W', 'Q']) files.set(prefix, csvOf(prefix, Math.min(rows, 2 * importChunkSize)));
    for (let round = 1; round <= rounds; round++) {
      for (const prefix of [`B${round}`, `P${round}`]) files.set(prefix, csvOf(prefix));
    }
    const rssBeforeMb = mb(process.memoryUsage().rss);
    let summary: Record<string, unknown> = {};
    const dry = await measure(async () => {
      summary = await projectImport(h, token, files.get('B1')!, true);
    }, h.db.url);
    let progress: Record<string, unknown> = {};
    const results = await alternate(
      rounds,
      (round) => importFloor(h, files.get(`P${round}`)!),
      async (round) => {
        progress = await projectImport(h, token, files.get(`B${round}`)!, false);
      },
      {
        databaseUrl: h.db.url,
        warmUp: async () => {
          await withoutAutovacuum(h.db.url);
          await importFloor(h, files.get('Q')!);
          await projectImport(h, token, files.get('W')!, false);
        },
        // Both sides write to `account` and its four GIN indexes (name and kana): settled, neither side flushes the
        // other's pending lists or meets an autovacuum woken by the other's rows. Each side then pays the clean-up
        // of what it wrote (the project also leaves its stored rows' old versions, its audit and history rows).
        settle: () => cleanUp(h.db.url),
        // Statistics of the tables as they have grown, untimed: the planner's work is the same for either side.
        beforeEach: () => onDatabase(h.db.url, (client) => client.query('analyze').then(() => undefined)),
      },
    );
    report(
      `CSV import (POST → import done) against its floor (csv-parse, zod, one INSERT per chunk), ${workers.describe}`,
      { count: rows, unit: 'row' },
      results,
    );
    const started = performance.now();
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
    const workerPeakRssMb = Math.max(
      ...workers.pids.map((pid) =>
        Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024),
      ),
    );
    workers.stop();
    const rate = (seconds: number) => Math.round(rows / seconds);
    console.log(
      JSON.stringify(
        {
          rows,
          rssBeforeMb,
          dryRun: {
            seconds: Number(dry.seconds.toFixed(2)),
            rowsPerSecond: rate(dry.seconds),
            peakRssMb: dry.peakRssMiB,
            postgresCpuSeconds: Number(dry.postgresCpuSeconds.toFixed(2)),
            summary,
          },
          import: results.map(({ project }) => ({
            seconds: Number(project.seconds.toFixed(2)),
            rowsPerSecond: rate(project.seconds),
            load: project.load,
          })),
          lastImportProgress: progress,
          export: {
            lines: exported.result,
            seconds: Number(exportSeconds.toFixed(2)),
            linesPerSecond: Math.round(exported.result / exportSeconds),
            peakRssMb: exported.peakRssMb,
          },
          workerProcessPeakRssMb: workerPeakRssMb,
          apiProcessMaxRssMb: mb(process.resourceUsage().maxRSS * 1024),
          goals: { rowsPerSecond: 500, peakRssMb: 512, importToFloorRatio: 3 },
        },
        null,
        2,
      ),
    );
  });
}

main();
