import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { adminPassword, companyCode, publicBaseUrl } from './harness';

export interface ApiProcess {
  child: ChildProcess;
  /** The port it listens on, once it logged `API listening`. */
  listening: Promise<number>;
  /** Every stdout line (JSON log lines), as written. */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * The API as its own process (api/main.ts, as in production, PORT=0) against a database and a Temporal server;
 * `listening` rejects when the process ends before it serves, with what it wrote to stderr.
 */
export function startApiProcess(env: { databaseUrl: string; temporalAddress: string }): ApiProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: resolve(__dirname, '../..'),
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: env.databaseUrl,
      TEMPORAL_ADDRESS: env.temporalAddress,
      PUBLIC_BASE_URL: publicBaseUrl,
      SERVICE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      ADMIN_PASSWORD: adminPassword,
      BOOTSTRAP_COMPANY_CODE: companyCode,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<number>((resolvePort, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'API listening' && entry.port) resolvePort(entry.port);
      } catch {
        // Not a log line (the one-time administrator banner); kept in `lines` all the same.
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`API process ended (${code ?? signal}): ${stderr}`)));
  });
  listening.catch(() => undefined);
  return {
    child,
    listening,
    lines,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
