import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type DomainErrorKind } from '../domain/errors';

/** Domain errors worth another attempt: the database or Temporal was out of reach, or a limit said later. */
const retryableKinds: readonly DomainErrorKind[] = ['unavailable', 'too-many-requests'];

/**
 * The one place where a domain error becomes a Temporal failure: an `ApplicationFailure` whose type is the
 * error's code, non-retryable unless the kind says a later attempt may succeed. Anything else (a dropped
 * connection, a bug) stays as it is, and the activity's retry policy decides.
 */
export function toApplicationFailure(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: !retryableKinds.includes(error.kind),
    cause: error,
  });
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/** Wraps every activity of the factory so that a domain error leaves it as an ApplicationFailure. */
export function withDomainFailures<T extends Record<string, ActivityFunction>>(activities: T): T {
  const wrapped: Record<string, ActivityFunction> = {};
  for (const [name, activity] of Object.entries(activities)) {
    // A named function keeps the activity's name in stack traces.
    wrapped[name] = {
      async [name](...args: never[]) {
        try {
          return await activity(...args);
        } catch (error) {
          throw toApplicationFailure(error);
        }
      },
    }[name]!;
  }
  return wrapped as T;
}
