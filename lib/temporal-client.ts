import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { requestIdClientInterceptor } from './request-id-propagation';

/**
 * A client whose connection is made on first use, so the API can start before the Temporal server answers.
 * With `tracing` (the process exports spans, lib/telemetry.ts) every start, signal and update carries the active
 * trace context in its headers, so the workflow's spans join the HTTP request's (or the activity's) trace.
 */
export function createTemporalClient(options: { address: string; namespace: string; tracing?: boolean }): Client {
  const connection = Connection.lazy({ address: options.address });
  return new Client({
    connection,
    namespace: options.namespace,
    interceptors: { workflow: workflowClientInterceptors(options.tracing) },
  });
}

/** The request id always (lib/request-id-propagation.ts); the trace context when the process traces. */
export function workflowClientInterceptors(tracing = false): WorkflowClientInterceptor[] {
  return [requestIdClientInterceptor, ...(tracing ? [new OpenTelemetryWorkflowClientInterceptor()] : [])];
}
