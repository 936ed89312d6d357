import { startTelemetry } from '../lib/telemetry';

/** The first import of worker/main.ts, so tracing hooks http and pg before they load (lib/telemetry.ts). */
export const telemetry = startTelemetry('workforce-worker');
