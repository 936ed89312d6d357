import type { EntityManager } from '@mikro-orm/postgresql';
import { openIssuanceStatuses, type Issuance } from '../../entities';
import { endUnfetchedPasswordNotices } from './end-unfetched-notices';

/**
 * Ends what an account still has open before a new issuance is recorded: every open issuance (its link
 * stops working, its kept secrets are deleted) and every un-fetched password notice. The caller holds
 * the account lock; `earlier` are the account's issuances. Returns the issuances it superseded, whose
 * workflows the caller may cancel (the database state alone already stops them at their next step).
 */
export async function supersedeEarlierIssuances(
  em: EntityManager,
  accountId: string,
  earlier: readonly Issuance[],
  now: Date,
  keepNoticeId?: string,
): Promise<Issuance[]> {
  const open = earlier.filter((row) => openIssuanceStatuses.includes(row.status));
  for (const row of open) {
    row.status = 'superseded';
    row.endedAt = now;
    row.sealedToken = undefined;
    row.sealedPassword = undefined;
  }
  await endUnfetchedPasswordNotices(em, accountId, now, keepNoticeId);
  return open;
}
