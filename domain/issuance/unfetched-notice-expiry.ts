import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Account, Issuance, PasswordNotice, PasswordNoticeItem } from '../../entities';
import { withTransitions } from './issuance-events';
import { isWaitingForNotice } from './state-machine';

export interface UnfetchedNoticeExpiry {
  /** A sealed PDF was still there and is now deleted. */
  discarded: boolean;
  /** Accounts that became PDF未取得/期限切れ. */
  accountsExpired: number;
}

/**
 * The end of a password notice's link (expiry, a cancelled or failed run). Nobody has the password of a
 * notice that was never downloaded, so every account still waiting for it (PDF発行済, not fetched) becomes
 * `notice-expired` (PDF未取得/期限切れ): its password hash is cleared, so no working password remains
 * that nobody knows, and the notice's issuances count as expired (an unfetched first issuance leaves the
 * account with a first issuance still to come). A fetched or replaced notice only loses what is still
 * sealed. The accounts are locked before the notice, the order of every issuance and of the download.
 */
export async function expireUnfetchedNotice(
  em: EntityManager,
  which: { issuance: string } | { id: string },
): Promise<UnfetchedNoticeExpiry> {
  return withTransitions(em, async (tx, transitions) => {
    const unlocked = await tx.findOne(PasswordNotice, which, { fields: ['account'] });
    if (!unlocked) return { discarded: false, accountsExpired: 0 };
    const pages = unlocked.account ? [] : await tx.find(PasswordNoticeItem, { notice: unlocked.id });
    const accountIds = unlocked.account ? [unlocked.account.id] : pages.map((page) => page.account.id);
    const accounts = await tx.find(
      Account,
      { id: { $in: accountIds } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
    );
    const notice = await tx.findOneOrFail(PasswordNotice, unlocked.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    await tx.populate(notice, ['sealedContent'] as never);
    await tx.nativeUpdate(PasswordNoticeItem, { notice: notice.id }, { sealedPassword: null });
    if (!notice.sealedContent) return { discarded: false, accountsExpired: 0 };
    notice.sealedContent = undefined;
    if (notice.fetchedAt || notice.supersededAt) {
      await tx.flush();
      return { discarded: true, accountsExpired: 0 };
    }
    const issuanceIds = notice.issuance
      ? [notice.issuance.id]
      : pages.flatMap((page) => (page.issuance ? [page.issuance.id] : []));
    const issuances = await tx.find(Issuance, { id: { $in: issuanceIds }, status: 'issued' });
    const accountById = new Map(accounts.map((account) => [account.id, account]));
    // The password hash is lazy: loaded so that clearing it is written.
    await tx.populate(accounts, ['passwordHash'] as never);
    let accountsExpired = 0;
    for (const issuance of issuances) {
      const account = accountById.get(issuance.account.id);
      if (account && isWaitingForNotice(account)) accountsExpired++;
      transitions.expireUnfetchedNotice(issuance, account);
    }
    await tx.flush();
    return { discarded: true, accountsExpired };
  });
}
