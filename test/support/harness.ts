import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type LogEntry, type Worker } from '@temporalio/worker';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp, type App } from '../../api/app';
import type { RateLimitSettings } from '../../api/rate-limits';
import type { ApiServices } from '../../api/services';
import type { AdminLockoutSettings } from '../../domain/access/lockout';
import { SearchAttributes } from '../../contract';
import { bootstrapCompany } from '../../lib/bootstrap';
import { createLogger, type Logger } from '../../lib/logger';
import { createMailer, type Mailer } from '../../lib/mailer';
import { workflowClientInterceptors } from '../../lib/temporal-client';
import { SecretBox } from '../../lib/secret-box';
import { requireBinary, temporalTestServerPath } from '../../scripts/temporal-binaries';
import { createIssuanceWorkers } from '../../worker/create-worker';
import { startDevServer } from './temporal-dev-server';
import { createTestDatabase, type TestDatabase } from './database';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export const adminPassword = 'Admin-Test-Password-1';
export const companyCode = 'acme';
export const publicBaseUrl = 'http://localhost:3999';
/** The service key of every harness; tests use it to find a token's row the way the service does. */
const serviceKey = Buffer.alloc(32, 7);

export const testSecretBox = new SecretBox(serviceKey);

export interface Harness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  smtp: TestSmtpServer;
  app: App;
  http: ReturnType<typeof request>;
  /** Another app on the same database, Temporal and logger, with some services or settings of its own. */
  appWith(services: Partial<ApiServices>): App;
  /** Stops the worker as a crash or deploy would (running activities finish first); nothing is lost. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  logger: Logger;
  /** Everything any logger of the run wrote (API, activities, worker). */
  logLines: string[];
  teardown(): Promise<void>;
}

/** Where the Temporal SDK's warnings go during tests; scripts/test.sh shows the end of it when a test failed. */
export const sdkLogPath = resolve(__dirname, '../../.data/test/temporal-sdk.log');

function writeSdkLog(entry: LogEntry): void {
  const at = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = JSON.stringify(entry.meta ?? {}, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  appendFileSync(sdkLogPath, `${at} ${entry.level} [${process.env.JEST_WORKER_ID ?? '-'}] ${entry.message} ${meta}\n`);
}

/**
 * The SDK logs worker state changes and warnings (no workflows on the mail queues, …) to the console by default;
 * in tests they go to a file instead, so the output shows test results. Once per test file's module registry.
 */
export function quietTemporalSdk(): void {
  if (quietTemporalSdk.done) return;
  quietTemporalSdk.done = true;
  mkdirSync(dirname(sdkLogPath), { recursive: true });
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', writeSdkLog),
      telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
    });
  } catch {
    // A Runtime exists already (another harness of this file made one first): it keeps its logger.
  }
}
quietTemporalSdk.done = false;

function captureLogs(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { lines, stream };
}

/**
 * Real parts for one test file: a fresh PostgreSQL database, a Temporal server (the dev server, or
 * the time-skipping test server), an SMTP server in this process, the worker, and the Express app.
 */
/** Rate limits far above what any test but the rate-limit test reaches. */
const generousRateLimits: RateLimitSettings = {
  loginPerIpPerMinute: 100_000,
  loginFailuresPerAccountPerQuarterHour: 100_000,
  pagesPerIpPerMinute: 100_000,
};

export async function createHarness(options: {
  temporal: 'local' | 'time-skipping';
  rateLimits?: RateLimitSettings;
  trustProxy?: boolean | string;
  /** The mail activities' delivery deadline (MAIL_DELIVERY_DEADLINE_MINUTES); the default of the worker if unset. */
  mailDeliveryDeadlineMs?: number;
  /** Verification mails per second (MAIL_RATE_PER_SECOND); the service's default if unset. */
  mailRatePerSecond?: number;
  /** Rows and bytes per CSV import; the service's defaults if unset. */
  importLimits?: { maxRows: number; maxBytes: number };
  /** The API's clock (domain services); the real time if unset. */
  clock?: () => Date;
  /** The temporary lock of accounts with administrator rights; the service's defaults if unset. */
  adminLockout?: AdminLockoutSettings;
}): Promise<Harness> {
  quietTemporalSdk();
  const { lines, stream } = captureLogs();
  const logger = createLogger({ level: 'debug' }, stream);
  // The dev server started here rather than by createLocal, whose child writes its banner to the test output.
  const devServer = options.temporal === 'local' ? await startDevServer() : undefined;
  const env = devServer
    ? await TestWorkflowEnvironment.createFromExistingServer({ address: devServer.address })
    : await TestWorkflowEnvironment.createTimeSkipping({
        server: {
          executable: {
            type: 'existing-path',
            path: requireBinary(temporalTestServerPath(), 'The Temporal time-skipping test server'),
          },
        },
      });
  if (options.temporal === 'time-skipping') {
    // The test server knows no custom search attributes until they are added, as an operator would.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        Object.values(SearchAttributes).map((key) => [
          key.name,
          temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
  }
  // The API's and the activities' client, with the interceptors a deployed process has (tracing off).
  const client = new Client({
    connection: env.connection,
    namespace: env.namespace ?? 'default',
    interceptors: { workflow: workflowClientInterceptors() },
  });
  const db = await createTestDatabase();
  const smtp = await startSmtpServer();
  const mailer: Mailer = createMailer(smtp.url, 'Test Service <no-reply@example.test>');
  const secretBox = testSecretBox;
  const newWorkers = () =>
    createIssuanceWorkers({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      dependencies: {
        orm: db.orm,
        mailer,
        secretBox,
        publicBaseUrl,
        logger,
        temporal: client,
        mailDeliveryDeadlineMs: options.mailDeliveryDeadlineMs,
      },
      workflows: {
        workflowBundle: { codePath: requireBinary(process.env.TEST_WORKFLOW_BUNDLE, 'The workflow bundle') },
      },
      ...(options.mailRatePerSecond ? { mailRatePerSecond: options.mailRatePerSecond } : {}),
      // The time-skipping server does not hand a stopped worker's sticky tasks back on its own.
      ...(options.temporal === 'time-skipping' ? { options: { maxCachedWorkflows: 0 } } : {}),
    });
  // One worker per task queue (workflows, verification mails, credentials); stopped and started together.
  let workers: Worker[] | undefined = await newWorkers();
  let running: Promise<unknown> | undefined = Promise.all(workers.map((worker) => worker.run()));
  const stopWorker = async () => {
    for (const worker of workers ?? []) worker.shutdown();
    await running;
    workers = undefined;
    running = undefined;
  };
  await bootstrapCompany(db.orm.em.fork(), {
    code: companyCode,
    name: 'アクメ株式会社',
    serviceName: 'anyplace',
    adminPassword,
  });
  const services: ApiServices = {
    orm: db.orm,
    temporal: client,
    secretBox,
    logger,
    publicBaseUrl,
    sessionTtlMinutes: 60,
    rateLimits: options.rateLimits ?? generousRateLimits,
    trustProxy: options.trustProxy ?? false,
    importLimits: options.importLimits,
    clock: options.clock,
    adminLockout: options.adminLockout,
  };
  const app = createApp(services);
  return {
    env,
    db,
    smtp,
    app,
    http: request(app.app),
    appWith: (overrides) => createApp({ ...services, ...overrides }),
    async stopWorker() {
      await stopWorker();
    },
    async startWorker() {
      if (workers) return;
      workers = await newWorkers();
      running = Promise.all(workers.map((worker) => worker.run()));
    },
    logger,
    logLines: lines,
    async teardown() {
      await stopWorker();
      mailer.close();
      await smtp.close();
      await db.drop();
      await env.teardown();
      await devServer?.stop();
    },
  };
}
