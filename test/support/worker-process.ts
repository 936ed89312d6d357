import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { publicBaseUrl, type Harness } from './harness';

/**
 * The worker as its own process (worker/main.ts, as in production) against the harness's database,
 * Temporal server and SMTP server, for the tests that kill it with SIGKILL.
 */
export function startWorkerProcess(
  h: Harness,
  extraEnv: Record<string, string> = {},
  /** Options for node itself, e.g. a bench's --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeOptions: string[] = [],
): ChildProcess & { stdoutLines: string[] } {
  // The old-space limit as deployed (docker-compose.yml, npm run up): V8 collects before the heap grows far past
  // what is live (BENCH.md). A bench's nodeOptions come after it, so a --max-old-space-size there wins.
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=256', ...nodeOptions, '--import', 'tsx', 'worker/main.ts'],
    {
      cwd: resolve(__dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: h.db.url,
        TEMPORAL_ADDRESS: h.env.address,
        SMTP_URL: h.smtp.url,
        PUBLIC_BASE_URL: publicBaseUrl,
        SERVICE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
        WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE,
        WORKER_METRICS_PORT: '0',
        TEMPORAL_METRICS_ADDRESS: '',
        LOG_LEVEL: 'warn',
        // As the image sets it (Dockerfile).
        MALLOC_ARENA_MAX: '2',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Read as it comes, so a chatty child never blocks on a full pipe.
  const stdoutLines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => stdoutLines.push(line));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && code !== 0) console.error(`worker process ended (${code}): ${stderr}`);
  });
  return Object.assign(child, { stdoutLines });
}
