import { isSpanContextValid, trace } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one HTTP request carries (see lib/logger.ts `mixin`). */
export interface RequestContext {
  requestId: string;
  /** The client's address as the API saw it (behind a trusted proxy, the forwarded one): for the audit trail. */
  clientAddress?: string;
  /** The bulk run the request started, once it has (the request's later lines and its pino-http line carry it). */
  runId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds what the request has made (a run) to its context, so its later log lines carry it; outside a request, nothing. */
export function annotateRequest(fields: Omit<RequestContext, 'requestId' | 'clientAddress'>): void {
  const context = storage.getStore();
  if (context) Object.assign(context, fields);
}

/** The trace of the work going on, when tracing is on (the no-op tracer has no active span). */
export function currentTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}
