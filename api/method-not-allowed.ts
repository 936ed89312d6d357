import type { RequestHandler } from 'express';
import { HttpError, sendError } from './errors';
import type { MountedRoute } from './route';

/**
 * A known path asked with a method it does not answer (TRACE, PUT on a list…) is a 405 with `Allow`, not a 404:
 * the resource exists. Mounted after every route, before the 404.
 */
export function methodNotAllowed(routes: readonly MountedRoute[]): RequestHandler {
  const patterns = routes.map((route) => ({
    method: route.method.toUpperCase(),
    pattern: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`),
  }));
  return (req, res, next) => {
    const allowed = new Set(patterns.filter(({ pattern }) => pattern.test(req.path)).map(({ method }) => method));
    if (allowed.size === 0) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    res.set('Allow', allow);
    sendError(res, new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; allowed: ${allow}.`));
  };
}
