import { once } from 'node:events';
import { createServer } from 'node:net';
import { loadConfig } from '../lib/config';
import { initOrm } from '../lib/db';
import { adminToken, createAccount, eventually, startIssuance } from './support/api';
import { createHarness, type Harness } from './support/harness';
import { startWorkerProcess } from './support/worker-process';

/** The worker process as an operator and a scraper see it: its log lines, its endpoints, the SDK's metrics. */
let h: Harness;
let worker: ReturnType<typeof startWorkerProcess>;
let metricsPort: number;
let sdkMetricsPort: number;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  metricsPort = await freePort();
  sdkMetricsPort = await freePort();
  worker = startWorkerProcess(h, {
    WORKER_METRICS_PORT: String(metricsPort),
    TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${sdkMetricsPort}`,
    LOG_LEVEL: 'info',
  });
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = once(worker, 'exit');
    worker.kill('SIGTERM');
    await exited;
  }
  await h?.teardown();
});

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);

it('answers /healthz, /readyz once its workers run, /metrics, and 404 for any other path', async () => {
  await eventually(async () => expect((await get(metricsPort, '/readyz')).status).toBe(200), 60_000);
  expect(await (await get(metricsPort, '/readyz')).json()).toEqual({ status: 'ready' });
  expect((await get(metricsPort, '/healthz')).status).toBe(200);
  expect((await get(metricsPort, '/metrics')).status).toBe(200);
  expect((await get(metricsPort, '/')).status).toBe(404);
  expect((await get(metricsPort, '/anything')).status).toBe(404);
});

it('writes every log line as JSON, the SDK’s own included, without warnings for activity-only workers', async () => {
  // The SDK's own lines (its workers changing state) follow the service's "workers running" line.
  const entries = await eventually(async () => {
    const parsed = worker.stdoutLines.map(
      (line) => JSON.parse(line) as { level: number; msg: string; component?: string },
    );
    expect(parsed.some((entry) => entry.msg === 'workers running')).toBe(true);
    expect(parsed.some((entry) => entry.component === 'temporal-sdk')).toBe(true);
    return parsed;
  }, 60_000);
  expect(entries.filter((entry) => /No workflows registered/.test(entry.msg))).toEqual([]);
});

it('exports the SDK metrics with durations in seconds named so and counters ending in _total', async () => {
  const admin = await adminToken(h);
  await createAccount(h, admin, { code: 'W0001', emails: ['worker-ops@example.test'] });
  expect((await startIssuance(h, admin, 'W0001')).status).toBe(202);
  const text = await eventually(async () => {
    const body = await (await get(sdkMetricsPort, '/metrics')).text();
    expect(body).toMatch(/^# TYPE \w+ histogram$/m);
    expect(body).toMatch(/^# TYPE \w+ counter$/m);
    return body;
  }, 60_000);
  const typed = (type: string) =>
    [...text.matchAll(new RegExp(`^# TYPE (\\w+) ${type}$`, 'gm'))].map((match) => match[1]!);
  expect(typed('histogram').filter((name) => !name.endsWith('_seconds'))).toEqual([]);
  expect(typed('counter').filter((name) => !name.endsWith('_total'))).toEqual([]);
  expect(text).not.toMatch(/_milliseconds/);
  expect(typed('histogram').length).toBeGreaterThan(0);
});

it('sizes the PostgreSQL pool of a process from DB_POOL_MAX', async () => {
  const config = loadConfig({ SERVICE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), DB_POOL_MAX: '3' });
  expect(config.dbPoolMax).toBe(3);
  const orm = await initOrm(h.db.url, { migrate: false, poolMax: config.dbPoolMax });
  try {
    expect(orm.config.get('pool')).toMatchObject({ max: 3 });
    // The driver's pool itself, not only the configuration it was given.
    const knexPool = (orm.em.getConnection().getKnex().client as { pool: { max: number } }).pool;
    expect(knexPool.max).toBe(3);
  } finally {
    await orm.close(true);
  }
});
