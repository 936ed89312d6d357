/**
 * OpenTelemetry tracing, on only when the standard `OTEL_*` variables ask for an OTLP export: an endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), not `OTEL_SDK_DISABLED=true`, not
 * `OTEL_TRACES_EXPORTER=none`. Off, no SDK starts: spans are the API package's no-ops and nothing is sent.
 *
 * This module imports no instrumented package (http, pg): it must be the first import of an entry point
 * (api/telemetry.ts, worker/telemetry.ts), so the instrumentations hook those packages before anything loads them.
 */
import type * as OtlpGrpc from '@opentelemetry/exporter-trace-otlp-grpc';
import type * as OtlpJson from '@opentelemetry/exporter-trace-otlp-http';
import type * as OtlpProto from '@opentelemetry/exporter-trace-otlp-proto';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type * as SdkTraceBase from '@opentelemetry/sdk-trace-base';
import type * as Resources from '@opentelemetry/resources';
import type * as HttpInstrumentationModule from '@opentelemetry/instrumentation-http';
import type * as PgInstrumentationModule from '@opentelemetry/instrumentation-pg';
import type { Resource } from '@opentelemetry/resources';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Telemetry {
  /** Where every finished span goes; the worker hands it to the workflow sandbox's span sink too. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends what is buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

export function telemetryRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.split(',').some((name) => name.trim() === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** The exporter of the protocol the environment names (the spec's default: http/protobuf). */
function exporterFromEnv(env: NodeJS.ProcessEnv): SpanExporter {
  const protocol = (
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
    env.OTEL_EXPORTER_OTLP_PROTOCOL ??
    'http/protobuf'
  ).trim();
  // Loaded on demand: each exporter brings its transport (gRPC, protobuf) along.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (protocol === 'grpc') {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc') as typeof OtlpGrpc;
    return new OTLPTraceExporter();
  }
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpJson;
    return new OTLPTraceExporter();
  }
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto') as typeof OtlpProto;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new OTLPTraceExporter();
}

/**
 * Starts tracing when requested (see above): HTTP in and out (server spans named by route: api/trace-route.ts),
 * PostgreSQL queries, W3C `traceparent`/`baggage` accepted and propagated, spans batched to the OTLP endpoint.
 * `OTEL_SERVICE_NAME` overrides the service name given here.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry | undefined {
  if (!telemetryRequested(env)) return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof SdkNode;
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof SdkTraceBase;
  const resources = require('@opentelemetry/resources') as typeof Resources;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpInstrumentationModule;
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof PgInstrumentationModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resource = resources.Resource.default()
    .merge(new resources.Resource({ 'service.name': serviceName }))
    .merge(resources.envDetectorSync.detect());
  const spanProcessor = new BatchSpanProcessor(exporterFromEnv(env));
  const sdk = new NodeSDK({
    resource,
    spanProcessors: [spanProcessor],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would be most of the traces and tell nothing.
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)\b/.test(req.url ?? ''),
        // The request id the API answered with (api/request-id.ts), so an id a user quotes finds the trace.
        applyCustomAttributesOnSpan: (span, _request, response) => {
          const requestId = 'getHeader' in response ? response.getHeader('x-request-id') : undefined;
          if (typeof requestId === 'string') span.setAttribute('http.response.header.x-request-id', [requestId]);
        },
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return { spanProcessor, resource, shutdown: () => sdk.shutdown() };
}
