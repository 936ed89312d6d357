import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedDemoData } from '../lib/demo-data';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';

/**
 * The admin command line driven as an admin would, as child processes against the running API (HTTP on
 * a real port, the Temporal dev server, the worker, the in-test SMTP server): login, import the sample
 * file, issue e-mails with --yes and watch the run to its end, export; exit codes and summaries checked.
 */
let h: Harness;
let server: Server;
let url: string;
let home: string;
const root = resolve(__dirname, '..');
const sample = join(root, 'samples', 'accounts.csv');

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  // The README's sample is for the demo company (its ranks: an own account of a company with ranks needs one).
  await seedDemoData(h.db.orm.em.fork(), companyCode);
  server = h.app.app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  home = mkdtempSync(join(tmpdir(), 'wfc-cli-'));
});

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await h?.teardown();
  rmSync(home, { recursive: true, force: true });
});

function wfc(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, XDG_CONFIG_HOME: home, LANG: 'en_US.UTF-8', WFC_URL: '', WFC_TOKEN: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

describe('wfc', () => {
  it('refuses without a login (exit 2), then logs in and keeps the token in a 0600 file', async () => {
    const anonymous = await wfc(['runs', 'list']);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('wfc login');

    const wrong = await wfc(['login', '--url', url, '--company', companyCode, '--user', 'Admin', '--password-stdin'], {
      stdin: 'not-the-password\n',
    });
    expect(wrong.code).toBe(2);

    const login = await wfc(['login', '--url', url, '--company', companyCode, '--user', 'Admin', '--password-stdin'], {
      stdin: `${adminPassword}\n`,
    });
    expect(login.code).toBe(0);
    const config = join(home, 'wfc', 'config.json');
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toMatchObject({ url, company: companyCode });
  });

  it('imports the sample (dry run first), issues e-mails with --yes, watches the run to its end and exports', async () => {
    const dry = await wfc(['accounts', 'import', sample, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('create 10');

    const results = join(home, 'import-results.csv');
    const imported = await wfc(['accounts', 'import', sample, '--results', results]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('created 10');
    const importRows = parse(readFileSync(results), { bom: true }) as string[][];
    expect(importRows.slice(1).map((row) => row[2])).toEqual(Array(10).fill('create'));

    const runResults = join(home, 'run-results.csv');
    const issued = await wfc(['--json', 'issue', 'email', '--accounts', sample, '--yes', '--results', runResults]);
    expect(issued.code).toBe(0);
    const summary = JSON.parse(issued.stdout) as { runId: string; progress: Record<string, number> };
    expect(summary.progress).toMatchObject({ total: 10, queued: 0, sending: 0, pendingVerification: 10, failed: 0 });
    expect(new Set(h.smtp.mails.map((mail) => mail.to[0])).size).toBe(10);
    const runRows = parse(readFileSync(runResults), { bom: true }) as string[][];
    expect(runRows[0]).toEqual(bulkRunHeader);
    expect(runRows.slice(1).map((row) => [row[1], row[3], row[4]])).toContainEqual([
      'S0001',
      'sato.taro@example.com',
      'pending',
    ]);
    expect(runRows.slice(1).every((row) => row[6] !== '' && row[7] !== '')).toBe(true);

    const listed = await wfc(['--json', 'runs', 'list']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).items.map((run: { runId: string }) => run.runId)).toContain(summary.runId);

    const exported = await wfc(['accounts', 'export', '--issuance-status', 'auth-pending']);
    expect(exported.code).toBe(0);
    const exportedRows = parse(exported.stdout, { bom: true }) as string[][];
    expect(exportedRows.slice(1).map((row) => row[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => `S${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('issues a PDF of password notices with --yes, saves it and its results file', async () => {
    const admin = (
      await h.http.post('/api/auth/login').send({ companyCode, loginId: 'Admin', password: adminPassword })
    ).body.token as string;
    const setPdf = (channel: string) =>
      h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ issuanceChannel: channel });
    const file = join(home, 'pdf-accounts.csv');
    writeFileSync(
      file,
      readFileSync(sample, 'utf8')
        .replace(/S00(0[1-2]),/g, 'N00$1,')
        .split('\r\n')
        .slice(0, 3)
        .join('\r\n'),
    );
    expect((await wfc(['accounts', 'import', file, '--results', join(home, 'pdf-import.csv')])).code).toBe(0);
    expect((await setPdf('pdf')).status).toBe(200);
    try {
      const out = join(home, 'notices.pdf');
      const results = join(home, 'pdf-results.csv');
      const issued = await wfc(['issue', 'pdf', '--code', 'N', '--yes', '--out', out, '--results', results]);
      expect(issued.code).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      const rows = parse(readFileSync(results), { bom: true }) as string[][];
      expect(rows.slice(1).map((row) => [row[1], row[4]])).toEqual([
        ['N0001', 'issued'],
        ['N0002', 'issued'],
      ]);
      expect(rows.slice(1).every((row) => row[8] !== '' && row[9] !== '')).toBe(true);
    } finally {
      await setPdf('email');
    }
  });

  it('exits 1 when rows of the file fail, and 2 on usage errors', async () => {
    const bad = join(home, 'bad.csv');
    writeFileSync(
      bad,
      `${readFileSync(sample, 'utf8').split('\r\n')[0]}\r\nB0001,自社,山田,太郎,ヤマダ,タロウ,,b@example.com,2026-04-01,0,0,0,employee\r\n`,
    );
    const failed = await wfc(['accounts', 'import', bad, '--results', join(home, 'bad-results.csv')]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('errors 1');
    expect((await wfc(['issue', 'email', '--yes'])).code).toBe(2);
    expect((await wfc(['accounts', 'import'])).code).toBe(2);
  });
});

const bulkRunHeader = [
  'position',
  'code',
  'name',
  'address',
  'outcome',
  'reason',
  'sentAt',
  'expiresAt',
  'verifiedAt',
  'issuedAt',
];
