import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../lib/logger';

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
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: { field: string; code: string; message: string }[],
  ) {
    super(message);
  }
}

export class InputError extends HttpError {
  constructor(code: string, message: string, field?: string) {
    super(400, code, message, field);
  }
}
export class AuthenticationError extends HttpError {
  constructor(message = 'A valid bearer token is required.', code = 'UNAUTHENTICATED') {
    super(401, code, message);
  }
}
export class ForbiddenError extends HttpError {
  constructor(message = 'Your role does not allow this.', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}
export class NotFoundError extends HttpError {
  constructor(message: string, code = 'NOT_FOUND') {
    super(404, code, message);
  }
}
export class ConflictError extends HttpError {
  constructor(code: string, message: string, field?: string) {
    super(409, code, message, field);
  }
}
/** Well-formed input that the current state of the data does not allow (for example an empty address slot). */
export class UnprocessableError extends HttpError {
  constructor(code: string, message: string, field?: string) {
    super(422, code, message, field);
  }
}
export class UnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}

export function validationError(error: z.ZodError, location: 'body' | 'query' | 'params'): HttpError {
  const issues = error.issues.map((issue) => {
    // An unexpected property is reported at its own name, not at the object that holds it.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return { field: path.length ? path.join('.') : location, code: issue.code, message: issue.message };
  });
  const first = issues[0]!;
  return new HttpError(400, 'VALIDATION_FAILED', `${first.field}: ${first.message}`, first.field, issues);
}

export function sendError(res: Parameters<RequestHandler>[1], error: HttpError): void {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.issues && error.issues.length > 1 ? { issues: error.issues } : {}),
    },
  };
  res.status(error.status).json(body);
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(
    res,
    new NotFoundError(
      `No route for ${req.method} ${req.path.startsWith('/verify/') ? '/verify/…' : req.path}`,
      'ROUTE_NOT_FOUND',
    ),
  );
};

/** The last middleware: maps known errors to their status, body-parser failures to 400/413, the rest to a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendError(res, error);
    const parserError = error as { type?: string; status?: number };
    if (parserError.type === 'entity.parse.failed') {
      return sendError(res, new InputError('MALFORMED_JSON', 'The request body is not valid JSON.', 'body'));
    }
    if (parserError.type === 'entity.too.large') {
      return sendError(res, new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.', 'body'));
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return sendError(res, new HttpError(parserError.status, 'BAD_REQUEST', 'The request could not be read.'));
    }
    logger.error({ err: error, method: req.method, route: req.route?.path }, 'unhandled error');
    sendError(res, new HttpError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'));
  };
}
