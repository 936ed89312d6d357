import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { runWithRequestContext } from '../lib/request-context';

export const requestIdHeader = 'x-request-id';
/** An id from a proxy or client is kept when it is short and plain, so it cannot forge or flood log lines. */
const acceptedRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id of one request: the caller's `x-request-id` when valid, else a new UUID. pino-http calls this first
 * (`genReqId`), so its request log line, the response header and everything after share it.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[requestIdHeader];
  const id = typeof incoming === 'string' && acceptedRequestId.test(incoming) ? incoming : randomUUID();
  res.setHeader(requestIdHeader, id);
  return id;
}

/**
 * Runs the rest of the request inside its context, so every log line (lib/logger.ts adds `requestId` through
 * pino's mixin, whichever logger writes it) carries the id, and adds it to every error body
 * (`{"error": {…, "requestId"}}`) whichever handler sent the error, so a user can quote it to an operator.
 */
export const requestContext: RequestHandler = (req, res, next) => {
  const requestId = String(req.id ?? requestIdFor(req, res));
  const json = res.json.bind(res);
  res.json = (body: unknown) => json(withRequestId(body, requestId));
  runWithRequestContext({ requestId, ...(req.ip ? { clientAddress: req.ip } : {}) }, next);
};

function withRequestId(body: unknown, requestId: string): unknown {
  if (typeof body !== 'object' || body === null || !('error' in body)) return body;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return body;
  return { ...body, error: { ...error, requestId } };
}
