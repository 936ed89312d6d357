import type { ErrorRequestHandler, Response } from 'express';
import { DomainError, TooManyRequestsError } from '../../domain/errors';
import { isInfrastructureUnavailable } from '../../lib/infrastructure-errors';
import type { Logger } from '../../lib/logger';
import { HttpError, httpStatusOf } from '../errors';

/** RFC 7644 §3.12: every SCIM error is this body, with the status as a string and a `scimType` for 400 and 409. */
export const scimErrorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const scimMediaType = 'application/scim+json';

/** The scimType values of RFC 7644 Table 9 the domain's codes come as, or stand for. */
const scimTypes = new Set([
  'invalidFilter',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'mutability',
  'uniqueness',
]);

function scimTypeOf(status: number, code: string): string | undefined {
  if (scimTypes.has(code)) return code;
  if (status === 409) return code === 'ACCOUNT_CODE_TAKEN' || code === 'AZURE_AD_ID_TAKEN' ? 'uniqueness' : undefined;
  if (status === 400) {
    return ['MALFORMED_JSON', 'BODY_TOO_DEEP', 'BAD_REQUEST', 'INVALID_CHARACTERS'].includes(code)
      ? 'invalidSyntax'
      : 'invalidValue';
  }
  return undefined;
}

export function sendScimJson(res: Response, status: number, body: unknown): void {
  res.status(status).type(scimMediaType).send(JSON.stringify(body));
}

export function sendScimError(res: Response, status: number, code: string, detail: string, field?: string): void {
  const scimType = scimTypeOf(status, code);
  if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="scim"');
  sendScimJson(res, status, {
    schemas: [scimErrorSchema],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail: field && !detail.startsWith(field) ? `${field}: ${detail}` : detail,
  });
}

/** The SCIM router's last middleware: domain and HTTP errors in the SCIM shape; body-parser's as invalidSyntax. */
export function scimErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof DomainError) {
      if (error instanceof TooManyRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
      if (error.kind === 'unavailable') res.set('Retry-After', '5');
      return sendScimError(res, httpStatusOf(error), error.code, error.message, error.field);
    }
    if (error instanceof HttpError) return sendScimError(res, error.status, error.code, error.message);
    const parserError = error as { type?: string; status?: number };
    if (parserError.type === 'entity.parse.failed') {
      return sendScimError(res, 400, 'invalidSyntax', 'The request body is not valid JSON.');
    }
    if (parserError.type === 'entity.too.large') {
      return sendScimError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return sendScimError(res, parserError.status, 'invalidSyntax', 'The request could not be read.');
    }
    if (isInfrastructureUnavailable(error)) {
      logger.error({ err: error }, 'a dependency is unavailable');
      res.set('Retry-After', '5');
      return sendScimError(
        res,
        503,
        'SERVICE_UNAVAILABLE',
        'A service this request needs is unavailable; try again shortly.',
      );
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    sendScimError(res, 500, 'INTERNAL_ERROR', 'Something went wrong on our side.');
  };
}
