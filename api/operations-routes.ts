import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { z } from 'zod';
import { registerOpenIssuancesGauge } from '../lib/issuance-state-gauge';
import { metricsRegistry } from '../lib/metrics';
import { workflowServiceAnswers, workflowServiceDeadlineMs } from '../lib/workflow-control';
import type { MountedRoute } from './route';
import type { ApiServices } from './services';

const readinessTimeoutMs = workflowServiceDeadlineMs;
/** Seconds a load balancer or client should wait before asking again while a dependency is down. */
export const retryAfterSeconds = 5;

const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const checkState = z.enum(['ok', 'unavailable']);
const readinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({ database: checkState, temporal: checkState }),
  })
  .meta({ id: 'Readiness' });

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function check(work: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  try {
    await within(work(), readinessTimeoutMs);
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

/**
 * Operator endpoints, outside the bearer-token API: `/healthz` says the process serves HTTP (liveness: restart
 * it when this fails), `/readyz` that PostgreSQL and Temporal answer too (readiness: send it traffic), and
 * `/metrics` the Prometheus metrics of this process.
 */
export function registerOperationsRoutes(
  app: Express,
  registry: OpenAPIRegistry,
  services: ApiServices,
): MountedRoute[] {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      check(() => services.orm.em.getConnection().execute('SELECT 1')),
      workflowServiceAnswers(services.temporal, readinessTimeoutMs).then((answers) =>
        answers ? ('ok' as const) : ('unavailable' as const),
      ),
    ]);
    const ready = database === 'ok' && temporal === 'ok';
    if (!ready) res.set('Retry-After', String(retryAfterSeconds));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: { database, temporal } });
  });

  registerOpenIssuancesGauge(services.orm);
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });

  const tags = ['Operations'];
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealthz',
    summary: 'Liveness: the process serves HTTP (checks nothing else)',
    tags,
    security: [],
    responses: { 200: { description: 'Alive', content: { 'application/json': { schema: healthSchema } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadyz',
    summary: 'Readiness: PostgreSQL and Temporal answer within 2 s',
    tags,
    security: [],
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: readinessSchema } } },
      503: {
        description: 'A dependency does not answer (with Retry-After)',
        content: { 'application/json': { schema: readinessSchema } },
      },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics of this API process (text exposition format)',
    tags,
    security: [],
    responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: z.string() } } } },
  });
  return ['/healthz', '/readyz', '/metrics'].map((path) => ({ method: 'get', path, access: 'public' }));
}
