import { classifyFailureReason } from '../domain/issuance/failure-reasons';
import { onIssuanceTransition } from '../domain/issuance/issuance-events';
import type { TransitionName } from '../domain/issuance/state-machine';
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
 * Issuances by step, counted on the state machine's transitions once their transaction committed, so the API
 * (started, verified) and the worker (sent, issued, expired, failed) each count what they did.
 */
export const issuanceSteps = {
  started: counter('issuances_started_total', 'Issuances recorded'),
  sent: counter('issuances_sent_total', 'Verification request mails sent (issuance pending verification)'),
  verified: counter('issuances_verified_total', 'Issuances whose employee confirmed the mailbox'),
  issued: counter('issuances_issued_total', 'Issuances whose password was mailed or rendered'),
  expired: counter(
    'issuances_expired_total',
    'Issuances whose verification period ended (email) or whose notice was never downloaded (pdf)',
  ),
  failed: new Counter({
    name: 'issuances_failed_total',
    help: 'Issuances that gave up, by channel and reason class (smtp_refused, delivery_deadline, other)',
    labelNames: ['channel', 'reason'] as const,
    registers: [metricsRegistry],
  }),
  superseded: counter(
    'issuances_superseded_total',
    'Issuances replaced by a later one or by the click on another link',
  ),
} as const;

function counter(name: string, help: string) {
  return new Counter({ name, help, labelNames: ['channel'] as const, registers: [metricsRegistry] });
}

export const bulkRunDuration = new Histogram({
  name: 'bulk_run_duration_seconds',
  help: 'Wall time of a finished bulk e-mail run, from its start until every verification mail was sent or given up',
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
/** The step each transition of the state machine (domain/issuance/state-machine.ts) counts as. */
const stepOfTransition: Record<TransitionName, IssuanceStep | undefined> = {
  open: 'started',
  recordVerificationSent: 'sent',
  confirm: 'verified',
  withdrawConfirmation: undefined,
  recordPasswordIssued: 'issued',
  expire: 'expired',
  expireUnfetchedNotice: 'expired',
  fail: 'failed',
  supersede: 'superseded',
};

/** Counts committed issuance transitions: each process counts what it did (the API starts, the worker sends). */
onIssuanceTransition((transition) => {
  const step = stepOfTransition[transition.name];
  if (step === 'failed') {
    issuanceSteps.failed.inc({ channel: transition.channel, reason: classifyFailureReason(transition.reason ?? '') });
  } else if (step) issuanceSteps[step].inc({ channel: transition.channel });
});

/** A bulk run's wall time, from its start to its last verification mail; told once, by the call that finished it. */
export function observeBulkRunFinished(seconds: number): void {
  bulkRunDuration.observe(seconds);
}
