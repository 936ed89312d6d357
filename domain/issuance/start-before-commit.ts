import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../lib/logger';
import { UnavailableError } from '../errors';

/** How long a request waits for the workflow service to take a start before it gives up and answers 503. */
const startDeadlineMs = 5_000;

/**
 * The advisory lock of one issuance: held exclusively by the request that records the issuance and starts its
 * workflow in the same transaction, taken shared by every activity before it reads the issuance. An activity
 * that runs before that transaction ended waits for it, then finds the issuance committed — or, rolled back,
 * not there at all.
 */
const lockSql = (mode: 'exclusive' | 'shared') =>
  `SELECT pg_advisory_xact_lock${mode === 'shared' ? '_shared' : ''}(hashtextextended(?, 20261205))`;

/** Waits, inside the caller's transaction, until no request is still recording the issuance (see above). */
export async function waitUntilIssuanceRecorded(tx: EntityManager, issuanceId: string): Promise<void> {
  await tx.execute(lockSql('shared'), [issuanceId]);
}

/**
 * Starts an issuance's workflow inside the transaction that records it, so that a workflow service failing after
 * `assertWorkflowServiceReachable` rolls the whole request back: the employee's history stays as it was (no
 * failed issuance, no superseded link, the old password still working) and the answer is 503. The workflows it
 * supersedes are cancelled by the caller after the commit.
 */
export async function startBeforeCommit(
  tx: EntityManager,
  issuanceId: string,
  logger: Logger,
  start: (deadline: number) => Promise<unknown>,
  nothingDone: string,
): Promise<void> {
  await tx.flush();
  await tx.execute(lockSql('exclusive'), [issuanceId]);
  try {
    await start(Date.now() + startDeadlineMs);
  } catch (error) {
    logger.error({ err: error, issuanceId }, 'could not start the issuance workflow; nothing is recorded');
    throw new UnavailableError(`The workflow service is not reachable; ${nothingDone}. Try again shortly.`);
  }
}
