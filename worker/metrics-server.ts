import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { metricsRegistry } from '../lib/metrics';

/**
 * The worker's own Prometheus endpoint (mail latency and failures, issuance steps, bulk run durations): any path
 * answers the metrics. The Temporal SDK's metrics (task latencies, slots, polls) have their own exporter, set up
 * through the Runtime's telemetry options in worker/main.ts.
 */
export async function startMetricsServer(port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((_req, res) => {
    metricsRegistry
      .metrics()
      .then((body) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}
