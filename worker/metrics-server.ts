import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { metricsRegistry } from '../lib/metrics';

/**
 * The worker's own HTTP endpoint: `/metrics` (mail latency and failures, issuance steps, bulk run durations),
 * `/healthz` (the process answers: liveness) and `/readyz` (its workers are running and polling: readiness),
 * 404 for anything else. The Temporal SDK's metrics (task latencies, slots, polls) have their own exporter, set
 * up through the Runtime's telemetry options (worker/sdk-runtime.ts).
 */
export async function startMetricsServer(port: number, isReady: () => boolean, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    const json = (status: number, body: unknown) =>
      res
        .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(body));
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { status: 'method not allowed' });
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/readyz') return isReady() ? json(200, { status: 'ready' }) : json(503, { status: 'unavailable' });
    if (path !== '/metrics') return json(404, { status: 'not found' });
    metricsRegistry
      .metrics()
      .then((body) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}
