/**
 * `npm run check:schemathesis -- [--max-examples N] [schemathesis options…]`: schemathesis (pinned, installed into
 * .tools/venv by `SETUP_SCHEMATHESIS=1 bash scripts/setup.sh`) against the API on a scratch database (the test
 * harness: PostgreSQL, the Temporal dev server, a worker, an SMTP server), with `--checks all` over every operation
 * of /openapi.json, as the system administrator of the harness's company. Two runs: every operation but the two
 * that end or replace the run's own session (POST /api/auth/logout, POST /api/auth/password), then those two with a
 * session of their own. Exits non-zero when schemathesis found failures.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { adminToken, createAccount } from '../test/support/api';
import { prepareWorkflowBundle } from './bench/support';
import { runBenchmark } from './bench-harness';

const schemathesis = resolve(__dirname, '../.tools/venv/bin/schemathesis');
const sessionEnders = '^/api/auth/(logout|password)$';

function run(args: string[]): Promise<number> {
  console.log(
    `\n$ schemathesis ${args.map((arg) => (arg.startsWith('Authorization') ? 'Authorization: Bearer …' : arg)).join(' ')}`,
  );
  const child = spawn(schemathesis, args, { stdio: 'inherit' });
  return once(child, 'exit').then(([code]) => (code as number | null) ?? 1);
}

async function main(): Promise<void> {
  const extra = process.argv.slice(2);
  if (!extra.includes('--max-examples')) extra.push('--max-examples', '20');
  await prepareWorkflowBundle();
  runBenchmark({ temporal: 'local' }, async (h) => {
    const server = h.app.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const admin = await adminToken(h);
      // A few accounts for the path parameters to find (E0001 is the documented example).
      for (const code of ['E0001', 'E0002']) await createAccount(h, admin, { code, emails: [`${code}@example.test`] });
      const common = ['run', `${base}/openapi.json`, '--url', base, '--checks', 'all', '--workers', '2', ...extra];
      const main = await run([
        ...common,
        '-H',
        `Authorization: Bearer ${admin}`,
        '--exclude-path-regex',
        sessionEnders,
      ]);
      const enders = await run([
        ...common,
        '-H',
        `Authorization: Bearer ${await adminToken(h)}`,
        '--include-path-regex',
        sessionEnders,
      ]);
      if (main !== 0 || enders !== 0) throw new Error(`schemathesis found failures (exit codes ${main}, ${enders})`);
    } finally {
      server.close();
    }
  });
}

void main();
