import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';

/**
 * Names the request's trace span after its route pattern (`POST /api/email-issuances/bulk`, and `http.route`),
 * through the HTTP instrumentation's route slot, as the Express instrumentation would: no Express instrumentation
 * of the OpenTelemetry 1.x line (the one @temporalio/interceptors-opentelemetry 1.24 uses) patches Express 5.
 * With tracing off there is no slot and nothing happens.
 */
export function nameTraceRoute(routePattern: string): void {
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type === RPCType.HTTP) rpc.route = routePattern;
}
