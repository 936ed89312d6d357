import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { accountColumns } from '../domain/accounts/account-csv';
import { seedDemoData } from '../lib/demo-data';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';
import { inTerminal, type TerminalRun } from './support/terminal';

/**
 * What README.md and docs/*.md tell a reader to type is true. Every command of their ```sh blocks is either run
 * here as written (the curl walk of docs/api.md, the wfc walk of docs/cli.md, against the API with the demo data
 * that `npm run up` seeds) or proved by the test that runs it (`npm run up`, `npm test`, `admin:recover`); a
 * command added to the documents without a proof fails the first test. The sample file and the CSV column table
 * are checked too.
 */
const root = resolve(__dirname, '..');
const documents = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith('.md'),
);

/** Each command of each ```sh block: continuation lines joined, comment lines and trailing comments left out. */
function documentedCommands(): { file: string; command: string }[] {
  const found: { file: string; command: string }[] = [];
  for (const file of documents) {
    for (const [, block] of readFileSync(join(root, file), 'utf8').matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
      const joined = (block ?? '').replace(/\\\n\s*/g, '');
      for (const line of joined.split('\n')) {
        const command = line.replace(/\s{2,}#\s.*$/, '').trim();
        if (command !== '' && !command.startsWith('#')) found.push({ file, command });
      }
    }
  }
  return found;
}

/** Commands another test runs as a person would; `shows` is how that test (or file) runs it. */
const provedElsewhere: Record<string, { by: string; shows: string }> = {
  'npm run up': { by: 'test/dev-up-stop.test.ts', shows: `spawn('npm', ['run', 'up']` },
  'npm test': { by: '.ci/run', shows: '\nnpm test\n' },
  'npm run admin:recover -- --company demo': {
    by: 'test/sessions-and-recovery.test.ts',
    shows: `['scripts/recover-admin.ts', '--company', companyCode]`,
  },
};
const curlWalk = { file: 'docs/api.md', starts: /^(T=\$\()?curl / };
const wfcWalk = { file: 'docs/cli.md', starts: /^npm run -s wfc -- / };

const changedPassword = 'a-new-admin-passw0rd';
let h: Harness;
let server: Server;
let port: number;
let home: string;
const startedAt = Date.now();

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  // What `npm run up` adds to the company it creates: the demo employees (E0001 山田 太郎, …) and their ranks.
  await seedDemoData(h.db.orm.em.fork(), companyCode);
  server = h.app.app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  port = (server.address() as AddressInfo).port;
  home = mkdtempSync(join(tmpdir(), 'wfc-readme-'));
});

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await h?.teardown();
  rmSync(home, { recursive: true, force: true });
  // The files the walk's commands write into the checkout, as they would for the reader.
  for (const name of [
    ...readdirSync(root).filter((file) => /^(bulk|pdf)-run-.+-results\.csv$/.test(file)),
    'pending.csv',
    'notices.pdf',
    'samples/accounts.csv.results.csv',
  ]) {
    const path = join(root, name);
    if (existsSync(path) && statSync(path).mtimeMs >= startedAt) rmSync(path);
  }
});

/** The documents' addresses and company are those of `npm run up`; here they are the test API's. */
const onTestApi = (command: string) =>
  command
    .replaceAll('http://localhost:3000', `http://127.0.0.1:${port}`)
    .replaceAll('localhost:3000', `127.0.0.1:${port}`)
    .replaceAll('--company demo', `--company ${companyCode}`)
    .replaceAll('"companyCode":"demo"', `"companyCode":"${companyCode}"`);

async function adminToken(): Promise<string> {
  const login = await h.http.post('/api/auth/login').send({ companyCode, loginId: 'Admin', password: changedPassword });
  return login.body.token as string;
}

describe('README and docs/ commands', () => {
  it('every command of the documents is run here or proved by the test named for it', () => {
    const commands = documentedCommands();
    expect(commands.map(({ command }) => command)).toEqual(expect.arrayContaining(['npm run up', 'npm test']));
    const unproved = commands.filter(({ file, command }) => {
      const elsewhere = provedElsewhere[command];
      if (elsewhere) return !readFileSync(join(root, elsewhere.by), 'utf8').includes(elsewhere.shows);
      return ![curlWalk, wfcWalk].some((walk) => walk.file === file && walk.starts.test(command));
    });
    expect(unproved).toEqual([]);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['admin:recover']).toBe(
      'tsx scripts/recover-admin.ts',
    );
  });

  it('the sample files named in the documents exist, and docs/csv.md lists exactly the CSV columns', () => {
    const text = documents.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
    const samples = [...new Set(text.match(/samples\/[\w.-]+\.csv\b/g))].filter(
      (path) => !path.endsWith('.results.csv'),
    );
    expect(samples).toEqual(['samples/accounts.csv']);
    for (const sample of samples) expect(existsSync(join(root, sample))).toBe(true);

    const table = [...readFileSync(join(root, 'docs/csv.md'), 'utf8').matchAll(/^\| ([^|`]+?) +\| `(\w+)` +\|/gm)];
    expect(table.map(([, ja, en]) => [ja, en])).toEqual(accountColumns.map((column) => [column.ja, column.en]));
  });

  it('`npm run test:fast` runs the fast layer alone, without PostgreSQL or Temporal, and passes', async () => {
    const { stderr } = await promisify(execFile)('npm', ['run', 'test:fast', '--', '--silent'], {
      cwd: root,
      // No database server: the fast layer must not need one.
      env: { ...process.env, TEST_DATABASE_SERVER_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(stderr).toMatch(/Test Suites: \d+ passed, \d+ total/);
    expect(stderr).not.toMatch(/failed/);
    expect(stderr).toMatch(/fast/);
  });

  it('the curl walk of docs/api.md changes the admin password and sends 山田 太郎 his verification mail', async () => {
    const block = documentedCommands()
      .filter(({ file, command }) => file === curlWalk.file && curlWalk.starts.test(command))
      .map(({ command }) => onTestApi(command).replaceAll('<printed password>', adminPassword));
    expect(block).toHaveLength(3);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block.join('\n')], { cwd: root });
    expect(JSON.parse(stdout)).toMatchObject({ id: expect.any(String), emailAddress: 'taro.yamada@example.com' });
    const mail = await h.smtp.waitFor((received) => received.to.includes('taro.yamada@example.com'));
    expect(mail.text).toContain('認証');
    // The password changed: the printed one no longer logs in, the new one does.
    expect(
      (await h.http.post('/api/auth/login').send({ companyCode, loginId: 'Admin', password: adminPassword })).status,
    ).toBe(401);
    expect(await adminToken()).toEqual(expect.any(String));
  });

  // As the reader does, the wfc walk comes after the curl walk: Admin's password is the changed one.
  it('the wfc walk of docs/cli.md runs as written, each command doing what its line says', async () => {
    const env = { ...process.env, XDG_CONFIG_HOME: home, WFC_LANG: 'en', WFC_URL: '', WFC_TOKEN: '' };
    const runIds = async () =>
      (
        (await h.http.get('/api/email-issuances/bulk').set('Authorization', `Bearer ${await adminToken()}`)).body
          .items as { runId: string }[]
      ).map((run) => run.runId);
    const yes = [{ after: 'Go ahead? [y/N] ', type: 'y\r' }];
    /** What each line of the walk promises, by how it starts. */
    const steps: {
      starts: string;
      replies?: { after: string; type: string }[];
      check(run: TerminalRun): void | Promise<void>;
    }[] = [
      {
        starts: 'login',
        replies: [{ after: 'Password: ', type: `${changedPassword}\r` }],
        check: (run) => {
          expect(run.screen).toContain('Logged in.');
          expect(run.screen).not.toContain(changedPassword);
        },
      },
      { starts: 'whoami', check: (run) => expect(run.screen).toContain(`(Admin) / company code ${companyCode}`) },
      {
        starts: 'accounts import samples/accounts.csv --dry-run',
        check: (run) => expect(run.screen).toContain('create 10 / update 0 / unchanged 0 / error 0'),
      },
      {
        starts: 'accounts import samples/accounts.csv',
        check: (run) => {
          expect(run.screen).toContain('created 10');
          expect(existsSync(join(root, 'samples/accounts.csv.results.csv'))).toBe(true);
        },
      },
      {
        starts: 'issue email --accounts samples/accounts.csv',
        replies: yes,
        check: (run) => {
          expect(run.screen).toContain('10 included / 0 excluded');
          expect(run.screen).toContain('10 in all / queued 0 / sending 0 / awaiting verification 10');
        },
      },
      {
        starts: 'accounts export --issuance-status auth-pending > pending.csv',
        check: () => {
          // The CSV starts with its header (in the admin's language, English here): nothing of npm's before it.
          const csv = readFileSync(join(root, 'pending.csv'), 'utf8');
          expect(csv.slice(0, 11)).toBe('\uFEFFcode,type,');
          const codes = (parse(csv, { bom: true }) as string[][]).slice(1).map((row) => row[0]);
          expect(codes).toEqual(expect.arrayContaining(['E0001', 'S0001', 'S0010']));
        },
      },
      {
        starts: 'accounts import - --dry-run < pending.csv',
        check: (run) => expect(run.screen).toMatch(/create 0 \/ update 0 \/ unchanged 11 \/ error 0/),
      },
      { starts: 'runs list', check: async (run) => expect(run.screen).toContain((await runIds())[0]) },
      {
        starts: 'runs watch <runId>',
        check: (run) => expect(run.screen).toContain('10 in all / queued 0 / sending 0 / awaiting verification 10'),
      },
      {
        starts: 'issue pdf --issuance-status unissued --out notices.pdf',
        replies: yes,
        check: async (run) => {
          expect(run.screen).toContain('Password notices saved to notices.pdf');
          expect(readFileSync(join(root, 'notices.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
        },
      },
      {
        starts: 'audit list --account E0001 --limit 5',
        check: (run) => {
          expect(run.screen).toMatch(/Seq +Time +Action +Outcome +Actor +Target +Changes/);
          // The curl walk's issuance to 山田 太郎, newest first: the mail sent, after the start by Admin.
          expect(run.screen).toMatch(/Verification mail sent +succeeded +system:issuance +account E0001 /);
          expect(run.screen).toMatch(/Issuance started +succeeded +Admin \(system-admin\) +account E0001 /);
        },
      },
      {
        starts: 'audit verify',
        check: (run) => expect(run.screen).toMatch(/The audit chain is whole: \d+ events checked/),
      },
      { starts: 'logout', check: (run) => expect(run.screen).toContain('Logged out.') },
    ];

    const walk = documentedCommands().filter(
      ({ file, command }) => file === wfcWalk.file && wfcWalk.starts.test(command),
    );
    expect(walk.map(({ command }) => command.replace(wfcWalk.starts, ''))).toEqual(
      steps.map((step) => expect.stringMatching(new RegExp(`^${step.starts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))),
    );
    for (const [index, { command }] of walk.entries()) {
      const step = steps[index]!;
      const runId = (await runIds())[0] ?? '';
      const run = await inTerminal(['bash', '-c', onTestApi(command).replace('<runId>', runId)], {
        cwd: root,
        env,
        ...(step.replies ? { replies: step.replies } : {}),
      });
      expect({ command, code: run.code }).toEqual({ command, code: 0 });
      await step.check(run);
    }
  });
});
