import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A mail of `issuanceId` failed temporarily: the problem is kept with the moment it began (the first failure
 * of this spell), for the progress of its run. Not a transition: the issuance stays `sending`, and once the
 * mail is out (`recordVerificationSent`: `pending`) the progress no longer reads it.
 */
export async function recordDeliveryProblem(
  em: EntityManager,
  issuanceId: string,
  problem: string,
  at: Date,
): Promise<void> {
  await em.getConnection().execute(
    `update issuance set delivery_problem = ?, delivery_problem_since = coalesce(delivery_problem_since, ?)
        where id = ? and status = 'sending'`,
    [problem.slice(0, 40), at, issuanceId],
  );
}
