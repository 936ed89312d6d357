import type { Logger } from '../lib/logger';
import { UnavailableError } from './errors';

/**
 * Starts the workflow of a run that was just recorded; when Temporal cannot take it, withdraws the record
 * (nothing was done yet, so nothing waits for a workflow that never started) and answers 503.
 */
export async function startOrWithdraw(
  logger: Logger,
  start: () => Promise<unknown>,
  withdraw: () => Promise<unknown>,
  failure: { logFields: Record<string, unknown>; logMessage: string; nothingDone: string },
): Promise<void> {
  try {
    await start();
  } catch (error) {
    logger.error({ err: error, ...failure.logFields }, failure.logMessage);
    await withdraw();
    throw new UnavailableError(`The workflow service is not reachable; ${failure.nothingDone}. Try again shortly.`);
  }
}
