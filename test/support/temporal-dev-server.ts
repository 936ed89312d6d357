import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeRegistrations } from '../../contract';
import { requireBinary, temporalCliPath } from '../../scripts/temporal-binaries';

export interface DevServer {
  address: string;
  stop(): Promise<void>;
}

const logPath = join(__dirname, '..', '..', '.data', 'test', 'temporal-dev-server.log');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function namespaceReady(address: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

/**
 * The Temporal dev server (in memory) for one test file, started the way `npm run up` starts it, with its
 * banner and logs in `.data/test/temporal-dev-server.log` instead of the test output.
 */
export async function startDevServer(): Promise<DevServer> {
  // The ports are free when picked, but the server picks its internal ports itself at start-up and may take
  // one of them first (bind: address already in use); it then exits at once, and a second try with fresh
  // ports starts it.
  for (let attempt = 1; ; attempt++) {
    const started = await startOnFreePorts();
    if (started !== 'exited') return started;
    if (attempt === 3) throw new Error(`the Temporal dev server exited three times; see ${logPath}`);
  }
}

async function startOnFreePorts(): Promise<DevServer | 'exited'> {
  mkdirSync(join(logPath, '..'), { recursive: true });
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const log = openSync(logPath, 'a');
  const child: ChildProcess = spawn(
    requireBinary(temporalCliPath(), 'The Temporal CLI'),
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--http-port',
      String(await freePort()),
      '--metrics-port',
      String(await freePort()),
      '--log-level',
      'warn',
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--sqlite-pragma',
      'synchronous=OFF',
      ...searchAttributeRegistrations.flatMap((registration) => ['--search-attribute', registration]),
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!(await namespaceReady(address))) {
    if (child.exitCode !== null) return 'exited';
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal dev server did not start within 60 s; see ${logPath}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    address,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
