/**
 * The workflow side of tracing (bundled through worker/workflow-interceptor-modules.ts, not a workflow): a span per
 * workflow run, signal, update and scheduled activity, parented to the `traceparent` the client or the calling
 * activity put in the headers, and handed to the activities' headers in turn. Its spans leave the sandbox through
 * the `exporter` sink, which the worker registers (a no-op processor when tracing is off).
 */
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
