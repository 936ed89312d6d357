import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of this process (the API and the worker each serve their own: `/metrics` on the API,
 * WORKER_METRICS_PORT on the worker). One registry per process; tests that build several apps share it.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/**
 * Issuances by step, counted where the database records the step (see `IssuanceMetricsSubscriber`), so the
 * API (started, verified) and the worker (sent, issued, expired, failed) each count what they did.
 */
export const issuanceSteps = {
  started: counter('issuances_started_total', 'Issuances recorded'),
  sent: counter('issuances_sent_total', 'Verification request mails sent (issuance pending verification)'),
  verified: counter('issuances_verified_total', 'Issuances whose employee confirmed the mailbox'),
  issued: counter('issuances_issued_total', 'Issuances whose password was mailed or rendered'),
  expired: counter('issuances_expired_total', 'Issuances whose verification period ended'),
  failed: counter('issuances_failed_total', 'Issuances that gave up (refused mail, delivery deadline, …)'),
} as const;

function counter(name: string, help: string) {
  return new Counter({ name, help, labelNames: ['channel'] as const, registers: [metricsRegistry] });
}

export const bulkRunDuration = new Histogram({
  name: 'bulk_run_duration_seconds',
  help: 'Wall time of a finished bulk e-mail run, from its start to its last verification mail',
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
  registers: [metricsRegistry],
});

export const mailSendDuration = new Histogram({
  name: 'mail_send_duration_seconds',
  help: 'SMTP send latency by outcome',
  labelNames: ['outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const mailSendFailures = new Counter({
  name: 'mail_send_failures_total',
  help: 'SMTP send failures by class (permanent: 5xx refusal; temporary: 4xx, connection, timeout)',
  labelNames: ['class'] as const,
  registers: [metricsRegistry],
});

type IssuanceStep = keyof typeof issuanceSteps;
/** The issuance status each step leads to. */
const stepOfStatus: Record<string, IssuanceStep | undefined> = {
  pending: 'sent',
  verified: 'verified',
  issued: 'issued',
  expired: 'expired',
  failed: 'failed',
};

interface IssuanceLike {
  status?: string;
  channel?: string;
}
interface BulkRunLike {
  finishedAt?: Date | null;
  createdAt?: Date;
}

/**
 * Counts issuance steps and bulk-run durations from what the unit of work flushes, so no service or activity
 * has to remember to count. Changes made with native queries (bulk updates) are not seen.
 */
export class IssuanceMetricsSubscriber implements EventSubscriber {
  afterFlush(args: FlushEventArgs): void {
    for (const changeSet of args.uow.getChangeSets()) {
      const name = changeSet.meta.className;
      if (name === 'Issuance') {
        const entity = changeSet.entity as IssuanceLike;
        const channel = entity.channel ?? 'email';
        if (changeSet.type === 'create') issuanceSteps.started.inc({ channel });
        const status = (changeSet.payload as IssuanceLike).status;
        const step = status ? stepOfStatus[status] : undefined;
        if (step) issuanceSteps[step].inc({ channel });
      } else if (name === 'BulkRun' && changeSet.type === 'update') {
        const finishedAt = (changeSet.payload as BulkRunLike).finishedAt;
        const createdAt = (changeSet.entity as BulkRunLike).createdAt;
        if (finishedAt && createdAt) bulkRunDuration.observe((finishedAt.getTime() - createdAt.getTime()) / 1000);
      }
    }
  }
}
