import { Runtime, type LogLevel, type LogMetadata, type Logger as SdkLogger } from '@temporalio/worker';
import type { Logger } from '../lib/logger';

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
const pinoLevels: Record<LogLevel, PinoLevel> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Messages the SDK raises to WARN that say nothing wrong in this deployment: the mail, CPU and bulk queues'
 * workers serve activities only, so each says at every start that it has no workflows.
 */
const expectedWarnings = [/^No workflows registered/];

/** The SDK's logger (its TS side and, forwarded, its native core) written as pino JSON lines. */
export function sdkLoggerFor(logger: Logger): SdkLogger {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const demoted = level === 'WARN' && expectedWarnings.some((pattern) => pattern.test(message));
    sdk[demoted ? 'debug' : pinoLevels[level]]({ ...meta }, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/**
 * Installs the SDK's native runtime before anything else touches it: every log line it writes goes through
 * the worker's pino logger (no text lines on stderr), and, when an address is given, its Prometheus exporter
 * names metrics by convention: durations in seconds with the unit in the name, counters ending in `_total`.
 */
export function installSdkRuntime(logger: Logger, metricsAddress?: string): void {
  Runtime.install({
    logger: sdkLoggerFor(logger),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'WARN' } },
      ...(metricsAddress
        ? {
            metrics: {
              prometheus: {
                bindAddress: metricsAddress,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          }
        : {}),
    },
  });
}
