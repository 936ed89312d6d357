/**
 * Measures how fast hostile input is refused and what it costs the API (issue 17), against the test harness
 * (scratch database, Temporal dev server, worker) over real HTTP on a loopback port, the service's default
 * limits. For each case: the time to the answer (median of BENCH_RUNS, default 5) and the growth of this
 * process's RSS (API and idle harness; peak sampled every 5 ms, against the RSS just before), next to a
 * floor doing the least the case needs: a bare Express app with express.json for the JSON body, a bare
 * Express route piping the same upload into csv-parse and stopping at the same row for the CSV, and their ratio. Also the
 * slowest /healthz answer while 35 deep bodies arrive at once.
 *   npm run bench:hostile
 */
import { parse } from 'csv-parse';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { adminToken } from '../test/support/api';
import { importHeader, toCsv } from '../test/support/account-csv';
import { prepareWorkflowBundle, runBench } from './bench/support';
import { createHarness } from '../test/support/harness';

const mib = (bytes: number) => bytes / 1024 / 1024;
const runs = Number(process.env.BENCH_RUNS ?? 5);

interface Sample {
  ms: number;
  rssGrowthMib: number;
  status: number;
  code?: string;
}

/** One timed piece of work with the peak RSS growth of this process while it ran. */
async function sample(work: () => Promise<{ status: number; code?: string }>): Promise<Sample> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  try {
    const answer = await work();
    const ms = performance.now() - started;
    return { ms, rssGrowthMib: mib(Math.max(peak, process.memoryUsage.rss()) - before), ...answer };
  } finally {
    clearInterval(timer);
  }
}

async function median(work: () => Promise<{ status: number; code?: string }>): Promise<Sample> {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) samples.push(await sample(work));
  samples.sort((a, b) => a.ms - b.ms);
  const middle = samples[Math.floor(samples.length / 2)]!;
  return { ...middle, rssGrowthMib: Math.max(...samples.map((s) => s.rssGrowthMib)) };
}

async function post(url: string, body: Buffer | string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

function listen(app: express.Express): Promise<{ base: string; close: () => void }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ base: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

/** The least work a JSON refusal needs: express.json parsing the body, then a 400. */
function bareJsonApp(): express.Express {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/', (_req, res) => {
    res.status(400).json({ error: { code: 'FLOOR' } });
  });
  return app;
}

/**
 * The least work a CSV refusal needs: a bare Express route piping the request into csv-parse, answering at the
 * same record and reading the rest of the upload as the service does.
 */
function bareCsvApp(stopAt: number): express.Express {
  const app = express();
  app.post('/', async (req, res) => {
    let records = 0;
    const parser = req.pipe(parse({ bom: true, relax_column_count: true }));
    for await (const _record of parser) {
      if (++records > stopAt) break;
    }
    req.unpipe();
    req.resume();
    res.status(413).json({ error: { code: 'FLOOR' } });
  });
  return app;
}

function line(name: string, project: Sample, floor?: Sample): void {
  const answer = `${project.status} ${project.code ?? ''}`.trim();
  const floorText = floor ? `  floor ${floor.ms.toFixed(1)} ms (+${floor.rssGrowthMib.toFixed(0)} MiB)` : '';
  const ratio = floor ? `  ratio ${(project.ms / floor.ms).toFixed(2)}×` : '';
  console.log(
    `${name.padEnd(44)} ${answer.padEnd(26)} ${project.ms.toFixed(1).padStart(8)} ms  RSS +${project.rssGrowthMib.toFixed(0)} MiB${floorText}${ratio}`,
  );
}

runBench(async () => {
  await prepareWorkflowBundle();
  const h = await createHarness({ temporal: 'local' });
  try {
    const token = await adminToken(h);
    const api = await listen(h.app.app);
    const floorApp = await listen(bareJsonApp());
    const csvFloor = await listen(bareCsvApp(10_001));
    const commasFloor = await listen(bareCsvApp(1));
    const json = { 'Content-Type': 'application/json' };
    const csvHeaders = { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` };
    const importUrl = `${api.base}/api/account-imports?dryRun=true`;
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const header = toCsv([importHeader]);
    const files = {
      rows600k: Buffer.from(header + 'Z12345678,ab\r\n'.repeat(600_000)),
      rows1m: Buffer.from(header + 'Z12,own\r\n'.repeat(1_000_000)),
      commas: Buffer.from(header + ','.repeat(10 * 1024 * 1024 - header.length - 1024)),
    };
    console.log(`runs per case: ${runs} (median time, highest RSS growth); files built before measuring`);
    console.log(
      `files: 600,000 rows ${mib(files.rows600k.length).toFixed(1)} MiB, 1,000,000 rows ${mib(files.rows1m.length).toFixed(1)} MiB, commas ${mib(files.commas.length).toFixed(1)} MiB`,
    );

    line(
      'deep JSON (100,000 [ ]) → POST /api/auth/login',
      await median(() => post(`${api.base}/api/auth/login`, deep, json)),
      await median(() => post(floorApp.base, deep, json)),
    );
    const healthz: number[] = [];
    const storm = Array.from({ length: 35 }, () => post(`${api.base}/api/auth/login`, deep, json));
    const probes = (async () => {
      for (let probe = 0; probe < 10; probe++) {
        const started = performance.now();
        await fetch(`${api.base}/healthz`).then((res) => res.text());
        healthz.push(performance.now() - started);
      }
    })();
    const answers = await Promise.all(storm);
    await probes;
    console.log(
      `35 deep bodies at once: ${answers.filter((a) => a.status === 400).length}×400; /healthz meanwhile max ${Math.max(...healthz).toFixed(1)} ms (10 probes)`,
    );

    global.gc?.();
    line(
      'CSV 600,000 rows → dry run',
      await median(() => post(importUrl, files.rows600k, csvHeaders)),
      await median(() => post(csvFloor.base, files.rows600k, csvHeaders)),
    );
    line(
      'CSV 1,000,000 rows → dry run',
      await median(() => post(importUrl, files.rows1m, csvHeaders)),
      await median(() => post(csvFloor.base, files.rows1m, csvHeaders)),
    );
    line(
      'CSV one line of commas → dry run',
      await median(() => post(importUrl, files.commas, csvHeaders)),
      await median(() => post(commasFloor.base, files.commas, csvHeaders)),
    );
    api.close();
    floorApp.close();
    csvFloor.close();
    commasFloor.close();
  } finally {
    await h.teardown();
  }
});
