/**
 * The errors every domain operation throws. They say what went wrong in the business's terms; the API
 * maps each kind to an HTTP status once (api/errors.ts), the activities map them to retryable or
 * non-retryable failures once (withDomainFailures in activities/failures.ts).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  | 'too-many-requests'
  | 'too-large'
  | 'unavailable';

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Values the admin's message in another language needs too (api/messages.ts), e.g. which projects. */
  params: Record<string, string | number> = {};

  withParams(params: Record<string, string | number>): this {
    this.params = params;
    return this;
  }
}

/** Input that breaks a rule; `field` names the offending input (dotted path). */
export class InputError extends DomainError {
  constructor(code: string, message: string, field?: string, issues?: FieldIssue[]) {
    super('invalid', code, message, field, issues);
  }
}

export class AuthenticationError extends DomainError {
  constructor(message = 'A valid bearer token is required.', code = 'UNAUTHENTICATED') {
    super('unauthenticated', code, message);
  }
}

/** The policy refused: the caller's role, the target account or the company does not allow it. */
export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.', code = 'FORBIDDEN', field?: string) {
    super('forbidden', code, message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, code = 'NOT_FOUND') {
    super('not-found', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('conflict', code, message, field);
  }
}

/** Something that existed once and is over for good (a used or expired one-time link). */
export class GoneError extends DomainError {
  constructor(code: string, message: string) {
    super('gone', code, message);
  }
}

/** Well-formed input that the current state of the data does not allow (for example an empty address slot). */
export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('unprocessable', code, message, field);
  }
}

/** Input larger than the service accepts (a file with too many rows or bytes). */
export class TooLargeError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('too-large', code, message, field);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many-requests', 'TOO_MANY_REQUESTS', message);
  }
}

/** A service the operation needs (Temporal, the database) cannot be reached; nothing was changed. */
export class UnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', 'SERVICE_UNAVAILABLE', message);
  }
}
