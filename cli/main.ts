#!/usr/bin/env node
/**
 * wfc: the admin command line of the workforce credentials service. It talks to the HTTP API only, through the
 * client typed from the OpenAPI document (cli/api.ts), with the token of `wfc login` (stored 0600 under
 * $XDG_CONFIG_HOME/wfc) or WFC_URL / WFC_TOKEN.
 * Exit codes: 0 done, 1 failures in the run, 2 usage or authentication errors.
 */
import { Command, CommanderError, Option } from 'commander';
import { parse } from 'csv-parse/sync';
import { createWriteStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
// The filters' values from the module the API's search validates them with (constants only, no I/O).
import { accountSortKeys, issuanceStatusFilters } from '../domain/accounts/account-search-query';
import { answer, connect, startOnce, stream, type Api } from './api';
import { listAudit, verifyAudit, type AuditListOptions } from './audit';
import { CliError, exitCodes } from './cli-error';
import { currentLogin, forgetLogin, saveLogin } from './config';
import { cliLanguage, say, type CliText } from './messages';
import { watch } from './progress';
import { ask, readAll } from './terminal';
import type { components, operations } from '../console/src/api/schema';
import { version } from '../package.json';

const language = cliLanguage();

type Schemas = components['schemas'];

interface GlobalOptions {
  json?: boolean;
}

function client(): Api {
  const { url, token } = currentLogin();
  if (!url || !token) throw new CliError(say(language, 'notLoggedIn'));
  return connect(url, token, language);
}

function print(options: GlobalOptions, human: string, data: unknown): void {
  if (options.json) process.stdout.write(`${JSON.stringify(data)}\n`);
  else process.stdout.write(`${human}\n`);
}

function info(options: GlobalOptions, key: CliText, values: object = {}): void {
  if (!options.json) process.stderr.write(`${say(language, key, values)}\n`);
}

async function save(download: Promise<Readable>, target: string): Promise<void> {
  await pipeline(await download, createWriteStream(target));
}

// ---- accounts ----

/** The file's bytes as they are (a CP932 file must reach the API undecoded); `-` reads them from stdin. */
function readCsv(file: string): Promise<Buffer> {
  return file === '-' ? readAll(process.stdin) : Promise.resolve(readFileSync(file));
}

async function importAccounts(
  file: string,
  options: GlobalOptions & { dryRun?: boolean; encoding: 'auto' | 'utf-8' | 'shift_jis' | 'cp932'; results?: string },
): Promise<number> {
  const api = client();
  const content = await readCsv(file);
  const upload = (dryRun: boolean, idempotencyKey?: string) =>
    api.POST('/api/account-imports', {
      params: {
        query: {
          dryRun: dryRun ? 'true' : 'false',
          encoding: options.encoding,
          fileName: file === '-' ? 'stdin.csv' : basename(file),
        },
        ...(idempotencyKey ? { header: { 'idempotency-key': idempotencyKey } } : {}),
      },
      body: '',
      bodySerializer: () => new Uint8Array(content),
      headers: { 'Content-Type': 'text/csv' },
    });
  if (options.dryRun) {
    const body = (await answer(upload(true))) as {
      summary: Record<string, number>;
      rows: Schemas['AccountImportRowResult'][];
    };
    const errors = body.rows.filter((row) => row.outcome === 'error');
    const table = errors.map((row) => `  ${row.row}\t${row.code}\t${row.field}\t${row.message}`).join('\n');
    print(options, [say(language, 'dryRunSummary', body.summary), table].filter(Boolean).join('\n'), body);
    return errors.length > 0 ? exitCodes.failures : exitCodes.done;
  }
  const started = (await startOnce((key) => answer(upload(false, key)))) as Schemas['AccountImport'];
  const { importId } = started;
  const progress = await watch(options, async () => {
    const status = await answer(api.GET('/api/account-imports/{importId}', { params: { path: { importId } } }));
    const { total, pending } = status.progress;
    return { done: status.status === 'done', value: total - pending, total, result: status.progress };
  });
  const results = options.results ?? (file === '-' ? `account-import-${importId}-results.csv` : `${file}.results.csv`);
  await save(
    stream(api.GET('/api/account-imports/{importId}/results', { params: { path: { importId } }, parseAs: 'stream' })),
    results,
  );
  info(options, 'resultsSaved', { path: results });
  print(options, say(language, 'importSummary', { ...progress }), { importId, progress, results });
  return progress.failed > 0 ? exitCodes.failures : exitCodes.done;
}

/** The list's filters, as the export and the search take them. */
type AccountQuery = NonNullable<operations['getExportsAccounts']['parameters']['query']>;

const filterOptions = [
  ['code', 'code', 'アカウントコード (prefix)', undefined],
  ['type', 'type', 'アカウント種別', ['own', 'contractor', 'customer']],
  ['partner', 'partnerCode', '委託先/顧客コード', undefined],
  ['name', 'name', '氏名', undefined],
  ['kana', 'kana', '氏名カナ', undefined],
  ['department', 'departmentCode', '所属部門コード', undefined],
  ['project', 'projectCode', '参加プロジェクトコード', undefined],
  ['issuance-status', 'issuanceStatus', 'パスワード/認証状態', issuanceStatusFilters],
  ['sort', 'sort', '並び順', accountSortKeys],
  ['order', 'order', '昇順/降順', ['asc', 'desc']],
] as const;
const flagOptions = [
  ['sub-departments', 'includeSubDepartments', '部門配下'],
  ['locked', 'lockedOnly', 'ロックアウト中のみ'],
  ['include-disabled', 'includeDisabled', '無効を含む'],
  ['include-login-disabled', 'includeLoginDisabled', 'ログイン不可を含む'],
] as const;

function withFilters(command: Command): Command {
  for (const [flag, , description, choices] of filterOptions) {
    const option = new Option(`--${flag} <value>`, description);
    command.addOption(choices ? option.choices(choices) : option);
  }
  for (const [flag, , description] of flagOptions) command.option(`--${flag}`, description);
  return command;
}

const camel = (flag: string) => flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** The list's filters from the command line (commander has checked the choices against the API's enums). */
function filterQuery(options: Record<string, unknown>): AccountQuery {
  const query: Record<string, string> = {};
  for (const [flag, name] of filterOptions) {
    const value = options[camel(flag)];
    if (typeof value === 'string') query[name] = value;
  }
  for (const [flag, name] of flagOptions) if (options[camel(flag)]) query[name] = 'true';
  return query as AccountQuery;
}

async function exportAccounts(options: GlobalOptions & Record<string, unknown>): Promise<number> {
  const csv = stream(
    client().GET('/api/exports/accounts', { params: { query: filterQuery(options) }, parseAs: 'stream' }),
  );
  await pipeline(await csv, typeof options.out === 'string' ? createWriteStream(options.out) : process.stdout);
  return exitCodes.done;
}

// ---- issuance ----

/** The selected codes of `--accounts FILE`: the code column of a CSV file (an import file or an export). */
function selectedCodes(options: Record<string, unknown>): string[] {
  const rows = parse(readFileSync(String(options.accounts)), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows.map((row) => row.code ?? row['アカウントコード'] ?? '').filter(Boolean);
}

async function confirmed(options: Record<string, unknown>): Promise<boolean> {
  if (options.yes) return true;
  if (!process.stdin.isTTY) throw new CliError(say(language, 'needYes'));
  const reply = await ask(say(language, 'confirm'), { cancelled: say(language, 'cancelled') });
  return /^y(es)?$/i.test(reply.trim());
}

function runNote(progress: Schemas['BulkRunProgress']): string {
  const problem = progress.deliveryProblem;
  // The SMTP server is down or deferring: why and since when, instead of an estimate.
  if (problem)
    return say(language, 'deliveryProblem', {
      message: `${problem.message} (${problem.reason})`,
      since: problem.since,
    });
  if (progress.estimatedSecondsRemaining !== null && progress.queued + progress.sending > 0) {
    return say(language, 'secondsRemaining', { seconds: Math.ceil(progress.estimatedSecondsRemaining) });
  }
  return '';
}

async function watchRun(api: Api, runId: string, options: GlobalOptions & { results?: string }): Promise<number> {
  const progress = await watch(options, async () => {
    const run = await answer(api.GET('/api/email-issuances/bulk/{runId}', { params: { path: { runId } } }));
    const { total, queued, sending } = run.progress;
    return {
      done: run.finishedAt !== null,
      value: total - queued - sending,
      total,
      result: run.progress,
      note: runNote(run.progress),
    };
  });
  const results = options.results ?? `bulk-run-${runId}-results.csv`;
  await save(
    stream(api.GET('/api/email-issuances/bulk/{runId}/results', { params: { path: { runId } }, parseAs: 'stream' })),
    results,
  );
  info(options, 'resultsSaved', { path: results });
  const failures = progress.failures.map((f) => `  ${f.accountCode}\t${f.outcome}\t${f.reason}`).join('\n');
  print(options, [say(language, 'runSummary', { ...progress }), failures].filter(Boolean).join('\n'), {
    runId,
    progress,
    results,
  });
  return progress.failed > 0 || progress.skipped > 0 ? exitCodes.failures : exitCodes.done;
}

/** What the bulk e-mail commands send: listed codes, the list's filters, or a file of codes uploaded as it is. */
interface EmailSelection {
  preview(): Promise<Schemas['BulkEmailIssuancePreview']>;
  start(idempotencyKey: string): Promise<{ runId: string }>;
}

/**
 * `--codes-file` uploads the file and `--accounts` lists its codes; otherwise the filters go to the server,
 * which resolves them (up to a whole company) without the codes travelling.
 */
async function emailSelection(api: Api, options: Record<string, unknown>): Promise<EmailSelection> {
  const emailSlot = (Number(options.emailSlot ?? 1) || 1) as 1 | 2 | 3;
  if (typeof options.codesFile === 'string') {
    const content = await readCsv(options.codesFile);
    const upload = { body: '', bodySerializer: () => new Uint8Array(content), headers: { 'Content-Type': 'text/csv' } };
    const query = { emailSlot: String(emailSlot) as '1' | '2' | '3' };
    return {
      preview: () => answer(api.POST('/api/email-issuances/preview-file', { params: { query }, ...upload })),
      start: (key) =>
        answer(
          api.POST('/api/email-issuances/bulk-file', {
            params: { query, header: { 'idempotency-key': key } },
            ...upload,
          }),
        ),
    };
  }
  let body: Schemas['BulkEmailIssuanceSelection'];
  if (typeof options.accounts === 'string') {
    const codes = selectedCodes(options);
    if (codes.length === 0) throw new CliError(say(language, 'noAccounts'));
    body = { accounts: codes.map((code) => ({ code, emailSlot })) };
  } else {
    body = { filter: listFilter(options), emailSlot };
  }
  return {
    preview: () => answer(api.POST('/api/email-issuances/preview', { body })),
    start: (key) =>
      answer(api.POST('/api/email-issuances/bulk', { params: { header: { 'idempotency-key': key } }, body })),
  };
}

async function issueEmail(options: GlobalOptions & Record<string, unknown>): Promise<number> {
  const api = client();
  const selection = await emailSelection(api, options);
  const preview = await selection.preview();
  if (preview.selection?.selected === 0) throw new CliError(say(language, 'noAccounts'));
  if (!options.json) {
    for (const line of preview.lines) {
      process.stderr.write(
        `  ${line.code}\t${line.name}\t${line.addressLabel}\t${line.exclusionLabel ?? line.actionLabel}\n`,
      );
    }
    const more = (preview.selection?.selected ?? 0) - preview.lines.length;
    if (more > 0) process.stderr.write(`  … ${say(language, 'moreLines', { count: more })}\n`);
  }
  info(options, 'preview', { ...preview, seconds: preview.estimate.seconds });
  if (!(await confirmed(options))) {
    info(options, 'cancelled');
    return exitCodes.usage;
  }
  const started = await startOnce((key) => selection.start(key));
  info(options, 'runStarted', { runId: started.runId });
  return watchRun(api, started.runId, options);
}

/** `--accounts` lists the file's codes; the filters go to the server, which resolves them. */
function pdfSelection(options: Record<string, unknown>): Schemas['StartBulkPdfIssuanceRequest'] {
  if (typeof options.accounts === 'string') {
    const accountCodes = selectedCodes(options);
    if (accountCodes.length === 0) throw new CliError(say(language, 'noAccounts'));
    return { accountCodes };
  }
  return { filter: listFilter(options) };
}

/** The list's filters without its order: what a run by filter selects. */
function listFilter(options: Record<string, unknown>) {
  const { sort: _sort, order: _order, ...filter } = filterQuery(options);
  if (Object.keys(filter).length === 0) throw new CliError(say(language, 'chooseAccounts'));
  return filter;
}

async function issuePdf(options: GlobalOptions & Record<string, unknown>): Promise<number> {
  const api = client();
  const body = pdfSelection(options);
  const preview = await answer(api.POST('/api/pdf-issuances/preview', { body }));
  info(options, 'preview', { ...preview, seconds: '-' });
  if (!(await confirmed(options))) {
    info(options, 'cancelled');
    return exitCodes.usage;
  }
  const started = await startOnce((key) =>
    answer(api.POST('/api/pdf-issuances', { params: { header: { 'idempotency-key': key } }, body })),
  );
  const id = started.id;
  await watch(options, async () => {
    const status = await answer(api.GET('/api/pdf-issuances/{id}', { params: { path: { id } } }));
    return { done: status.download.ready, value: status.done, total: status.total, result: status };
  });
  const out = String(options.out);
  const token = decodeURIComponent(new URL(String(started.download.url)).pathname.split('/').pop() ?? '');
  await save(stream(api.GET('/api/password-notices/{token}', { params: { path: { token } }, parseAs: 'stream' })), out);
  const results = typeof options.results === 'string' ? options.results : `pdf-run-${id}-results.csv`;
  await save(
    stream(api.GET('/api/pdf-issuances/{id}/results', { params: { path: { id } }, parseAs: 'stream' })),
    results,
  );
  info(options, 'resultsSaved', { path: results });
  print(options, say(language, 'pdfSaved', { path: out, total: started.total }), { id, out, results });
  return preview.excluded > 0 ? exitCodes.failures : exitCodes.done;
}

// ---- the session ----

async function login(
  options: GlobalOptions & { url: string; company: string; user: string; passwordStdin?: boolean },
): Promise<number> {
  const password = options.passwordStdin
    ? (await readAll(process.stdin)).toString('utf8').replace(/\r?\n$/, '')
    : (process.env.WFC_PASSWORD ??
      (await ask(say(language, 'password'), { hidden: true, cancelled: say(language, 'cancelled') })));
  const session = await answer(
    connect(options.url, undefined, language).POST('/api/auth/login', {
      body: { companyCode: options.company, loginId: options.user, password },
    }),
  );
  // POST /api/auth/login always answers a bearer token (only the console's cookie login has none).
  if (!session.token) throw new CliError('NO_TOKEN', exitCodes.failures);
  const path = saveLogin({ url: options.url, token: session.token, company: options.company, user: options.user });
  print(options, say(language, 'loggedIn', { path }), { path });
  return exitCodes.done;
}

async function whoami(options: GlobalOptions): Promise<number> {
  const me = await answer(client().GET('/api/auth/me'));
  print(options, say(language, 'whoami', { ...me, url: currentLogin().url }), { ...me, url: currentLogin().url });
  return exitCodes.done;
}

/** Ends the session on the server (when it still answers) and forgets the stored token either way. */
async function logout(options: GlobalOptions): Promise<number> {
  const { url, token } = currentLogin();
  if (url && token) {
    const { response } = await connect(url, token, language).POST('/api/auth/logout');
    if (!response.ok && response.status !== 401) {
      throw new CliError(`HTTP_${response.status}`, exitCodes.failures);
    }
  }
  forgetLogin();
  print(options, say(language, 'loggedOut'), { loggedOut: true });
  return exitCodes.done;
}

// ---- the program ----

/** The commands, their options and help (exported for the test of every command's help text). */
export function program(): Command & { exitCodeOf: () => number } {
  const root = new Command('wfc')
    .description('Workforce credentials admin CLI / 管理者用コマンドライン')
    .version(version, '-V, --version', 'the version / バージョン')
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
    .requiredOption('--company <code>', '企業コード')
    .requiredOption('--user <loginId>', 'ログインID')
    .option('--password-stdin', 'read the password from stdin / パスワードを標準入力から読む')
    .action(
      action(async (options: { url: string; company: string; user: string; passwordStdin?: boolean }) =>
        login({ ...globals(), ...options }),
      ),
    );
  root
    .command('whoami')
    .description('the logged-in account / ログイン中のアカウント')
    .action(action(async () => whoami(globals())));
  root
    .command('logout')
    .description('end the session and forget the token / ログアウト')
    .action(action(async () => logout(globals())));

  const accounts = root.command('accounts').description('accounts / アカウント');
  accounts
    .command('import <file>')
    .description('import a CSV (create and update by code; - reads stdin) / CSV取込')
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
      .description(
        'verification mails to the employees the filters (resolved by the server) or a file select, then watch the run / 認証要求メール一括送信',
      )
      .option('--accounts <file>', 'a CSV with a code (アカウントコード) column (up to 10,000)')
      .option('--codes-file <file>', 'a file of account codes, one per line, uploaded as it is (up to 200,000)')
      .addOption(new Option('--email-slot <n>', 'the address slot (メールアドレス1–3)').choices(['1', '2', '3']))
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
  runs
    .command('list')
    .description('the runs, newest first / 実行の一覧')
    .action(
      action(async () => {
        const list = await answer(client().GET('/api/email-issuances/bulk'));
        const lines = list.items.map(
          (run) =>
            `${run.runId}\t${run.createdAt}\t${run.finishedAt ?? '-'}\t${run.progress.total}\t${run.progress.failed}`,
        );
        print(globals(), lines.join('\n'), list);
        return exitCodes.done;
      }),
    );
  runs
    .command('show <runId>')
    .description('where a run stands / 実行の状況')
    .action(
      action(async (runId: string) => {
        const run = await answer(client().GET('/api/email-issuances/bulk/{runId}', { params: { path: { runId } } }));
        print(globals(), say(language, 'runSummary', { ...run.progress }), run);
        return run.progress.failed > 0 ? exitCodes.failures : exitCodes.done;
      }),
    );
  runs
    .command('watch <runId>')
    .description('follow a run to its end, then save its results file / 実行を最後まで表示')
    .option('--results <path>', 'where to save the results file')
    .action(
      action(async (runId: string, options: { results?: string }) =>
        watchRun(client(), runId, { ...globals(), ...options }),
      ),
    );

  const audit = root.command('audit').description('the audit trail / 監査ログ');
  audit
    .command('list')
    .description('the events, newest first: a table, --json or the CSV file / 監査ログの一覧')
    .option('--account <code>', 'events that changed this account or that it made / アカウントコード')
    .option('--actor <code>', "the actor's code / 操作者コード")
    .option('--action <code>', 'an action code, e.g. account.update / 操作コード')
    .option('--target-type <type>', 'account, role, settings, department, … / 対象種別')
    .option('--from <time>', 'from this time (inclusive; a date alone is its local midnight) / 開始日時')
    .option('--to <time>', 'until this time (exclusive) / 終了日時')
    .option('--limit <n>', 'events per page (1–500, default 100) / 件数')
    .option('--cursor <seq>', 'the next page, as the previous one said / 次のページ')
    .option('--all', 'every page / すべてのページ')
    .option('--csv', "every matching event as the API's CSV file, on stdout or --out / CSV出力")
    .option('--out <path>', 'with --csv, write to a file instead of stdout')
    .action(action(async (options: AuditListOptions) => listAudit(client(), language, { ...globals(), ...options })));
  audit
    .command('verify')
    .description('check the hash chain; exit 1 with the first broken row / 監査ログの改ざん検証')
    .action(action(async () => verifyAudit(client(), language, globals())));

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

// Run as a command (node, tsx, the package's bin); imported, it only defines the program.
if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
