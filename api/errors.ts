import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import {
  DomainError,
  InputError,
  TooManyRequestsError,
  UnavailableError,
  type DomainErrorKind,
} from '../domain/errors';
import { issueErrorCode } from '../domain/input-schemas';
import { isInfrastructureUnavailable } from '../lib/infrastructure-errors';
import type { Logger } from '../lib/logger';
import { sendUnavailable } from './unavailable';
import { errorMessage, headerLanguage, type Language } from './messages';

/** One error body for every failure: a machine-readable code, a message, and for input errors the field. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      field: z.string().optional().meta({ description: 'Dotted path of the offending input, for input errors' }),
      issues: z
        .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'Every problem found, when there is more than one' }),
      requestId: z.string().optional().meta({ description: 'The x-request-id of the request, for support' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** An HTTP-level failure that no domain operation produces (a body that cannot be read, a missing route). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Values the Japanese message needs too (api/messages.ts), e.g. a limit. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

const statusByKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  'too-many-requests': 429,
  'too-large': 413,
  unavailable: 503,
};

/** The one mapping from a domain error to its HTTP status. */
export function httpStatusOf(error: DomainError): number {
  return statusByKind[error.kind];
}

export function validationError(error: z.ZodError, location: 'body' | 'query' | 'params'): InputError {
  const issues = error.issues.map((issue) => {
    // An unexpected property is reported at its own name, not at the object that holds it.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return { field: path.length ? path.join('.') : location, code: issue.code, message: issue.message };
  });
  const first = issues[0]!;
  return new InputError(issueErrorCode(error.issues[0]!), `${first.field}: ${first.message}`, first.field, issues);
}

export function sendError(res: Parameters<RequestHandler>[1], error: HttpError | DomainError): void {
  const issues = error instanceof DomainError ? error.issues : undefined;
  const language: Language = (res.locals.language as Language | undefined) ?? headerLanguage(res.req) ?? 'ja';
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: errorMessage(error.code, language, error.message, {
        ...(error.field ? { field: error.field } : {}),
        ...error.params,
      }),
      ...(error.field ? { field: error.field } : {}),
      ...(issues && issues.length > 1 ? { issues } : {}),
    },
  };
  if (error instanceof TooManyRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof UnavailableError) res.set('Retry-After', '5');
  res.status(error instanceof DomainError ? httpStatusOf(error) : error.status).json(body);
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(
    res,
    new HttpError(
      404,
      'ROUTE_NOT_FOUND',
      `No route for ${req.method} ${req.path.startsWith('/verify/') ? '/verify/…' : req.path}`,
    ),
  );
};

/** The last middleware: maps known errors to their status, body-parser failures to 400/413, the rest to a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError || error instanceof DomainError) return sendError(res, error);
    const parserError = error as { type?: string; status?: number };
    if (parserError.type === 'entity.parse.failed') {
      return sendError(res, new HttpError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.', 'body'));
    }
    if (parserError.type === 'entity.too.large') {
      return sendError(res, new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.', 'body'));
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return sendError(res, new HttpError(parserError.status, 'BAD_REQUEST', 'The request could not be read.'));
    }
    if (isInfrastructureUnavailable(error)) return sendUnavailable(req, res, logger, error);
    logger.error({ err: error, method: req.method, route: req.route?.path }, 'unhandled error');
    sendError(res, new HttpError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'));
  };
}
