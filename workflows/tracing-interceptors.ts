/**
 * The workflow side of tracing and of the request id's propagation (bundled through worker/workflow-interceptor-modules.ts, not a workflow): a span per
 * workflow run, signal, update and scheduled activity, parented to the `traceparent` the client or the calling
 * activity put in the headers, and handed to the activities' headers in turn. Its spans leave the sandbox through
 * the `exporter` sink, which the worker registers (a no-op processor when tracing is off).
 */
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { Headers, WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** The API request's id (lib/request-id-propagation.ts): from the workflow's start headers to its activities' headers. */
const requestIdHeader = 'x-request-id';

export const interceptors: WorkflowInterceptorsFactory = () => {
  // One factory call per workflow run: its own starting request.
  let requestId: Headers[string] | undefined;
  const carry = <T extends { headers: Headers }>(input: T): T =>
    requestId && !input.headers[requestIdHeader]
      ? { ...input, headers: { ...input.headers, [requestIdHeader]: requestId } }
      : input;
  return {
    inbound: [
      {
        execute: (input, next) => {
          requestId = input.headers[requestIdHeader];
          return next(input);
        },
      },
      new OpenTelemetryInboundInterceptor(),
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(carry(input)),
        scheduleLocalActivity: (input, next) => next(carry(input)),
        startChildWorkflowExecution: (input, next) => next(carry(input)),
      },
      new OpenTelemetryOutboundInterceptor(),
    ],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
