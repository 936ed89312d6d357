import type { RequestHandler } from 'express';
import { httpRequestDuration } from '../lib/metrics';

/**
 * Observes each request's latency under its route pattern (`/api/accounts/:code`, never the concrete path, so
 * tokens and codes stay out of the labels); requests no route matched count as `unmatched`.
 */
export const httpMetrics: RequestHandler = (req, res, next) => {
  const stopTimer = httpRequestDuration.startTimer();
  res.once('finish', () => {
    const pattern = (req.route as { path?: unknown } | undefined)?.path;
    const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
    stopTimer({ method: req.method, route, status_code: String(res.statusCode) });
  });
  next();
};
