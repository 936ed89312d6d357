import type { EntityManager } from '@mikro-orm/postgresql';
import { Issuance, openIssuanceStatuses } from '../../entities';
import { endUnfetchedPasswordNotices } from './end-unfetched-notices';
import type { IssuanceTransitions } from './state-machine';

/**
 * The lazy secrets of an issuance: whoever may end issuances loads them with the rows (`populate`), because
 * MikroORM writes no change for a lazy property cleared without being loaded, and an ended issuance keeps
 * no secret.
 */
export const keptSecrets = ['sealedToken', 'sealedPassword'] as never;

/**
 * One issuance round may hold verification links to several addresses of an employee (the document: send
 * again to reach a second address). An open issuance stays in the round when it still waits for its
 * owner's click (or for its mail) and goes to another address than the new one; everything else ends.
 */
export function staysInRound(row: Issuance, next: { emailSlot: number; emailAddress: string }): boolean {
  return (
    (row.status === 'sending' || row.status === 'pending') &&
    row.channel === 'email' &&
    row.kind !== 'reissue-direct' &&
    row.emailSlot !== next.emailSlot &&
    row.emailAddress.toLowerCase() !== next.emailAddress.toLowerCase()
  );
}

/**
 * The first confirmed link of a round wins: the other links of the account still open end at once
 * (their pages answer "replaced"). The caller holds the account lock and has just verified `winner`.
 */
export async function endRoundAfterConfirmation(
  em: EntityManager,
  transitions: IssuanceTransitions,
  winner: Issuance,
  now: Date,
): Promise<Issuance[]> {
  const others = await em.find(
    Issuance,
    { account: winner.account.id, id: { $ne: winner.id }, status: { $in: ['sending', 'pending'] } },
    { populate: keptSecrets },
  );
  for (const row of others) transitions.supersede(row, now);
  return others;
}

/**
 * Ends what an account still has open before a new issuance is recorded: every open issuance (its link
 * stops working, its kept secrets are deleted) but those `keep` spares, and every un-fetched password
 * notice. The caller holds the account lock; `earlier` are the account's issuances. Returns the issuances it superseded, whose
 * workflows the caller may cancel (the database state alone already stops them at their next step).
 */
export async function supersedeEarlierIssuances(
  em: EntityManager,
  transitions: IssuanceTransitions,
  accountId: string,
  earlier: readonly Issuance[],
  now: Date,
  keepNoticeId?: string,
  keep: (row: Issuance) => boolean = () => false,
): Promise<Issuance[]> {
  const open = endOpenIssuances(transitions, earlier, now, keep);
  await endUnfetchedPasswordNotices(em, accountId, now, keepNoticeId);
  return open;
}

/**
 * The in-memory half of supersedeEarlierIssuances: ends the open issuances among `earlier` but those `keep`
 * spares. A bulk batch calls it per account and ends the accounts' unfetched notices in one go
 * (endUnfetchedPasswordNoticesOf).
 */
export function endOpenIssuances(
  transitions: IssuanceTransitions,
  earlier: readonly Issuance[],
  now: Date,
  keep: (row: Issuance) => boolean = () => false,
): Issuance[] {
  const open = earlier.filter((row) => openIssuanceStatuses.includes(row.status) && !keep(row));
  for (const row of open) transitions.supersede(row, now);
  return open;
}
