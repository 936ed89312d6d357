import { startTelemetry } from '../lib/telemetry';

/** The first import of api/main.ts, so tracing hooks http, express and pg before they load (lib/telemetry.ts). */
export const telemetry = startTelemetry('workforce-api');
