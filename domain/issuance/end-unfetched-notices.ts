import type { EntityManager } from '@mikro-orm/postgresql';
import { PasswordNotice, PasswordNoticeItem } from '../../entities';

/**
 * Ends every not yet fetched password notice holding the account (its own, and bulk notices with a page
 * for it): the sealed PDF and any sealed passwords still waiting for assembly are deleted and the link
 * answers 410. Called by every new issuance (PDF or e-mail) in the transaction that holds the account
 * lock (a bulk chunk: all of its accounts at once), because a notice printed later would carry a password that no longer works. A bulk run passes
 * its own notice as the exception.
 */
export async function endUnfetchedPasswordNotices(
  em: EntityManager,
  accountIds: string | readonly string[],
  now: Date,
  exceptNoticeId?: string,
): Promise<number> {
  const account = typeof accountIds === 'string' ? accountIds : { $in: [...accountIds] };
  const pages = await em.find(PasswordNoticeItem, {
    account,
    notice: { fetchedAt: null, supersededAt: null },
  });
  const bulkIds = pages.map((page) => page.notice.id).filter((id) => id !== exceptNoticeId);
  if (bulkIds.length > 0) {
    await em.nativeUpdate(PasswordNoticeItem, { notice: { $in: bulkIds } }, { sealedPassword: null });
  }
  return em.nativeUpdate(
    PasswordNotice,
    {
      $or: [{ account }, { id: { $in: bulkIds } }],
      ...(exceptNoticeId ? { id: { $ne: exceptNoticeId } } : {}),
      fetchedAt: null,
      supersededAt: null,
    },
    { sealedContent: null, supersededAt: now },
  );
}
