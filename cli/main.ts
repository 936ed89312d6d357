#!/usr/bin/env node
/**
 * wfc: the admin command line of the workforce credentials service. It talks to the HTTP API only,
 * with the token of `wfc login` (stored 0600 under $XDG_CONFIG_HOME/wfc) or WFC_URL / WFC_TOKEN.
 * Exit codes: 0 done, 1 failures in the run, 2 usage or authentication errors.
 */
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { parse } from 'csv-parse/sync';
import { createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { pipeline } from 'node:stream/promises';
import { apiClient, CliError, currentLogin, exitCodes, saveLogin, type ApiClient } from './api-client';
import { cliLanguage, say, type CliText } from './messages';
import type { BulkRunProgress } from '../contract';

const language = cliLanguage();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface GlobalOptions {
  json?: boolean;
}

function client(): ApiClient {
  const { url, token } = currentLogin();
  if (!url || !token) throw new CliError(say(language, 'notLoggedIn'));
  return apiClient(url, token, language);
}

function print(options: GlobalOptions, human: string, data: unknown): void {
  if (options.json) process.stdout.write(`${JSON.stringify(data)}\n`);
  else process.stdout.write(`${human}\n`);
}

function info(options: GlobalOptions, key: CliText, values: object = {}): void {
  if (!options.json) process.stderr.write(`${say(language, key, values)}\n`);
}

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (hidden) {
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
      if (text.includes(question)) process.stderr.write(question);
    };
  }
  try {
    return await rl.question(question);
  } finally {
    rl.close();
    if (hidden) process.stderr.write('\n');
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Waits until `poll` says done, with a progress bar on a terminal (not with --json). */
async function watch<T>(
  options: GlobalOptions,
  poll: () => Promise<{ done: boolean; value: number; total: number; result: T; note?: string }>,
): Promise<T> {
  const bar =
    !options.json && process.stderr.isTTY
      ? new SingleBar({
          format: ' {bar} {percentage}% | {value}/{total} | ETA {eta_formatted} {note}',
          stream: process.stderr,
        })
      : undefined;
  let started = false;
  let lastNote = '';
  try {
    for (;;) {
      const state = await poll();
      const note = state.note ?? '';
      if (bar && !started) {
        bar.start(state.total, state.value, { note });
        started = true;
      }
      bar?.update(state.value, { note });
      // Without a bar (a log, a pipe) what is happening is written once each time it changes.
      if (!bar && !options.json && note !== lastNote && note !== '') process.stderr.write(`${note}\n`);
      lastNote = note;
      if (state.done) return state.result;
      await sleep(500);
    }
  } finally {
    bar?.stop();
  }
}

async function saveDownload(api: ApiClient, path: string, target: string): Promise<void> {
  await pipeline(await api.download(path), createWriteStream(target));
}

// ---- accounts ----

interface ImportProgress {
  total: number;
  pending: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

async function importAccounts(
  file: string,
  options: GlobalOptions & { dryRun?: boolean; encoding: string; results?: string },
): Promise<number> {
  const api = client();
  const content = readFileSync(file);
  const query = `encoding=${options.encoding}&fileName=${encodeURIComponent(file.split('/').pop() ?? file)}`;
  if (options.dryRun) {
    const { body } = await api.upload<{
      summary: Record<string, number>;
      rows: { row: number; code: string; outcome: string; field: string; message: string }[];
    }>(`/api/account-imports?dryRun=true&${query}`, content, 'text/csv');
    const errors = body.rows.filter((row) => row.outcome === 'error');
    const table = errors.map((row) => `  ${row.row}\t${row.code}\t${row.field}\t${row.message}`).join('\n');
    print(options, [say(language, 'dryRunSummary', body.summary), table].filter(Boolean).join('\n'), body);
    return errors.length > 0 ? exitCodes.failures : exitCodes.done;
  }
  const { body: started } = await api.upload<{ importId: string }>(
    `/api/account-imports?${query}`,
    content,
    'text/csv',
  );
  const progress = await watch(options, async () => {
    const status = await api.json<{ status: string; progress: ImportProgress }>(
      'GET',
      `/api/account-imports/${started.importId}`,
    );
    const { total, pending } = status.progress;
    return { done: status.status === 'done', value: total - pending, total, result: status.progress };
  });
  const results = options.results ?? `${file}.results.csv`;
  await saveDownload(api, `/api/account-imports/${started.importId}/results`, results);
  info(options, 'resultsSaved', { path: results });
  print(options, say(language, 'importSummary', { ...progress }), {
    importId: started.importId,
    progress,
    results,
  });
  return progress.failed > 0 ? exitCodes.failures : exitCodes.done;
}

const filterOptions = [
  ['code', 'code', 'アカウントコード (prefix)'],
  ['type', 'type', 'own | contractor | customer'],
  ['partner', 'partnerCode', '委託先/顧客コード'],
  ['name', 'name', '氏名'],
  ['kana', 'kana', '氏名カナ'],
  ['department', 'departmentCode', '所属部門コード'],
  ['project', 'projectCode', '参加プロジェクトコード'],
  [
    'issuance-status',
    'issuanceStatus',
    'unissued | issuing | reissuing | issued | pdf-issued | notice-expired | auth-pending | auth-expired | auth-verified',
  ],
  ['sort', 'sort', 'code | kana | department | lastLoginAt | lockedAt'],
  ['order', 'order', 'asc | desc'],
] as const;
const flagOptions = [
  ['sub-departments', 'includeSubDepartments', '部門配下'],
  ['locked', 'lockedOnly', 'ロックアウト中のみ'],
  ['include-disabled', 'includeDisabled', '無効を含む'],
  ['include-login-disabled', 'includeLoginDisabled', 'ログイン不可を含む'],
] as const;

function withFilters(command: Command): Command {
  for (const [flag, , description] of filterOptions) command.option(`--${flag} <value>`, description);
  for (const [flag, , description] of flagOptions) command.option(`--${flag}`, description);
  return command;
}

function filterQuery(options: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  const camel = (flag: string) => flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  for (const [flag, name] of filterOptions) {
    const value = options[camel(flag)];
    if (typeof value === 'string') query.set(name, value);
  }
  for (const [flag, name] of flagOptions) if (options[camel(flag)]) query.set(name, 'true');
  return query;
}

async function exportAccounts(options: GlobalOptions & Record<string, unknown>): Promise<number> {
  const stream = await client().download(`/api/exports/accounts?${filterQuery(options).toString()}`);
  await pipeline(stream, typeof options.out === 'string' ? createWriteStream(options.out) : process.stdout);
  return exitCodes.done;
}

// ---- issuance ----

/** The selected codes: the code column of a CSV file (an import file or an export), or the list with filters. */
async function selectedCodes(api: ApiClient, options: Record<string, unknown>): Promise<string[]> {
  if (typeof options.accounts === 'string') {
    const rows = parse(readFileSync(options.accounts), { bom: true, columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    return rows.map((row) => row.code ?? row['アカウントコード'] ?? '').filter(Boolean);
  }
  const query = filterQuery(options);
  if ([...query.keys()].length === 0) throw new CliError(say(language, 'chooseAccounts'));
  const codes: string[] = [];
  for (let offset = 0; ; offset += 500) {
    query.set('limit', '500');
    query.set('offset', String(offset));
    const page = await api.json<{ total: number; items: { code: string }[] }>('GET', `/api/accounts?${query}`);
    codes.push(...page.items.map((item) => item.code));
    if (page.items.length < 500) return codes;
  }
}

async function confirmed(options: Record<string, unknown>): Promise<boolean> {
  if (options.yes) return true;
  if (!process.stdin.isTTY) throw new CliError(say(language, 'needYes'));
  return /^y(es)?$/i.test((await ask(say(language, 'confirm'))).trim());
}

/** A run's progress as the API answers it (`GET /api/email-issuances/bulk/{runId}`). */
type RunProgress = BulkRunProgress & {
  deliveryProblem?: { reason: string; since: string; mails: number; message: string } | null;
};

async function watchRun(api: ApiClient, runId: string, options: GlobalOptions & { results?: string }): Promise<number> {
  const progress = await watch(options, async () => {
    const run = await api.json<{ finishedAt: string | null; progress: RunProgress }>(
      'GET',
      `/api/email-issuances/bulk/${runId}`,
    );
    const { total, queued, sending, deliveryProblem } = run.progress;
    return {
      done: run.finishedAt !== null,
      value: total - queued - sending,
      total,
      result: run.progress,
      // The SMTP server is down or deferring: why and since when, instead of an estimate.
      note: deliveryProblem ? `${deliveryProblem.message} (${deliveryProblem.reason}, ${deliveryProblem.since})` : '',
    };
  });
  const results = options.results ?? `bulk-run-${runId}-results.csv`;
  await saveDownload(api, `/api/email-issuances/bulk/${runId}/results`, results);
  info(options, 'resultsSaved', { path: results });
  const failures = progress.failures.map((f) => `  ${f.accountCode}\t${f.outcome}\t${f.reason}`).join('\n');
  print(options, [say(language, 'runSummary', { ...progress }), failures].filter(Boolean).join('\n'), {
    runId,
    progress,
    results,
  });
  return progress.failed > 0 || progress.skipped > 0 ? exitCodes.failures : exitCodes.done;
}

interface PreviewLine {
  code: string;
  name: string;
  addressLabel: string;
  actionLabel: string;
  exclusionLabel: string | null;
}

async function issueEmail(options: GlobalOptions & Record<string, unknown>): Promise<number> {
  const api = client();
  const codes = await selectedCodes(api, options);
  if (codes.length === 0) throw new CliError(say(language, 'noAccounts'));
  const accounts = codes.map((code) => ({ code }));
  const preview = await api.json<{
    lines: PreviewLine[];
    included: number;
    excluded: number;
    estimate: { seconds: number };
  }>('POST', '/api/email-issuances/preview', { accounts });
  if (!options.json) {
    for (const line of preview.lines) {
      process.stderr.write(
        `  ${line.code}\t${line.name}\t${line.addressLabel}\t${line.exclusionLabel ?? line.actionLabel}\n`,
      );
    }
  }
  info(options, 'preview', { ...preview, seconds: preview.estimate.seconds });
  if (!(await confirmed(options))) {
    info(options, 'cancelled');
    return exitCodes.usage;
  }
  const started = await api.json<{ runId: string }>('POST', '/api/email-issuances/bulk', { accounts });
  return watchRun(api, started.runId, options);
}

async function issuePdf(options: GlobalOptions & Record<string, unknown>): Promise<number> {
  const api = client();
  const accountCodes = await selectedCodes(api, options);
  if (accountCodes.length === 0) throw new CliError(say(language, 'noAccounts'));
  const preview = await api.json<{ lines: PreviewLine[]; included: number; excluded: number }>(
    'POST',
    '/api/pdf-issuances/preview',
    { accountCodes },
  );
  info(options, 'preview', { ...preview, seconds: '-' });
  if (!(await confirmed(options))) {
    info(options, 'cancelled');
    return exitCodes.usage;
  }
  const started = await api.json<{ id: string; total: number; download: { url: string } }>(
    'POST',
    '/api/pdf-issuances',
    { accountCodes },
  );
  await watch(options, async () => {
    const status = await api.json<{ done: number; total: number; download: { ready: boolean } }>(
      'GET',
      `/api/pdf-issuances/${started.id}`,
    );
    return { done: status.download.ready, value: status.done, total: status.total, result: status };
  });
  const out = String(options.out);
  await saveDownload(api, new URL(started.download.url).pathname, out);
  const results = typeof options.results === 'string' ? options.results : `pdf-run-${started.id}-results.csv`;
  await saveDownload(api, `/api/pdf-issuances/${started.id}/results`, results);
  info(options, 'resultsSaved', { path: results });
  print(options, say(language, 'pdfSaved', { path: out, total: started.total }), { id: started.id, out, results });
  return preview.excluded > 0 ? exitCodes.failures : exitCodes.done;
}

// ---- the program ----

function program(): Command & { exitCodeOf: () => number } {
  const root = new Command('wfc')
    .description('Workforce credentials admin CLI / 管理者用コマンドライン')
    .option('--json', 'machine-readable output on stdout')
    .exitOverride()
    .showHelpAfterError();
  const globals = (): GlobalOptions => root.opts<GlobalOptions>();
  let exitCode: number = exitCodes.done;
  const action =
    <A extends unknown[]>(run: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      exitCode = await run(...args);
    };

  root
    .command('login')
    .description('log in and store the token (0600) / ログインしてトークンを保存')
    .requiredOption('--url <url>', 'the API, e.g. http://localhost:3000')
    .requiredOption('--company <code>', '会社コード')
    .requiredOption('--user <loginId>', 'ログインID')
    .option('--password-stdin', 'read the password from stdin')
    .action(
      action(async (options: { url: string; company: string; user: string; passwordStdin?: boolean }) => {
        const password = options.passwordStdin
          ? (await readStdin()).replace(/\r?\n$/, '')
          : (process.env.WFC_PASSWORD ?? (await ask(say(language, 'password'), true)));
        const api = apiClient(options.url, undefined, language);
        const login = await api.json<{ token: string }>('POST', '/api/auth/login', {
          companyCode: options.company,
          loginId: options.user,
          password,
        });
        const path = saveLogin({ url: options.url, token: login.token, company: options.company, user: options.user });
        print(globals(), say(language, 'loggedIn', { path }), { path });
        return exitCodes.done;
      }),
    );

  const accounts = root.command('accounts').description('accounts / アカウント');
  accounts
    .command('import <file>')
    .description('import a CSV (create and update by code) / CSV取込')
    .option('--dry-run', 'check every row; nothing is written')
    .addOption(new Option('--encoding <encoding>').choices(['auto', 'utf-8', 'shift_jis', 'cp932']).default('auto'))
    .option('--results <path>', 'where to save the results file (default FILE.results.csv)')
    .action(action(async (file: string, options) => importAccounts(file, { ...globals(), ...options })));
  withFilters(
    accounts
      .command('export')
      .description('export the account list as CSV to stdout / CSV出力')
      .option('--out <path>', 'write to a file instead of stdout'),
  ).action(action(async (options: Record<string, unknown>) => exportAccounts({ ...globals(), ...options })));

  const issue = root.command('issue').description('issue passwords in bulk / パスワード一括発行');
  withFilters(
    issue
      .command('email')
      .description('verification mails to the selected employees, then watch the run / 認証要求メール一括送信')
      .option('--accounts <file>', 'a CSV with a code (アカウントコード) column')
      .option('--yes', 'do not ask for confirmation')
      .option('--results <path>', 'where to save the results file'),
  ).action(action(async (options: Record<string, unknown>) => issueEmail({ ...globals(), ...options })));
  withFilters(
    issue
      .command('pdf')
      .description('one PDF of password notices for the selected employees / パスワード通知書一括発行')
      .option('--accounts <file>', 'a CSV with a code (アカウントコード) column')
      .requiredOption('--out <path>', 'where to save the PDF')
      .option('--yes', 'do not ask for confirmation')
      .option('--results <path>', 'where to save the results file'),
  ).action(action(async (options: Record<string, unknown>) => issuePdf({ ...globals(), ...options })));

  const runs = root.command('runs').description('bulk e-mail runs / 一括発行の実行');
  runs.command('list').action(
    action(async () => {
      const list = await client().json<{
        items: { runId: string; createdAt: string; finishedAt: string | null; progress: RunProgress }[];
      }>('GET', '/api/email-issuances/bulk');
      const lines = list.items.map(
        (run) =>
          `${run.runId}\t${run.createdAt}\t${run.finishedAt ?? '-'}\t${run.progress.total}\t${run.progress.failed}`,
      );
      print(globals(), lines.join('\n'), list);
      return exitCodes.done;
    }),
  );
  runs.command('show <runId>').action(
    action(async (runId: string) => {
      const run = await client().json<{ finishedAt: string | null; progress: RunProgress }>(
        'GET',
        `/api/email-issuances/bulk/${runId}`,
      );
      print(globals(), say(language, 'runSummary', { ...run.progress }), run);
      return run.progress.failed > 0 ? exitCodes.failures : exitCodes.done;
    }),
  );
  runs
    .command('watch <runId>')
    .option('--results <path>', 'where to save the results file')
    .action(
      action(async (runId: string, options: { results?: string }) =>
        watchRun(client(), runId, { ...globals(), ...options }),
      ),
    );

  return Object.assign(root, { exitCodeOf: () => exitCode });
}

async function main(argv: string[]): Promise<number> {
  const root = program();
  try {
    await root.parseAsync(argv);
    return root.exitCodeOf();
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : exitCodes.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`wfc: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`wfc: ${(error as Error).message}\n`);
    return exitCodes.failures;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
