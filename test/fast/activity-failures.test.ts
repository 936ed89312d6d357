import { ApplicationFailure } from '@temporalio/common';
import { toApplicationFailure, withDomainFailures } from '../../activities/failures';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnavailableError,
} from '../../domain/errors';

/** The one wrapper at the activity boundary: a domain error leaves an activity as an ApplicationFailure. */
describe('domain errors become Temporal failures once', () => {
  it.each([
    [new NotFoundError('issuance x not found', 'ISSUANCE_NOT_FOUND'), 'ISSUANCE_NOT_FOUND', true],
    [new ConflictError('ILLEGAL_TRANSITION', 'no'), 'ILLEGAL_TRANSITION', true],
    [new ForbiddenError(), 'FORBIDDEN', true],
    [new UnavailableError('database down'), 'SERVICE_UNAVAILABLE', false],
    [new TooManyRequestsError('later', 5), 'TOO_MANY_REQUESTS', false],
  ])('%s → type %s, non-retryable %s', (error, type, nonRetryable) => {
    const failure = toApplicationFailure(error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type, nonRetryable, message: error.message });
  });

  it('leaves any other error to the retry policy', () => {
    const error = new Error('connection reset');
    expect(toApplicationFailure(error)).toBe(error);
  });

  it('wraps every activity of a factory, keeping names and results', async () => {
    const activities = withDomainFailures({
      ok: async (value: number) => value * 2,
      refused: async () => {
        throw new ConflictError('ALREADY_ISSUED', '再発行は個別に行ってください');
      },
    });
    expect(activities.ok.name).toBe('ok');
    await expect(activities.ok(21)).resolves.toBe(42);
    await expect(activities.refused()).rejects.toMatchObject({ type: 'ALREADY_ISSUED', nonRetryable: true });
  });
});
