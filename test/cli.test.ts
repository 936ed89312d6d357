import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { program } from '../cli/main';
import { seedDemoData } from '../lib/demo-data';
import { createAccount, defineRole, registerReady, sessionToken, defaultInitialPassword } from './support/api';
import { alterAuditRow } from './support/audit';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';
import { inTerminal } from './support/terminal';

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

const wfcArgv = [process.execPath, '--import', 'tsx', 'cli/main.ts'];
const cliEnv = () => ({ ...process.env, XDG_CONFIG_HOME: home, LANG: 'en_US.UTF-8', WFC_URL: '', WFC_TOKEN: '' });

function wfc(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const [node, ...nodeArgs] = wfcArgv as [string, ...string[]];
    const child = spawn(node, [...nodeArgs, ...args], {
      cwd: root,
      env: { ...cliEnv(), ...options.env },
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

  it('asks the password on a real terminal without showing it, says who is logged in, and logs out', async () => {
    const typed = await inTerminal([...wfcArgv, 'login', '--url', url, '--company', companyCode, '--user', 'Admin'], {
      cwd: root,
      env: cliEnv(),
      replies: [{ after: 'Password: ', type: `${adminPassword}\r` }],
    });
    expect(typed.screen).toContain('Password: ');
    expect(typed.screen).toContain('Logged in.');
    expect(typed.screen).not.toContain(adminPassword);
    expect(typed.code).toBe(0);

    const me = await wfc(['whoami']);
    expect(me.code).toBe(0);
    expect(me.stdout).toContain(`(Admin) / company code ${companyCode}`);
    expect(me.stdout).toContain(url);
    const meJson = JSON.parse((await wfc(['--json', 'whoami'])).stdout) as { accountCode: string; companyCode: string };
    expect(meJson).toMatchObject({ accountCode: 'Admin', companyCode });

    const config = join(home, 'wfc', 'config.json');
    const { token } = JSON.parse(readFileSync(config, 'utf8')) as { token: string };
    const out = await wfc(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Logged out.');
    expect(existsSync(config)).toBe(false);
    // The session ended on the server too, not only on this machine.
    expect((await h.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const after = await wfc(['whoami']);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('wfc login');

    await logIn();
  });

  it('--help says 企業コード in every command (never 会社コード); --version is the package version', async () => {
    const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
    const helps = everyCommand(program()).map((command) => command.helpInformation());
    expect(helps).toHaveLength(17);
    for (const help of helps) expect(help).not.toContain('会社コード');

    const login = await wfc(['login', '--help']);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('--company <code>  企業コード');
    const version = await wfc(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('imports from stdin (`-`) with plain progress lines off a terminal, and a bar without "ETA NFs" on one', async () => {
    const csv = sampleWithCodes(['D0001', 'D0002', 'K0001', 'K0002']);
    const results = join(home, 'stdin-results.csv');
    const piped = await wfc(['accounts', 'import', '-', '--results', results], { stdin: csv });
    expect(piped.stderr).toBe(`Results file: ${results}\n`);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('created 4');
    const rows = parse(readFileSync(results), { bom: true }) as string[][];
    expect(rows.slice(1).map((row) => [row[1], row[2]])).toEqual([
      ['D0001', 'create'],
      ['D0002', 'create'],
      ['K0001', 'create'],
      ['K0002', 'create'],
    ]);

    const file = join(home, 'terminal.csv');
    writeFileSync(file, sampleWithCodes(['T0001']));
    const onTerminal = await inTerminal(
      [...wfcArgv, 'accounts', 'import', file, '--results', join(home, 'terminal-results.csv')],
      { cwd: root, env: cliEnv() },
    );
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.screen).toContain('100% | 1/1');
    expect(onTerminal.screen).not.toContain('NFs');
    expect(onTerminal.screen).not.toContain('ETA');
  });

  it('runs watch counts every employee in one bucket, replaced ones too, so the numbers add up', async () => {
    const started = await wfc(['--json', 'issue', 'email', '--code', 'D', '--yes', '--results', join(home, 'd.csv')]);
    expect(started.code).toBe(0);
    const { runId } = JSON.parse(started.stdout) as { runId: string };
    // A later issuance to D0001 replaces the run's link to it (再送により無効).
    const again = await h.http
      .post('/api/accounts/D0001/email-issuances')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .send({});
    expect(again.status).toBe(202);

    const watched = await wfc(['runs', 'watch', runId, '--results', join(home, 'd-again.csv')]);
    expect(watched.stdout).toContain(
      '2 in all / queued 0 / sending 0 / awaiting verification 1 / verified 0 / issued 0 / expired 0 / replaced 1 / failed 0 / skipped 0',
    );
    expect(watched.code).toBe(0);
    const shown = JSON.parse((await wfc(['--json', 'runs', 'show', runId])).stdout) as {
      progress: Record<string, number>;
    };
    const {
      total,
      failures: _failures,
      deliveryProblem: _problem,
      estimatedSecondsRemaining: _eta,
      ...buckets
    } = shown.progress;
    expect(Object.values(buckets).reduce((sum, count) => sum + count, 0)).toBe(total);
  });

  it('sends the start again with the same Idempotency-Key when the answer was lost, and the API starts one run', async () => {
    const proxy = await answerLosingProxy(url, 'POST /api/email-issuances/bulk');
    try {
      const before = (await listRuns()).length;
      const issued = await wfc(['--json', 'issue', 'email', '--code', 'K', '--yes', '--results', join(home, 'k.csv')], {
        env: { WFC_URL: proxy.url },
      });
      expect(issued.code).toBe(0);
      expect(proxy.keys).toHaveLength(2);
      expect(proxy.keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(proxy.keys[1]).toBe(proxy.keys[0]);
      const runs = await listRuns();
      expect(runs).toHaveLength(before + 1);
      expect(JSON.parse(issued.stdout)).toMatchObject({ runId: runs[0]?.runId, progress: { total: 2 } });
      // One issuance (one link, one mail) per employee: the retry started nothing.
      for (const code of ['K0001', 'K0002']) {
        const history = await h.http
          .get(`/api/accounts/${code}/issuances`)
          .set('Authorization', `Bearer ${await adminToken()}`);
        expect(history.body.items).toHaveLength(1);
      }
    } finally {
      await proxy.close();
    }
  });

  it('issues to the codes of a file uploaded as it is (--codes-file), in the file order', async () => {
    const imported = await wfc(['accounts', 'import', '-', '--results', join(home, 'u-results.csv')], {
      stdin: sampleWithCodes(['U0001', 'U0002', 'U0003']),
    });
    expect(imported.code).toBe(0);
    const codes = join(home, 'codes.csv');
    writeFileSync(codes, 'アカウントコード\r\nU0003\r\nU0001\r\n');
    const issued = await wfc([
      '--json',
      'issue',
      'email',
      '--codes-file',
      codes,
      '--yes',
      '--results',
      join(home, 'u.csv'),
    ]);
    expect(issued.code).toBe(0);
    const { runId, progress } = JSON.parse(issued.stdout) as { runId: string; progress: { total: number } };
    expect(progress.total).toBe(2);
    const items = await h.http
      .get(`/api/email-issuances/bulk/${runId}/items`)
      .set('Authorization', `Bearer ${await adminToken()}`);
    expect(items.body.items.map((item: { accountCode: string }) => item.accountCode)).toEqual(['U0003', 'U0001']);

    writeFileSync(codes, 'U0002\r\nNOBODY1\r\n');
    const refused = await wfc(['issue', 'email', '--codes-file', codes, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^wfc: ACCOUNT_NOT_FOUND: .+\(file\b/);
    const untouched = await h.http
      .get('/api/accounts/U0002/issuances')
      .set('Authorization', `Bearer ${await adminToken()}`);
    expect(untouched.body.items).toHaveLength(0);
  });

  it("names the API's code and field when the API refuses, and exits 2", async () => {
    const file = join(home, 'unknown.csv');
    writeFileSync(file, 'code\r\nNOBODY1\r\n');
    const refused = await wfc(['issue', 'email', '--accounts', file, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^wfc: [A-Z_]+: .+ \(accounts\.0\.code\b/);
  });
});

describe('wfc audit', () => {
  /** The demo company has ranks: an own account needs one. */
  const ranked = { ranks: [{ effectiveMonth: '2026-04', rankCode: 'R1' }] };
  interface Listed {
    items: { seq: string; action: string; actor: { code: string | null }; target: { code: string | null } }[];
    nextCursor: string | null;
  }
  const listed = async (args: string[]): Promise<Listed> => {
    const run = await wfc(['--json', 'audit', 'list', ...args]);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Listed;
  };

  it('lists the events of a change as a table (English and Japanese), and every filter selects', async () => {
    const admin = await adminToken();
    await createAccount(h, admin, { code: 'AL001', ...ranked });
    const patched = await h.http
      .patch('/api/accounts/AL001')
      .set('Authorization', `Bearer ${admin}`)
      .send({ lastName: '佐藤' });
    expect(patched.status).toBe(200);

    const table = await wfc(['audit', 'list', '--account', 'AL001']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Seq +Time +Action +Outcome +Actor +Target +Changes$/);
    expect(lines[1]).toMatch(
      /Account changed +succeeded +Admin \(system-admin\) +account AL001 佐藤 太郎 +lastName: "山田" → "佐藤"$/,
    );
    expect(lines[2]).toMatch(/Account created +succeeded +Admin \(system-admin\) +account AL001 /);
    expect(lines).toHaveLength(3);
    const japanese = await wfc(['audit', 'list', '--account', 'AL001'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(japanese.stdout).toMatch(/^番号 +日時 +操作 +結果 +操作者 +対象 +変更内容\n/);
    expect(japanese.stdout).toMatch(/アカウント修正 +成功 +Admin/);

    const updates = await listed(['--account', 'AL001', '--action', 'account.update', '--actor', 'Admin']);
    expect(updates.items.map((event) => [event.action, event.target.code])).toEqual([['account.update', 'AL001']]);
    expect((await listed(['--account', 'AL001', '--actor', 'S0001'])).items).toEqual([]);
    expect((await listed(['--target-type', 'role', '--account', 'AL001'])).items).toEqual([]);
    expect((await listed(['--target-type', 'account', '--account', 'AL001'])).items).toHaveLength(2);
    const logins = await listed(['--action', 'login.succeeded']);
    expect(logins.items.length).toBeGreaterThan(0);
    expect(logins.items.every((event) => event.action === 'login.succeeded')).toBe(true);
    expect((await listed(['--account', 'AL001', '--from', '2100-01-01'])).items).toEqual([]);
    expect((await listed(['--account', 'AL001', '--to', '2000-01-01T00:00:00Z'])).items).toEqual([]);
    expect((await listed(['--account', 'AL001', '--from', '2000-01-01'])).items).toHaveLength(2);

    // One page at a time with --cursor, or every page with --all.
    const first = await listed(['--account', 'AL001', '--limit', '1']);
    expect(first.items.map((event) => event.action)).toEqual(['account.update']);
    expect(first.nextCursor).toBe(first.items[0]?.seq);
    const more = await wfc(['audit', 'list', '--account', 'AL001', '--limit', '1']);
    expect(more.stderr).toContain(`--cursor ${first.nextCursor}`);
    const second = await listed(['--account', 'AL001', '--limit', '1', '--cursor', String(first.nextCursor)]);
    expect(second.items.map((event) => event.action)).toEqual(['account.create']);
    const all = await listed(['--account', 'AL001', '--limit', '1', '--all']);
    expect(all.items.map((event) => event.action)).toEqual(['account.update', 'account.create']);
    expect(all.nextCursor).toBeNull();

    const none = await wfc(['audit', 'list', '--account', 'NOBODY1']);
    expect(none).toMatchObject({ code: 0, stdout: 'No events.\n' });
    const bad = await wfc(['audit', 'list', '--limit', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wfc: [A-Z_]+: .*\(limit\b/);
  });

  it("--csv writes the API's CSV as it is, on stdout or to --out", async () => {
    const admin = await adminToken();
    const api = await h.http
      .get('/api/audit-events?account=AL001')
      .set('Authorization', `Bearer ${admin}`)
      .set('Accept', 'text/csv')
      .set('Accept-Language', 'en');
    expect(api.status).toBe(200);
    expect(api.text).toContain('Account changed');
    const csv = await wfc(['audit', 'list', '--account', 'AL001', '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(api.text);
    const out = join(home, 'audit.csv');
    expect((await wfc(['audit', 'list', '--account', 'AL001', '--csv', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(api.text);
    expect((parse(api.text, { bom: true }) as string[][]).slice(1).map((row) => row[2])).toEqual([
      'account.update',
      'account.create',
    ]);
  });

  it('verify exits 0 on a whole chain, and 1 naming the row a superuser changed behind the service', async () => {
    const whole = await wfc(['audit', 'verify']);
    expect(whole.stdout).toMatch(/^The audit chain is whole: \d+ events checked/);
    expect(whole.code).toBe(0);

    const [created] = (await listed(['--account', 'AL001', '--action', 'account.create'])).items;
    const seq = created!.seq;
    const setName = (name: string) => alterAuditRow(h, seq, 'AL001', name);
    await setName('別人');
    try {
      const broken = await wfc(['audit', 'verify']);
      expect(broken.code).toBe(1);
      const [line, , row] = broken.stdout.split('\n');
      expect(line).toBe(`The audit chain is broken at seq ${seq}: the row was altered (row-altered)`);
      expect(row).toMatch(new RegExp(`^${seq} .*Account created .*account AL001 別人`));
      const json = JSON.parse((await wfc(['--json', 'audit', 'verify'])).stdout) as Record<string, unknown>;
      expect(json).toMatchObject({ ok: false, firstBroken: { seq, problem: 'row-altered' }, event: { seq } });
      const japanese = await wfc(['audit', 'verify'], { env: { LANG: 'ja_JP.UTF-8' } });
      expect(japanese.stdout).toContain(`監査ログの連鎖が壊れています: 番号 ${seq} で行の内容が変更されています`);
    } finally {
      await setName('山田 太郎');
    }
    expect((await wfc(['audit', 'verify'])).code).toBe(0);
  });

  it('refuses an employee and a custom role without audit:read (exit 2, the API’s message); a role with it reads', async () => {
    const admin = await adminToken();
    await defineRole(h, admin, 'no-audit', ['accounts:read', 'settings:read']);
    await defineRole(h, admin, 'auditor', ['audit:read']);
    const as = async (code: string, roleCode: string) => {
      await registerReady(h, admin, code, roleCode, ranked);
      const token = await sessionToken(h, companyCode, code, defaultInitialPassword);
      return { WFC_URL: url, WFC_TOKEN: token };
    };
    for (const env of [await as('AL010', 'employee'), await as('AL011', 'no-audit')]) {
      for (const args of [
        ['audit', 'list'],
        ['audit', 'verify'],
        ['audit', 'list', '--csv'],
      ]) {
        const refused = await wfc(args, { env });
        expect({ args, code: refused.code, stdout: refused.stdout }).toEqual({ args, code: 2, stdout: '' });
        expect(refused.stderr).toMatch(/^wfc: FORBIDDEN: \S/);
      }
      const japanese = await wfc(['audit', 'list'], { env: { ...env, LANG: 'ja_JP.UTF-8' } });
      expect(japanese.stderr).toBe('wfc: FORBIDDEN: この操作を行う権限がありません。\n');
    }
    const auditor = await as('AL012', 'auditor');
    expect((await wfc(['audit', 'verify'], { env: auditor })).code).toBe(0);
    expect((await wfc(['audit', 'list', '--account', 'AL001'], { env: auditor })).stdout).toContain('AL001');
  });
});

/** The sample file's first rows under other account codes (the addresses stay those of the sample). */
function sampleWithCodes(codes: string[]): string {
  const [header, ...rows] = readFileSync(sample, 'utf8').split('\r\n');
  return [header, ...codes.map((code, i) => rows[i]?.replace(/^S\d{4}/, code))].join('\r\n') + '\r\n';
}

async function adminToken(): Promise<string> {
  const login = await h.http.post('/api/auth/login').send({ companyCode, loginId: 'Admin', password: adminPassword });
  return login.body.token as string;
}

async function listRuns(): Promise<{ runId: string }[]> {
  const runs = await h.http.get('/api/email-issuances/bulk').set('Authorization', `Bearer ${await adminToken()}`);
  return runs.body.items as { runId: string }[];
}

async function logIn(): Promise<void> {
  const login = await wfc(['login', '--url', url, '--company', companyCode, '--user', 'Admin', '--password-stdin'], {
    stdin: `${adminPassword}\n`,
  });
  expect(login.code).toBe(0);
}

/**
 * An HTTP proxy in front of the API that passes every request on, but for the first request of `route` drops
 * the connection once the API has answered: the work started, the answer never arrived (a network cut).
 * `keys` holds the Idempotency-Key of every request of `route`.
 */
async function answerLosingProxy(
  target: string,
  route: string,
): Promise<{ url: string; keys: string[]; close(): Promise<void> }> {
  const keys: string[] = [];
  let lost = false;
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, value);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (`${req.method} ${req.url}` === route) {
        keys.push(String(req.headers['idempotency-key']));
        if (!lost) {
          lost = true;
          req.socket.destroy();
          return;
        }
      }
      const answerHeaders = Object.fromEntries(
        [...upstream.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'connection'].includes(name)),
      );
      res.writeHead(upstream.status, answerHeaders).end(answer);
    })();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    keys,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

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
