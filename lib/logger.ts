import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

/** Paths that may carry a secret; pino replaces their values before anything is written. */
const redactedPaths = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Verification links carry their token in the path; logs keep the route, not the token. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/verify\/[^/?#]+/, '/verify/[redacted]')
    .replace(/\/api\/password-notices\/[^/?#]+/, '/api/password-notices/[redacted]');
}

export function createLogger(options: { level: string; name?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.level,
      name: options.name,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // Every line written while an HTTP request is served carries its id (api/request-id.ts), whichever logger,
      // and, when tracing is on (lib/telemetry.ts), every line of API and worker the trace and span it belongs to.
      mixin: () => ({ ...currentRequestContext(), ...activeTrace() }),
    },
    destination,
  );
}

/** The active span's ids; nothing when tracing is off (the API package's no-op tracer has no active span). */
function activeTrace(): { traceId: string; spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : undefined;
}
