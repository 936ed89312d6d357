import { z } from 'zod';
import { TaskQueues, type TaskQueue } from '../contract';

/**
 * Every setting comes from the environment, with a default that works on a developer machine.
 * `SERVICE_SECRET_KEY` has no default: it encrypts kept secrets and keys token hashes, so a value
 * baked into the code would protect nothing. `npm run up` generates one into `.data/` for development.
 */
const defaultDatabaseUrlValue = 'postgres://postgres@127.0.0.1:5432/workforce_credentials';

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  DATABASE_URL: z.string().min(1).default(defaultDatabaseUrlValue),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Workforce Credentials <no-reply@localhost>'),
  SERVICE_SECRET_KEY: z
    .string({ error: 'SERVICE_SECRET_KEY is required: 32 random bytes in base64 (openssl rand -base64 32)' })
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'SERVICE_SECRET_KEY must be 32 bytes in base64'),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  BOOTSTRAP_COMPANY_CODE: z
    .string()
    .regex(/^[a-z0-9-]{2,32}$/)
    .default('demo'),
  BOOTSTRAP_COMPANY_NAME: z.string().min(1).default('デモ株式会社'),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(480),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** Verification request mails per second over all workers (the SMTP provider's limit). */
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(50),
  /**
   * Express's `trust proxy`: `false` (default: the peer address is the client), `true`, a hop count, or
   * the proxies' addresses (`loopback`, `10.0.0.0/8, 192.168.0.1`). Only set it behind a reverse proxy
   * that overwrites X-Forwarded-For, or clients choose their own address for the rate limits.
   */
  TRUST_PROXY: z.string().default('false'),
  RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_PAGES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** The first temporary lock of an account with administrator rights; each further one doubles it. */
  LOCKOUT_ADMIN_DELAY_SECONDS: z.coerce.number().int().min(1).default(60),
  LOCKOUT_ADMIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(900),
  /**
   * The task queues a worker process serves, comma-separated (workforce, workforce-email, workforce-cpu,
   * workforce-bulk); empty: all of them. Bulk chunks may run in processes of their own.
   */
  WORKER_TASK_QUEUES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((queue) => queue.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(Object.values(TaskQueues) as [TaskQueue, ...TaskQueue[]]))
        .transform((queues) => (queues.length > 0 ? queues : undefined)),
    ),
  /** The worker's Prometheus endpoint (its own metrics); 0 turns it off. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /**
   * Where the Temporal SDK's Prometheus exporter of the worker listens (host:port, every interface by default so a
   * scraper in another container reaches it, as WORKER_METRICS_PORT); empty turns it off.
   */
  TEMPORAL_METRICS_ADDRESS: z.string().default('0.0.0.0:9465'),
  /** PostgreSQL connections one process (API or worker) may hold at most; replicas × this stays under max_connections. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** Bytes and nesting depth of a JSON request body; a deeper body is a 400 BODY_TOO_DEEP before it is read further. */
  JSON_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  JSON_BODY_MAX_DEPTH: z.coerce.number().int().min(4).max(1000).default(32),
  /** Rows, bytes and characters per cell one CSV import may hold. */
  ACCOUNT_IMPORT_MAX_CELL_CHARS: z.coerce.number().int().min(100).max(1_000_000).default(1000),
  ACCOUNT_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  ACCOUNT_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** How long one mail may fail temporarily (4xx, connection) before its issuance is recorded as failed. */
  MAIL_DELIVERY_DEADLINE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(23 * 60)
    .default(240),
});

/** Only the database address, for operator commands that need nothing else. */
export function loadDatabaseUrl(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.DATABASE_URL || defaultDatabaseUrlValue;
}

function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  publicBaseUrl: string;
  databaseUrl: string;
  temporal: { address: string; namespace: string };
  smtpUrl: string;
  mailFrom: string;
  serviceSecretKey: Buffer;
  adminPassword?: string;
  bootstrapCompany: { code: string; name: string };
  sessionTtlMinutes: number;
  logLevel: string;
  workflowBundlePath?: string;
  mailRatePerSecond: number;
  trustProxy: boolean | number | string;
  rateLimits: {
    loginPerIpPerMinute: number;
    loginFailuresPerAccountPerQuarterHour: number;
    pagesPerIpPerMinute: number;
  };
  adminLockout: { delaySeconds: number; maxDelaySeconds: number };
  mailDeliveryDeadlineMs: number;
  jsonLimits: { maxBytes: number; maxDepth: number };
  importLimits: { maxRows: number; maxBytes: number; maxCellChars: number };
  workerMetricsPort: number;
  /** WORKER_TASK_QUEUES; undefined: every queue. */
  workerTaskQueues?: TaskQueue[];
  temporalMetricsAddress?: string;
  /** DB_POOL_MAX: the most PostgreSQL connections of this process. */
  dbPoolMax: number;
  /** Azure AD client secrets given as AZURE_AD_CLIENT_SECRET_<COMPANY CODE>, for companies that keep none in the database. */
  azureAdClientSecrets: Record<string, string>;
}

/** The environment variable that may hold a company's Azure AD client secret (code upper-cased, others as _). */
export function azureAdSecretVariable(companyCode: string): string {
  return `AZURE_AD_CLIENT_SECRET_${companyCode.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  const env = parsed.data;
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    databaseUrl: env.DATABASE_URL,
    temporal: { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE },
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    serviceSecretKey: Buffer.from(env.SERVICE_SECRET_KEY, 'base64'),
    adminPassword: env.ADMIN_PASSWORD,
    bootstrapCompany: { code: env.BOOTSTRAP_COMPANY_CODE, name: env.BOOTSTRAP_COMPANY_NAME },
    sessionTtlMinutes: env.SESSION_TTL_MINUTES,
    logLevel: env.LOG_LEVEL,
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
    mailRatePerSecond: env.MAIL_RATE_PER_SECOND,
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    rateLimits: {
      loginPerIpPerMinute: env.RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE,
      loginFailuresPerAccountPerQuarterHour: env.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
      pagesPerIpPerMinute: env.RATE_LIMIT_PAGES_PER_IP_PER_MINUTE,
    },
    adminLockout: {
      delaySeconds: env.LOCKOUT_ADMIN_DELAY_SECONDS,
      maxDelaySeconds: env.LOCKOUT_ADMIN_MAX_DELAY_SECONDS,
    },
    mailDeliveryDeadlineMs: env.MAIL_DELIVERY_DEADLINE_MINUTES * 60_000,
    jsonLimits: { maxBytes: env.JSON_BODY_MAX_BYTES, maxDepth: env.JSON_BODY_MAX_DEPTH },
    importLimits: {
      maxRows: env.ACCOUNT_IMPORT_MAX_ROWS,
      maxBytes: env.ACCOUNT_IMPORT_MAX_BYTES,
      maxCellChars: env.ACCOUNT_IMPORT_MAX_CELL_CHARS,
    },
    workerMetricsPort: env.WORKER_METRICS_PORT,
    workerTaskQueues: env.WORKER_TASK_QUEUES,
    temporalMetricsAddress: env.TEMPORAL_METRICS_ADDRESS || undefined,
    dbPoolMax: env.DB_POOL_MAX,
    azureAdClientSecrets: Object.fromEntries(
      Object.entries(environment).filter(
        (entry): entry is [string, string] => entry[0].startsWith('AZURE_AD_CLIENT_SECRET_') && Boolean(entry[1]),
      ),
    ),
  };
}
