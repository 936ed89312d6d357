import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { requireBinary, scimCliPath } from '../scripts/temporal-binaries';
import { adminToken } from './support/api';
import { createHarness, type Harness } from './support/harness';

/**
 * The SCIM compliance check of scim2-tester (`scim2 test`, PyPI scim2-cli, installed into .tools/venv by
 * scripts/setup.sh) against the service on a real port: discovery, then create, read, filter, replace, patch and
 * delete of the users it makes. Any ERROR or CRITICAL result fails the test.
 */
let h: Harness;
let server: Server;
let token: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  const admin = await adminToken(h);
  const bearer = { Authorization: `Bearer ${admin}` };
  // The checker makes users without an enterprise employeeNumber: the company numbers its codes.
  const settings = await h.http
    .patch('/api/settings')
    .set(bearer)
    .send({ azureAdEnabled: true, accountCodeNumbering: 'auto' });
  expect(settings.status).toBe(200);
  const made = await h.http.post('/api/scim/tokens').set(bearer).send({ name: 'scim2-tester', roleCode: 'user-admin' });
  expect(made.status).toBe(201);
  token = made.body.token as string;
  server = h.app.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await h?.teardown();
});

it('scim2 test finds no ERROR or CRITICAL result', async () => {
  const { port } = server.address() as AddressInfo;
  const cli = requireBinary(scimCliPath(), 'scim2 (PyPI scim2-cli)');
  const { stdout, stderr } = await promisify(execFile)(
    cli,
    ['--url', `http://127.0.0.1:${port}/scim/v2`, 'test', '--verbose'],
    {
      // The token goes in the environment, not the command line, which other users of the machine can read.
      env: { ...process.env, SCIM_CLI_HEADERS: `Authorization: Bearer ${token}`, NO_COLOR: '1' },
      timeout: 120_000,
      maxBuffer: 10 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? String(error),
  }));
  const output = `${stdout}\n${stderr}`;
  const lines = output.split('\n');
  // Each failing check with the line that says why.
  const failures = lines.flatMap((line, index) =>
    /^(ERROR|CRITICAL)\b/.test(line) ? [`${line}: ${lines[index + 1]?.trim() ?? ''}`] : [],
  );
  expect(failures).toEqual([]);
  // It ran the checks (not only printed a usage or a connection error).
  expect(output).toMatch(/SUCCESS/);
});
