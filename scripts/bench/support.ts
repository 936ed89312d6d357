/**
 * What every benchmark measures the same way: rounds from `--rounds N`, CPU seconds and peak RSS of this
 * process and of the Temporal server it started, SQL statements sent, and a table of project against floor.
 * The machine is shared, so absolute times drift; the ratio of project to floor measured in the same
 * command, in alternating rounds, is the figure to compare.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workflowInterceptorModules } from '../../worker/workflow-interceptor-modules';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TaskQueues, type TaskQueue } from '../../contract';
import type { Harness } from '../../test/support/harness';
import { startWorkerProcess } from '../../test/support/worker-process';

/** `--rounds N` (default 1); each round runs the floor and the project once, in alternating order. */
export function roundsFromArgs(argv = process.argv.slice(2), fallback = 1): number {
  const at = argv.indexOf('--rounds');
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error('--rounds takes a positive whole number');
  return value;
}

/** Writes the workflow bundle the test harness loads (TEST_WORKFLOW_BUNDLE). */
export async function prepareWorkflowBundle(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(__dirname, '../../workflows'),
    workflowInterceptorModules,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  const dir = resolve(__dirname, '../../.data/bench');
  mkdirSync(dir, { recursive: true });
  process.env.TEST_WORKFLOW_BUNDLE = join(dir, 'workflow-bundle.js');
  writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, code);
}

let sqlStatements = 0;
let sqlCounting = false;
/** pg's own query, for the bench's PostgreSQL sampler, whose statements are not the measured work's. */
const uncountedQuery = (pg.Client.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query;

/** Counts every statement any `pg` client of this process sends (MikroORM's pool and the floors' clients). */
function countSqlStatements(): void {
  if (sqlCounting) return;
  sqlCounting = true;
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  const byText = new Map<string, number>();
  if (process.env.BENCH_SQL_LOG) {
    // BENCH_SQL_LOG=1: the statements by their first 100 characters, most frequent first, at exit.
    process.on('exit', () => {
      [...byText.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 40)
        .forEach(([text, count]) => console.log(String(count).padStart(7), text));
    });
  }
  prototype.query = function query(this: unknown, ...args: unknown[]) {
    sqlStatements++;
    if (process.env.BENCH_SQL_LOG) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 100);
      byText.set(text, (byText.get(text) ?? 0) + 1);
    }
    return original.apply(this, args);
  };
}

const ticksPerSecond = 100; // getconf CLK_TCK on Linux

/** The processes this one started (the Temporal dev server), by their parent id. */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid) pids.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids;
}

export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0;
  }
}

function rssBytesOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface Measured {
  seconds: number;
  /** The machine's 1-minute load average at the start and at the end (other work on a shared machine). */
  load: [number, number];
  /** CPU seconds of the PostgreSQL backends serving the bench's database (both sides write there). */
  postgresCpuSeconds: number;
  /** CPU seconds of this process (API, SMTP sink, floor code, and the worker unless it runs as a process). */
  cpuSeconds: number;
  /** CPU seconds of the Temporal server this process started (0 for a floor: it uses none). */
  temporalCpuSeconds: number;
  /** Highest RSS of this process during the measurement, sampled every 100 ms. */
  peakRssMiB: number;
  temporalPeakRssMiB: number;
  /** The worker processes (worker/main.ts, as in production), when the bench runs them: CPU of all, peak RSS of the largest. */
  workerCpuSeconds: number;
  workerPeakRssMiB: number;
  sqlStatements: number;
  /**
   * The database clean-up of what this side wrote (alternate's `settle`, run right after it): its time, and the
   * CPU of the PostgreSQL backend that did it. Left out of `seconds` (autovacuum does this work later, apart from
   * the request); counted in the CPU ratio.
   */
  cleanUp?: { seconds: number; postgresCpuSeconds: number };
}

const workerSqlCountFile = resolve(__dirname, '../../.data/bench/worker-sql-count');

/**
 * The environment of a worker process whose SQL statements the bench counts: it loads
 * scripts/bench/count-sql.mjs, which writes its count to a file when the bench asks.
 */
function countingWorkerEnv(): Record<string, string> {
  mkdirSync(resolve(workerSqlCountFile, '..'), { recursive: true });
  writeFileSync(workerSqlCountFile, '0');
  return {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${resolve(__dirname, 'count-sql.mjs')}`.trim(),
    BENCH_SQL_COUNT_FILE: workerSqlCountFile,
  };
}

/**
 * Options for node in the bench's worker processes: BENCH_WORKER_CPU_PROF=<dir> writes a V8 CPU profile there
 * when each ends; BENCH_WORKER_NODE_ARGS adds others (space-separated, e.g. --trace-gc).
 */
function workerNodeOptions(): string[] {
  const profile = process.env.BENCH_WORKER_CPU_PROF;
  return [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
}

/** Asks the worker processes for their statement count (count-sql.mjs answers SIGWINCH) and reads it. */
async function workerSqlCount(workers: number[]): Promise<number> {
  if (workers.length === 0) return 0;
  writeFileSync(workerSqlCountFile, '');
  for (const pid of workers) process.kill(pid, 'SIGWINCH');
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((done) => setTimeout(done, 20));
    const text = readFileSync(workerSqlCountFile, 'utf8');
    if (text) return Number(text);
  }
  throw new Error('the worker process did not report its SQL statements');
}

function isWorker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('worker/main');
  } catch {
    return false;
  }
}

function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/**
 * Samples the backends of `databaseUrl` (pg_stat_activity) every 250 ms and reads their CPU from /proc, so
 * the PostgreSQL work of either side is counted: a backend seen at the start counts from there, one that
 * appears later from zero. The PostgreSQL server runs on this machine (the harness's TEST_DATABASE_SERVER_URL).
 */
async function postgresCpuSampler(databaseUrl: string): Promise<{ stop(): Promise<number> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const since = new Map<number, number>();
  const latest = new Map<number, number>();
  const sample = async (initial: boolean) => {
    const { rows } = (await uncountedQuery.call(
      client,
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    )) as { rows: { pid: number }[] };
    for (const { pid } of rows) {
      const cpu = cpuSecondsOf(pid);
      if (!since.has(pid)) since.set(pid, initial ? cpu : 0);
      latest.set(pid, Math.max(latest.get(pid) ?? 0, cpu));
    }
  };
  await sample(true);
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(() => sample(false)).catch(() => undefined);
  }, 250);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      await sample(false).catch(() => undefined);
      await client.end();
      let total = 0;
      for (const [pid, start] of since) total += Math.max(latest.get(pid)!, cpuSecondsOf(pid)) - start;
      return total;
    },
  };
}

/**
 * Runs `work` and measures it; RSS is sampled, so a peak shorter than 100 ms may be missed. With
 * `databaseUrl`, the CPU of the PostgreSQL backends serving that database is measured too.
 */
export async function measure(work: () => Promise<void>, databaseUrl?: string): Promise<Measured> {
  countSqlStatements();
  const children = childPids();
  const workers = children.filter(isWorker);
  const servers = children.filter((pid) => !workers.includes(pid));
  const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const rssOf = (pids: number[]) => pids.reduce((sum, pid) => sum + rssBytesOf(pid), 0);
  let peakRss = process.memoryUsage.rss();
  let peakServerRss = rssOf(servers);
  const peakWorkerRss = new Map(workers.map((pid) => [pid, rssBytesOf(pid)]));
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakServerRss = Math.max(peakServerRss, rssOf(servers));
    for (const pid of workers) peakWorkerRss.set(pid, Math.max(peakWorkerRss.get(pid)!, rssBytesOf(pid)));
  }, 100);
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = cpuOf(servers);
  const workerCpuBefore = cpuOf(workers);
  const statementsBefore = sqlStatements + (await workerSqlCount(workers));
  const postgres = databaseUrl ? await postgresCpuSampler(databaseUrl) : undefined;
  const loadBefore = loadAverage();
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const postgresCpuSeconds = (await postgres?.stop()) ?? 0;
  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return {
    seconds,
    load: [loadBefore, loadAverage()],
    postgresCpuSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    temporalCpuSeconds: cpuOf(servers) - serverCpuBefore,
    peakRssMiB: mib(Math.max(peakRss, process.memoryUsage.rss())),
    temporalPeakRssMiB: mib(peakServerRss),
    workerCpuSeconds: cpuOf(workers) - workerCpuBefore,
    workerPeakRssMiB: mib(Math.max(0, ...peakWorkerRss.values())),
    sqlStatements: sqlStatements + (await workerSqlCount(workers)) - statementsBefore,
  };
}

/** CPU seconds of everything a side used: this process, the worker processes, the Temporal server, PostgreSQL. */
export function totalCpuSeconds(m: Measured): number {
  return (
    m.cpuSeconds +
    m.workerCpuSeconds +
    m.temporalCpuSeconds +
    m.postgresCpuSeconds +
    (m.cleanUp?.postgresCpuSeconds ?? 0)
  );
}

/** A side's seconds with the clean-up of what it wrote. */
function withCleanUp(m: Measured): number {
  return m.seconds + (m.cleanUp?.seconds ?? 0);
}

/**
 * Prints one line per measurement (with the load average beside it) and the project/floor ratios of each
 * round and overall: wall time, and CPU with and without PostgreSQL's backends.
 */
export function report(
  title: string,
  perUnit: { count: number; unit: string },
  rounds: { floor: Measured; project: Measured }[],
): void {
  const perUnitMs = (seconds: number) => `${((seconds * 1000) / perUnit.count).toFixed(2)} ms/${perUnit.unit}`;
  const line = (label: string, m: Measured) =>
    [
      label.padEnd(12),
      `${m.seconds.toFixed(1).padStart(7)} s`,
      `cpu ${m.cpuSeconds.toFixed(1).padStart(6)} s`,
      `temporal cpu ${m.temporalCpuSeconds.toFixed(1).padStart(6)} s`,
      `postgres cpu ${m.postgresCpuSeconds.toFixed(1).padStart(6)} s`,
      `peak rss ${String(m.peakRssMiB).padStart(5)} MiB`,
      `temporal rss ${String(m.temporalPeakRssMiB).padStart(5)} MiB`,
      ...(m.workerCpuSeconds > 0
        ? [
            `worker cpu ${m.workerCpuSeconds.toFixed(1).padStart(6)} s  worker rss ${String(m.workerPeakRssMiB).padStart(5)} MiB`,
          ]
        : []),
      `sql/${perUnit.unit} ${(m.sqlStatements / perUnit.count).toFixed(1).padStart(5)}`,
      perUnitMs(m.seconds),
      `all cpu ${perUnitMs(totalCpuSeconds(m))}`,
      `load ${m.load[0].toFixed(1)}→${m.load[1].toFixed(1)}`,
      ...(m.cleanUp
        ? [
            `clean-up after ${m.cleanUp.seconds.toFixed(1)} s (postgres cpu ${m.cleanUp.postgresCpuSeconds.toFixed(1)} s)`,
          ]
        : []),
    ].join('  ');
  console.log(`\n${title}: ${perUnit.count} ${perUnit.unit}s, ${rounds.length} round(s)`);
  rounds.forEach((round, index) => {
    console.log(line(`floor #${index + 1}`, round.floor));
    console.log(line(`project #${index + 1}`, round.project));
    console.log(
      `ratio #${index + 1}    ${(round.project.seconds / round.floor.seconds).toFixed(2)}×, ` +
        `CPU ${(totalCpuSeconds(round.project) / totalCpuSeconds(round.floor)).toFixed(2)}×` +
        (round.project.cleanUp && round.floor.cleanUp
          ? `, ${(withCleanUp(round.project) / withCleanUp(round.floor)).toFixed(2)}× with each side's clean-up`
          : ''),
    );
  });
  const sum = (pick: (m: Measured) => number, side: 'floor' | 'project') =>
    rounds.reduce((total, round) => total + pick(round[side]), 0);
  const ratio = (pick: (m: Measured) => number) =>
    ((sum(pick, 'project') + 1e-9) / (sum(pick, 'floor') + 1e-9)).toFixed(2);
  const worker = Math.max(...rounds.map((round) => round.project.workerPeakRssMiB));
  const cleanUp = rounds.every((round) => round.floor.cleanUp && round.project.cleanUp)
    ? ` (${ratio(withCleanUp)}× with each side's clean-up)`
    : '';
  console.log(
    `ratio (all rounds) ${ratio((m) => m.seconds)}×${cleanUp}, CPU ratio ${ratio(totalCpuSeconds)}× with PostgreSQL's ` +
      `backends (${ratio((m) => totalCpuSeconds(m) - m.postgresCpuSeconds)}× without; PostgreSQL ` +
      `${sum((m) => m.postgresCpuSeconds, 'project').toFixed(1)} s against ${sum((m) => m.postgresCpuSeconds, 'floor').toFixed(1)} s)` +
      (worker > 0 ? `, worker peak rss ${worker} MiB` : ''),
  );
}

/**
 * Floor and project once per round; odd rounds run the floor first, even rounds the project first. `warmUp`
 * (both sides on a few employees, so neither pays the process's first JIT and connections) runs untimed
 * before round 1. With `databaseUrl`, PostgreSQL's CPU is measured for both sides.
 */
export async function alternate(
  rounds: number,
  floor: (round: number) => Promise<void>,
  project: (round: number) => Promise<void>,
  options: {
    databaseUrl?: string;
    warmUp?: () => Promise<void>;
    /**
     * Cleans up after a side in the database both sides write to (e.g. VACUUM) and answers the CPU seconds of the
     * backend that did it: once before round 1, then right after each side, timed as that side's clean-up
     * (Measured.cleanUp), so each side starts clean and pays for what it left.
     */
    settle?: () => Promise<number>;
    /** Runs, untimed, before each side (e.g. ANALYZE, so both sides are planned on the table as it now is). */
    beforeEach?: () => Promise<void>;
  } = {},
): Promise<{ floor: Measured; project: Measured }[]> {
  if (options.warmUp) {
    const started = performance.now();
    await options.warmUp();
    console.log(`warm-up (not timed): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const results: { floor: Measured; project: Measured }[] = [];
  const settle = options.settle;
  await settle?.();
  const timed = async (work: () => Promise<void>): Promise<Measured> => {
    await options.beforeEach?.();
    const measured = await measure(work, options.databaseUrl);
    if (!settle) return measured;
    const started = performance.now();
    const postgresCpuSeconds = await settle();
    return { ...measured, cleanUp: { seconds: (performance.now() - started) / 1000, postgresCpuSeconds } };
  };
  for (let round = 1; round <= rounds; round++) {
    if (round % 2 === 1) {
      const f = await timed(() => floor(round));
      const p = await timed(() => project(round));
      results.push({ floor: f, project: p });
    } else {
      const p = await timed(() => project(round));
      const f = await timed(() => floor(round));
      results.push({ floor: f, project: p });
    }
  }
  return results;
}

/** Runs a bench's main and exits (the harness leaves the SDK's native handles open). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Waits until the worker process `pid` polls each of `queues`, so its start-up is not measured. */
async function workerProcessReady(
  h: { env: { client: { workflowService: Client['workflowService'] }; namespace?: string } },
  pid: number,
  queues: readonly TaskQueue[],
): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (const name of queues) {
    const type =
      name === TaskQueues.main
        ? temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
        : temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY;
    for (;;) {
      const described = await h.env.client.workflowService.describeTaskQueue({
        namespace: h.env.namespace ?? 'default',
        taskQueue: { name },
        taskQueueType: type,
      });
      // A worker's identity starts with its process id (the SDK's default, pid@host).
      if (described.pollers?.some((poller) => poller.identity?.startsWith(`${pid}@`))) break;
      if (Date.now() > deadline) throw new Error(`no worker polls ${name}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

/**
 * The bench's workers, as BENCH_WORKER says: `process` (default) one worker process serving every queue as
 * `npm run up` runs it; `split` one process for the bulk queue and one for the rest, as a deployment that
 * keeps bulk chunks away from clicks would; `inline` the harness's workers in this process.
 */
export async function startBenchWorkers(
  h: Harness,
  env: Record<string, string>,
  mode = process.env.BENCH_WORKER ?? 'process',
): Promise<{ describe: string; pids: number[]; stop(): void }> {
  if (mode === 'inline') return { describe: 'worker in the bench process', pids: [], stop() {} };
  if (mode !== 'process' && mode !== 'split') throw new Error('BENCH_WORKER is process, split or inline');
  await h.stopWorker();
  const every = Object.values(TaskQueues);
  const groups: TaskQueue[][] =
    mode === 'split' ? [every.filter((queue) => queue !== TaskQueues.bulk), [TaskQueues.bulk]] : [every];
  const children = groups.map((queues) => ({
    queues,
    child: startWorkerProcess(
      h,
      { ...env, WORKER_TASK_QUEUES: queues.join(','), ...countingWorkerEnv() },
      workerNodeOptions(),
    ),
  }));
  for (const { child, queues } of children) await workerProcessReady(h, child.pid!, queues);
  return {
    describe: groups.map((queues) => `worker process (${queues.join(', ')})`).join(' + '),
    pids: children.map(({ child }) => child.pid!),
    stop() {
      for (const { child } of children) {
        // What the worker printed (e.g. BENCH_WORKER_NODE_ARGS=--trace-gc), kept for reading afterwards.
        writeFileSync(resolve(workerSqlCountFile, '..', `worker-${child.pid}.out`), child.stdoutLines.join('\n'));
        child.kill('SIGTERM');
      }
    },
  };
}
