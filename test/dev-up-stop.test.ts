import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * `npm run up` end to end, as a user runs it: the real npm, scripts/up.sh, the supervisor and its children
 * (Temporal dev server, MailDev, API, worker) on free ports with a throwaway data folder and database.
 * Every process of the run carries a marker in its environment, so the test can tell whether any is left.
 */
const projectRoot = resolve(__dirname, '..');
const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => done(port));
    });
  });
}

function canBind(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = net.createServer();
    server.once('error', () => done(false));
    server.listen({ port, exclusive: true }, () => server.close(() => done(true)));
  });
}

/** Pids of the processes whose environment holds the marker (Linux /proc). */
function processesWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((done) => setTimeout(done, 200));
  }
  return check();
}

interface Run {
  npm: ChildProcess;
  output: () => string;
  marker: string;
  ports: number[];
  cleanup: () => Promise<void>;
}

async function startUp(): Promise<Run> {
  const marker = `DEV_UP_STOP_TEST_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'dev-up-'));
  const database = `wfc_test_up_${randomBytes(6).toString('hex')}`;
  const [temporal, temporalUi, mailSmtp, mailWeb, api, workerMetrics, sdkMetrics] = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7].map(() => freePort()),
  );
  const ports = [temporal!, temporalUi!, mailSmtp!, mailWeb!, api!, workerMetrics!, sdkMetrics!];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [marker]: '1',
    DEV_UP_DATA_DIR: dataDir,
    DATABASE_URL: `${serverUrl}/${database}`,
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(temporalUi),
    MAIL_SMTP_PORT: String(mailSmtp),
    MAIL_WEB_PORT: String(mailWeb),
    PORT: String(api),
    WORKER_METRICS_PORT: String(workerMetrics),
    TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${sdkMetrics}`,
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
  };
  for (const name of ['TEMPORAL_ADDRESS', 'SMTP_URL', 'ADMIN_PASSWORD', 'SERVICE_SECRET_KEY', 'PUBLIC_BASE_URL'])
    delete env[name];
  // Its own process group, like a shell's foreground job, so the test can send Ctrl-C the way a terminal does.
  const npm = spawn('npm', ['run', 'up'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const cleanup = async () => {
    for (const pid of processesWithMarker(marker)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  return { npm, output: () => output, marker, ports, cleanup };
}

async function expectEverythingStopped(run: Run): Promise<void> {
  const exited = new Promise<void>((done) => (run.npm.exitCode !== null ? done() : run.npm.once('exit', () => done())));
  await exited;
  // Every child gets 5 s after SIGTERM before SIGKILL; the API and worker stop first, then the servers.
  const allGone = await waitFor(() => processesWithMarker(run.marker).length === 0, 20_000);
  expect({ allGone, left: processesWithMarker(run.marker) }).toEqual({ allGone: true, left: [] });
  for (const port of run.ports) expect({ port, free: await canBind(port) }).toEqual({ port, free: true });
}

describe('npm run up', () => {
  it('shows the generated admin password in the summary and stops every child on SIGTERM to npm', async () => {
    const run = await startUp();
    try {
      const ready = await waitFor(() => run.output().includes('Workforce credentials is running'), 150_000);
      expect({ ready, output: ready ? '' : run.output() }).toEqual({ ready: true, output: '' });
      const printed = /^\s*\[api\]\s+password: (\S+)\s*$/m.exec(run.output())?.[1];
      expect(printed).toBeDefined();
      expect(run.output()).toMatch(new RegExp(`Admin password ${printed!}\\s+\\(generated`));
      expect(run.output()).toContain('The first login must change it: POST /api/auth/password');
      expect(processesWithMarker(run.marker).length).toBeGreaterThanOrEqual(5);

      // The API's, the worker's and the Temporal SDK's Prometheus endpoints answer.
      const [, , , , api, workerMetrics, sdkMetrics] = run.ports;
      const metrics = async (port: number | undefined) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(await metrics(api)).toContain('# TYPE http_request_duration_seconds histogram');
      expect(await metrics(workerMetrics)).toContain('# TYPE mail_send_duration_seconds histogram');
      expect(await metrics(sdkMetrics)).toMatch(/^temporal_\w+/m);

      process.kill(run.npm.pid!, 'SIGTERM');
      await expectEverythingStopped(run);
    } finally {
      await run.cleanup();
    }
  }, 200_000);

  it('stops every child on Ctrl-C (SIGINT to the foreground process group) while still starting', async () => {
    const run = await startUp();
    try {
      const started = await waitFor(() => run.output().includes('starting the API and the worker'), 60_000);
      expect(started).toBe(true);
      process.kill(-run.npm.pid!, 'SIGINT');
      await expectEverythingStopped(run);
      expect(run.output()).toContain('SIGINT received');
    } finally {
      await run.cleanup();
    }
  }, 120_000);
});
