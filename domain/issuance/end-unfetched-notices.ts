import type { EntityManager } from '@mikro-orm/postgresql';
import { PasswordNotice, PasswordNoticeItem } from '../../entities';

/**
 * Ends every not yet fetched password notice holding the account (its own, and bulk notices with a page
 * for it): the sealed PDF and any sealed passwords still waiting for assembly are deleted and the link
 * answers 410. Called by every new issuance (PDF or e-mail) in the transaction that holds the account
 * lock, because a notice printed later would carry a password that no longer works. A bulk run passes
 * its own notice as the exception.
 */
export async function endUnfetchedPasswordNotices(
  em: EntityManager,
  accountId: string,
  now: Date,
  exceptNoticeId?: string,
): Promise<number> {
  return endUnfetchedPasswordNoticesOf(em, [accountId], now, exceptNoticeId);
}

/** endUnfetchedPasswordNotices for several accounts at once (a bulk batch holding all their locks): three statements. */
export async function endUnfetchedPasswordNoticesOf(
  em: EntityManager,
  accountIds: readonly string[],
  now: Date,
  exceptNoticeId?: string,
): Promise<number> {
  if (accountIds.length === 0) return 0;
  const pages = await em.find(PasswordNoticeItem, {
    account: { $in: [...accountIds] },
    notice: { fetchedAt: null, supersededAt: null, ...(exceptNoticeId ? { id: { $ne: exceptNoticeId } } : {}) },
  });
  const bulkIds = [...new Set(pages.map((page) => page.notice.id))];
  if (bulkIds.length > 0) {
    await em.nativeUpdate(PasswordNoticeItem, { notice: { $in: bulkIds } }, { sealedPassword: null });
  }
  return em.nativeUpdate(
    PasswordNotice,
    {
      $or: [{ account: { $in: [...accountIds] } }, { id: { $in: bulkIds } }],
      ...(exceptNoticeId ? { id: { $ne: exceptNoticeId } } : {}),
      fetchedAt: null,
      supersededAt: null,
    },
    { sealedContent: null, supersededAt: now },
  );
}
