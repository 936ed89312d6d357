/**
 * The whole service on one machine, for trying it out and for development. `bash scripts/up.sh` runs it.
 *
 *   Temporal dev server  127.0.0.1:7233, UI :8233   TEMPORAL_PORT, TEMPORAL_UI_PORT (none if TEMPORAL_ADDRESS is set)
 *   MailDev              SMTP 127.0.0.1:1025, :1080  MAIL_SMTP_PORT, MAIL_WEB_PORT (none if SMTP_URL is set)
 *   API                  :3000                       PORT
 *   worker
 *
 * PostgreSQL is not started here: DATABASE_URL must reach a running server (the database itself is
 * created on first start). What survives a restart lives in .data/ (git-ignored): the Temporal database
 * and the generated SERVICE_SECRET_KEY. Demo employees are added once. Ctrl-C stops everything, and if
 * one process dies the others are stopped too, so nothing is left running in the background.
 */
import { Connection } from '@temporalio/client';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { searchAttributeRegistrations } from '../contract';
import { loadConfig, type AppConfig } from '../lib/config';
import { initOrm } from '../lib/db';
import { seedDemoData } from '../lib/demo-data';
import { requireBinary, temporalCliPath } from './temporal-binaries';

const projectRoot = resolve(__dirname, '..');
/** DEV_UP_DATA_DIR: another place for what survives a restart (the stop test uses a throwaway one). */
const dataDir = resolve(process.env.DEV_UP_DATA_DIR || join(projectRoot, '.data'));
const secretKeyFile = join(dataDir, 'service-secret.key');
const temporalDbFile = join(dataDir, 'temporal.db');
/** MailDev keeps each mail here as an .eml file and loads them again at start: the inbox survives a restart. */
const mailDir = join(dataDir, 'mail');
/** The local binaries, not `npx`: one process layer less between a stop signal and the program. */
const tsxBin = join(projectRoot, 'node_modules', '.bin', 'tsx');
const maildevBin = join(projectRoot, 'node_modules', '.bin', 'maildev');

const stopGraceMs = 5_000;
const parentCheckIntervalMs = 250;
const temporalStartTimeoutMs = 60_000;
/** The first start compiles TypeScript and runs every migration. */
const apiStartTimeoutMs = 120_000;
/** The worker bundles the workflow code with webpack before it polls. */
const workerStartTimeoutMs = 60_000;

/** A problem the user can fix; shown as its message alone, without a stack trace. */
class UserError extends Error {}

// ---------------------------------------------------------------------------------------------- output

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const labelColors: Record<string, number> = { 'dev-up': 1, temporal: 35, mail: 33, api: 36, worker: 32 };
const labelWidth = Math.max(...Object.keys(labelColors).map((name) => name.length)) + 2;

function label(name: string): string {
  const text = `[${name}]`.padEnd(labelWidth);
  return useColor ? `\x1b[${labelColors[name] ?? 0}m${text}\x1b[0m` : text;
}

function say(message: string): void {
  process.stdout.write(`${label('dev-up')} ${message}\n`);
}

/**
 * Copies a child's output line by line with its name in front, so interleaved logs stay readable.
 * `show` returning false drops a line (after `onLine` has seen it).
 */
function pipeLines(
  from: Readable,
  name: string,
  to: Writable,
  onLine: (line: string) => void,
  show: (line: string) => boolean,
): void {
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    onLine(line);
    if (show(line)) to.write(`${label(name)} ${line}\n`);
  });
}

// ---------------------------------------------------------------------------------------------- helpers

async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`${name} must be a port number between 1 and 65535, not "${raw}".`);
  }
  return port;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
}

// ---------------------------------------------------------------------------------------------- ports

interface PortNeed {
  port: number;
  /** Where our process will bind it; `undefined` is every address, as the API's `app.listen(port)` does. */
  host: string | undefined;
  what: string;
  /** What to set to avoid the clash. */
  remedy: string;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const finish = (result: boolean) => {
      socket.destroy();
      done(result);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function canBind(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? done(false) : fail(error)));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done(true)));
  });
}

/**
 * Both checks, because neither is enough everywhere: on macOS a listener on 0.0.0.0 does not stop a bind
 * to 127.0.0.1, and a listener on another address does not answer a connect to 127.0.0.1.
 */
async function portTaken(need: PortNeed): Promise<boolean> {
  return (await canConnect(need.port)) || !(await canBind(need.port, need.host));
}

/** Fails before anything starts, naming every clash at once, instead of a stack trace from one child. */
async function ensurePortsFree(needs: PortNeed[]): Promise<void> {
  const clashes: string[] = [];
  for (const need of needs) {
    if (await portTaken(need)) clashes.push(`  port ${need.port} (${need.what}) is already in use: ${need.remedy}`);
  }
  if (clashes.length > 0) {
    throw new UserError(
      `Cannot start, ports are taken:\n${clashes.join('\n')}\n` +
        `  (Is another scripts/up.sh still running? Stop it, or stop what listens there: lsof -i :<port>)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------- supervisor

interface ChildSpec {
  /** Higher tiers stop first: the API and worker before the servers they talk to. */
  tier: number;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Sees every output line, e.g. to notice that the child is ready. */
  onLine?: (line: string) => void;
  /** Lines to drop once stopping has begun: expected complaints about the others going away. */
  shutdownNoise?: RegExp;
}

interface Managed {
  name: string;
  child: ChildProcess;
  tier: number;
}

/** Whether any process of the group is left (each child leads its own group, see `start`). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

class Supervisor {
  private readonly managed: Managed[] = [];
  private stopping = false;

  constructor() {
    // SIGHUP too: closing the terminal must not leave the servers behind (they are not in its process group).
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => this.onSignal(signal));
    // `kill -TERM` of `npm run up` reaches npm, which passes it to its `sh -c` only; the shell dies without
    // passing it on. So an orphaned supervisor (its parent gone, it was adopted by init or a subreaper)
    // stops everything as if it had been told to.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) this.shutdown(0, 'the parent process (npm run up) has gone');
    }, parentCheckIntervalMs).unref();
    // Last resort when this process ends some other way: no server may outlive it.
    process.on('exit', () => {
      for (const { child } of this.managed) if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    });
  }

  /**
   * Each child gets its own process group (`detached`), so that a stop reaches the whole tree: tsx runs
   * the program in a second node process, and a signal to the tsx process alone would not always arrive.
   */
  start(name: string, spec: ChildSpec): void {
    // A stop that came in during start-up wins: nothing new may appear behind stopAll's back.
    if (this.stopping) return;
    const { command, args, env, tier, onLine = () => {}, shutdownNoise } = spec;
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.managed.push({ name, child, tier });
    const show = (line: string) => !(this.stopping && shutdownNoise?.test(line));
    pipeLines(child.stdout!, name, process.stdout, onLine, show);
    pipeLines(child.stderr!, name, process.stderr, onLine, show);
    child.once('error', (error) => this.fail(`${name} could not be started: ${error.message}`));
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      // Let its last lines (usually the reason) come out before the verdict; a grandchild holding the
      // pipes open must not delay it for long, though.
      const report = () => this.fail(`${name} exited unexpectedly (${describeExit(code, signal)}); stopping the rest.`);
      const timer = setTimeout(report, 1_000);
      child.once('close', () => {
        clearTimeout(timer);
        report();
      });
    });
  }

  /** Stops every child and ends this process. Later calls while stopping do nothing. */
  shutdown(exitCode: number, message?: string): void {
    if (this.stopping) return;
    this.stopping = true;
    if (message) say(message);
    if (this.managed.length === 0) process.exit(exitCode);
    say('stopping…');
    void this.stopAll().then(() => {
      say(exitCode === 0 ? 'stopped' : 'stopped after a failure');
      process.exit(exitCode);
    });
  }

  fail(message: string): void {
    this.shutdown(1, useColor ? `\x1b[31m${message}\x1b[0m` : message);
  }

  /**
   * A repeated signal is ignored rather than taken as "kill now": one Ctrl-C can arrive twice (tsx
   * relays it when its child is slow to confirm), and the stop is bounded anyway by the SIGKILL after
   * the grace period.
   */
  private onSignal(signal: NodeJS.Signals): void {
    this.shutdown(0, `${signal} received`);
  }

  private async stopAll(): Promise<void> {
    const tiers = [...new Set(this.managed.map((entry) => entry.tier))].sort((a, b) => b - a);
    for (const tier of tiers) {
      await Promise.all(this.managed.filter((entry) => entry.tier === tier).map((entry) => stopGroup(entry)));
    }
  }
}

async function stopGroup({ name, child }: Managed): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  signalGroup(pid, 'SIGTERM');
  if (await waitUntil(() => !groupAlive(pid), stopGraceMs, 100)) return;
  say(`${name} did not stop within ${stopGraceMs / 1000} s; killing it`);
  signalGroup(pid, 'SIGKILL');
  await waitUntil(() => !groupAlive(pid), 2_000, 100);
}

// ---------------------------------------------------------------------------------------------- secret key

/** SERVICE_SECRET_KEY from the environment, else the one generated into .data/ on the first run. */
function serviceSecretKey(): string {
  const fromEnv = process.env.SERVICE_SECRET_KEY;
  if (fromEnv) return fromEnv;
  if (!existsSync(secretKeyFile)) {
    // 'wx': never overwrite a key; the kept secrets in the database are encrypted with it.
    writeFileSync(secretKeyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    say(`generated SERVICE_SECRET_KEY into ${secretKeyFile}`);
  }
  const key = readFileSync(secretKeyFile, 'utf8').trim();
  if (Buffer.from(key, 'base64').length !== 32) {
    throw new UserError(
      `${secretKeyFile} does not hold 32 bytes in base64. Delete it to generate a new key ` +
        `(secrets kept with the old key can then no longer be read), or set SERVICE_SECRET_KEY.`,
    );
  }
  return key;
}

// ---------------------------------------------------------------------------------------------- Temporal

async function temporalAnswers(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '2s' });
    // The namespace, not just the port: start-dev opens the port before it has created the namespace.
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

function startTemporal(supervisor: Supervisor, cli: string, ports: LocalPorts, namespace: string): void {
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    temporalDbFile,
    '--ip',
    '127.0.0.1',
    '--port',
    String(ports.temporal),
    '--ui-port',
    String(ports.temporalUi),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...searchAttributeRegistrations.flatMap((registration) => ['--search-attribute', registration]),
  ];
  // While it stops, start-dev's internal workers log a screenful of warnings about the closed frontend.
  supervisor.start('temporal', { tier: 0, command: cli, args, env: process.env, shutdownNoise: /level=WARN/ });
}

/** The type as `search-attribute list` shows it: `KeywordList` → `INDEXED_VALUE_TYPE_KEYWORD_LIST`. */
function indexedValueType(type: string): string {
  return `INDEXED_VALUE_TYPE_${type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/**
 * start-dev applies --search-attribute only while it creates the namespace, that is for a new database
 * file: with an existing file it starts fine but silently registers nothing, so an attribute added to the
 * contract since would be missing. So add whatever the server lacks. (Adding one that exists is harmless
 * but makes the server log a warning, hence the list first.)
 */
async function registerMissingSearchAttributes(cli: string, address: string, namespace: string): Promise<void> {
  const run = promisify(execFile);
  const target = ['--address', address, '--namespace', namespace];
  const listed = await run(cli, ['operator', 'search-attribute', 'list', ...target, '--output', 'json']);
  const existing = (JSON.parse(listed.stdout) as { customAttributes?: Record<string, string> }).customAttributes ?? {};
  for (const registration of searchAttributeRegistrations) {
    const [name = '', type = ''] = registration.split('=');
    const current = existing[name];
    if (current === indexedValueType(type)) continue;
    if (current !== undefined) {
      throw new UserError(
        `The search attribute ${name} exists in ${temporalDbFile} with type ${current}, not ${type}. ` +
          `Delete that file (it loses the workflow history) or set TEMPORAL_ADDRESS.`,
      );
    }
    say(`registering the search attribute ${registration}`);
    await run(cli, ['operator', 'search-attribute', 'create', ...target, '--name', name, '--type', type]);
  }
}

async function bringUpTemporal(supervisor: Supervisor, plan: Plan): Promise<void> {
  const { address, namespace } = plan.config.temporal;
  if (!plan.local.temporal) {
    say(`using the Temporal server at ${address} (TEMPORAL_ADDRESS)`);
    if (!(await waitUntil(() => temporalAnswers(address, namespace), 15_000, 1_000))) {
      throw new UserError(`No Temporal server with namespace "${namespace}" answers at ${address} (TEMPORAL_ADDRESS).`);
    }
    return;
  }
  const cli = requireBinary(temporalCliPath(), 'The Temporal CLI');
  say(`starting the Temporal dev server (state in ${temporalDbFile})`);
  startTemporal(supervisor, cli, plan.ports, namespace);
  if (!(await waitUntil(() => temporalAnswers(address, namespace), temporalStartTimeoutMs, 500))) {
    throw new UserError(
      `The Temporal dev server did not answer at ${address} within ${temporalStartTimeoutMs / 1000} s.`,
    );
  }
  await registerMissingSearchAttributes(cli, address, namespace);
}

// ---------------------------------------------------------------------------------------------- mail

/** A child process rather than in-process: MailDev installs its own signal and exception handlers. */
async function bringUpMail(supervisor: Supervisor, plan: Plan): Promise<void> {
  if (!plan.local.mail) {
    say(`sending mail through ${plan.smtpUrl} (SMTP_URL)`);
    return;
  }
  const { mailSmtp, mailWeb } = plan.ports;
  mkdirSync(mailDir, { recursive: true, mode: 0o700 });
  const args = [
    ...['--ip', '127.0.0.1', '--smtp', String(mailSmtp), '--web-ip', '127.0.0.1', '--web', String(mailWeb)],
    ...['--mail-directory', mailDir],
  ];
  supervisor.start('mail', { tier: 0, command: maildevBin, args, env: process.env });
  const up = await waitUntil(async () => (await canConnect(mailSmtp)) && (await canConnect(mailWeb)), 30_000);
  if (!up) throw new UserError(`MailDev did not open ports ${mailSmtp} and ${mailWeb} within 30 s.`);
}

// ---------------------------------------------------------------------------------------------- API, worker, demo data

async function apiHealthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the API and the worker, and resolves once both are ready, so the summary comes after their
 * start-up output. Tells whether the API printed a generated Admin password.
 */
async function bringUpService(supervisor: Supervisor, plan: Plan): Promise<{ generatedAdminPassword?: string }> {
  let adminCreated = false;
  let generatedAdminPassword: string | undefined;
  let workerReady = false;
  // The API prints a generated password once, on its stdout (not through the logger); the summary repeats it,
  // so it does not scroll away above the start-up output.
  const watchApi = (line: string) => {
    if (line.includes('System administrator created')) adminCreated = true;
    const password = adminCreated && generatedAdminPassword === undefined && /^\s*password: (\S+)\s*$/.exec(line);
    if (password) generatedAdminPassword = password[1];
  };
  // The worker's own "workers running" (LOG_LEVEL info) or the SDK's state change (logged at any LOG_LEVEL).
  const watchWorker = (line: string) => {
    if (/"msg":"workers running"|state: 'RUNNING'/.test(line)) workerReady = true;
  };
  say('starting the API and the worker');
  const service = { tier: 1, command: tsxBin, env: plan.serviceEnv };
  supervisor.start('api', { ...service, args: ['api/main.ts'], onLine: watchApi });
  // The worker's old-space limit, as docker-compose.yml sets it (BENCH.md, issue 20).
  const workerEnv = {
    ...plan.serviceEnv,
    NODE_OPTIONS: [plan.serviceEnv.NODE_OPTIONS, '--max-old-space-size=256'].filter(Boolean).join(' '),
  };
  supervisor.start('worker', { ...service, env: workerEnv, args: ['worker/main.ts'], onLine: watchWorker });
  if (!(await waitUntil(() => apiHealthy(plan.config.port), apiStartTimeoutMs, 500))) {
    throw new UserError(
      `The API did not answer on http://127.0.0.1:${plan.config.port}/healthz within ${apiStartTimeoutMs / 1000} s.`,
    );
  }
  // Not fatal: a slow worker only delays the mails, and its death is reported anyway.
  if (!(await waitUntil(() => workerReady, workerStartTimeoutMs)))
    say('the worker is not running yet; mails wait for it');
  return { generatedAdminPassword };
}

async function seedDemo(config: AppConfig): Promise<void> {
  // The API has migrated and bootstrapped the company before it answered /healthz.
  const orm = await initOrm(config.databaseUrl, { migrate: false });
  try {
    const { created } = await seedDemoData(orm.em.fork(), config.bootstrapCompany.code);
    say(created.length > 0 ? `added demo employees ${created.join(', ')}` : 'demo employees are already there');
  } finally {
    await orm.close();
  }
}

// ---------------------------------------------------------------------------------------------- plan and summary

interface LocalPorts {
  temporal: number;
  temporalUi: number;
  mailSmtp: number;
  mailWeb: number;
}

interface Plan {
  config: AppConfig;
  /** Which servers this script starts itself (the others come from the environment). */
  local: { temporal: boolean; mail: boolean };
  ports: LocalPorts;
  smtpUrl: string;
  serviceEnv: NodeJS.ProcessEnv;
}

function makePlan(secretKey: string): Plan {
  const ports: LocalPorts = {
    temporal: portFromEnv('TEMPORAL_PORT', 7233),
    temporalUi: portFromEnv('TEMPORAL_UI_PORT', 8233),
    mailSmtp: portFromEnv('MAIL_SMTP_PORT', 1025),
    mailWeb: portFromEnv('MAIL_WEB_PORT', 1080),
  };
  const local = { temporal: !process.env.TEMPORAL_ADDRESS, mail: !process.env.SMTP_URL };
  // Checks the user's settings the way the API will, so a typo fails here with the API's own message.
  const userConfig = loadUserConfig({ ...process.env, SERVICE_SECRET_KEY: secretKey });
  const smtpUrl = process.env.SMTP_URL || `smtp://127.0.0.1:${ports.mailSmtp}`;
  const serviceEnv: NodeJS.ProcessEnv = {
    // As in the image (Dockerfile): argon2's 19 MiB per hash on libuv threads otherwise stays in per-thread heaps.
    MALLOC_ARENA_MAX: '2',
    ...process.env,
    SERVICE_SECRET_KEY: secretKey,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || `127.0.0.1:${ports.temporal}`,
    SMTP_URL: smtpUrl,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || `http://localhost:${userConfig.port}`,
    DATABASE_URL: userConfig.databaseUrl,
    LOG_LEVEL: userConfig.logLevel,
  };
  return { config: loadUserConfig(serviceEnv), local, ports, smtpUrl, serviceEnv };
}

function loadUserConfig(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

function portNeeds(plan: Plan): PortNeed[] {
  const needs: PortNeed[] = [];
  if (plan.local.temporal) {
    const useExisting = 'or set TEMPORAL_ADDRESS to use a Temporal server that is already running';
    needs.push(
      { port: plan.ports.temporal, host: '127.0.0.1', what: 'Temporal', remedy: `set TEMPORAL_PORT, ${useExisting}` },
      { port: plan.ports.temporalUi, host: '127.0.0.1', what: 'Temporal UI', remedy: 'set TEMPORAL_UI_PORT' },
    );
  }
  if (plan.local.mail) {
    needs.push(
      {
        port: plan.ports.mailSmtp,
        host: '127.0.0.1',
        what: 'MailDev SMTP',
        remedy: 'set MAIL_SMTP_PORT, or set SMTP_URL to use a mail server that is already running',
      },
      { port: plan.ports.mailWeb, host: '127.0.0.1', what: 'MailDev inbox', remedy: 'set MAIL_WEB_PORT' },
    );
  }
  needs.push({ port: plan.config.port, host: undefined, what: 'API', remedy: 'set PORT' });
  if (plan.config.workerMetricsPort > 0) {
    needs.push({
      port: plan.config.workerMetricsPort,
      host: undefined,
      what: 'worker metrics',
      remedy: 'set WORKER_METRICS_PORT (0 turns it off)',
    });
  }
  const sdkMetrics = sdkMetricsEndpoint(plan.config);
  if (sdkMetrics) {
    needs.push({
      port: sdkMetrics.port,
      host: sdkMetrics.host,
      what: 'Temporal SDK metrics',
      remedy: 'set TEMPORAL_METRICS_ADDRESS (empty turns it off)',
    });
  }
  return needs;
}

function sdkMetricsEndpoint(config: AppConfig): { host: string; port: number } | undefined {
  if (!config.temporalMetricsAddress) return undefined;
  const url = new URL(`http://${config.temporalMetricsAddress}`);
  return { host: url.hostname, port: Number(url.port) };
}

function printSummary(plan: Plan, generatedAdminPassword: string | undefined): void {
  const api = `http://localhost:${plan.config.port}`;
  const company = plan.config.bootstrapCompany.code;
  const password = plan.config.adminPassword
    ? 'set by ADMIN_PASSWORD'
    : generatedAdminPassword
      ? `${generatedAdminPassword}   (generated; shown only this once, note it now)`
      : 'the one you chose after the first start (ADMIN_PASSWORD sets it on a fresh database)';
  const passwordHint = generatedAdminPassword
    ? ['  The first login must change it: POST /api/auth/password (below), nothing else works before that.']
    : [];
  const temporalUi = plan.local.temporal
    ? `http://localhost:${plan.ports.temporalUi}`
    : `(the UI of your server at ${plan.config.temporal.address})`;
  const inbox = plan.local.mail ? `http://localhost:${plan.ports.mailWeb}` : `(mail goes to ${plan.smtpUrl})`;
  const json = `-H 'content-type: application/json'`;
  const token = `| node -pe 'JSON.parse(fs.readFileSync(0)).token'`;
  const rule = '─'.repeat(78);
  const lines = [
    rule,
    '  Workforce credentials is running.  Ctrl-C stops everything.',
    '',
    `  Admin console  ${api}/admin`,
    `  API            ${api}`,
    `  Swagger UI     ${api}/docs`,
    `  OpenAPI        ${api}/openapi.json`,
    `  Health         ${api}/healthz, ${api}/readyz`,
    `  Metrics        ${api}/metrics${
      plan.config.workerMetricsPort > 0 ? `, worker http://localhost:${plan.config.workerMetricsPort}/metrics` : ''
    }${plan.config.temporalMetricsAddress ? `, SDK http://${browsable(plan.config.temporalMetricsAddress)}/metrics` : ''}`,
    `  Temporal UI    ${temporalUi}`,
    `  Mail inbox     ${inbox}`,
    '',
    `  Company code   ${company}`,
    '  Admin login    Admin',
    `  Admin password ${password}`,
    ...passwordHint,
    rule,
    `  Try it in the browser: ${api}/admin (company code ${company}, Admin, the password above;`,
    '  change it at the first login), tick 山田 太郎 (E0001) in アカウント一覧, 選択してパスワードを発行.',
    '  Or over the API: log in; at the first login change the generated password (nothing else works',
    '  before that); send the verification mail to 山田 太郎 (E0001); read it in the mail inbox:',
    '',
    `  TOKEN=$(curl -s ${api}/api/auth/login ${json} -d '{"companyCode":"${company}","loginId":"Admin","password":"<password>"}' ${token})`,
    `  TOKEN=$(curl -s ${api}/api/auth/password ${json} -H "authorization: Bearer $TOKEN" -d '{"currentPassword":"<password>","newPassword":"<12+ characters>"}' ${token})`,
    `  curl -s -X POST ${api}/api/accounts/E0001/email-issuances ${json} -H "authorization: Bearer $TOKEN" -d '{}'`,
    plan.local.mail
      ? `  # then open ${inbox} in a browser: the verification mail to taro.yamada@example.com is there`
      : `  # then look for the verification mail to taro.yamada@example.com where ${plan.smtpUrl} delivers`,
    rule,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

// ---------------------------------------------------------------------------------------------- main

async function main(supervisor: Supervisor): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const plan = makePlan(serviceSecretKey());
  await ensurePortsFree(portNeeds(plan));
  await Promise.all([bringUpTemporal(supervisor, plan), bringUpMail(supervisor, plan)]);
  const { generatedAdminPassword } = await bringUpService(supervisor, plan);
  await seedDemo(plan.config);
  printSummary(plan, generatedAdminPassword);
}

const supervisor = new Supervisor();
main(supervisor).catch((error: unknown) => {
  const message =
    error instanceof UserError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  supervisor.fail(message);
});

/** A bind address as a person opens it: every interface (0.0.0.0, ::) is reached as localhost. */
function browsable(address: string): string {
  return address.replace(/^(0\.0\.0\.0|\[::\])(?=:)/, 'localhost');
}
