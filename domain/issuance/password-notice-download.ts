import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { bulkPdfWorkflowId } from '../../contract';
import { Account, PasswordNotice, PasswordNoticeItem } from '../../entities';
import type { SecretBox } from '../../lib/secret-box';
import type { Principal } from '../access/principal';
import { ConflictError, GoneError, NotFoundError } from '../errors';
import { recordNoticeFetched } from './state-machine';

/** How long a password notice's one-time download link works. */
export const passwordNoticeValidityMs = 15 * 60 * 1000;

/** The path of a notice's one-time download link. */
export function passwordNoticePath(token: string): string {
  return `/api/password-notices/${token}`;
}

function gone(code: string, message: string): GoneError {
  return new GoneError(code, message);
}

export interface FetchedPasswordNotice {
  pdf: Buffer;
  fileName: string;
  /** The workflow guarding the notice, told of the download so it completes (api/notice-fetched.ts). */
  workflowId: string;
}

/** Why a notice cannot be downloaded now, thrown as the answer says it; else its sealed PDF. */
function assertDownloadable(notice: PasswordNotice, now: Date): string {
  if (notice.fetchedAt) {
    throw gone('NOTICE_ALREADY_FETCHED', 'This notice was already downloaded; issue the password again.');
  }
  if (notice.supersededAt) {
    throw gone('NOTICE_SUPERSEDED', 'A later issuance replaced this notice; its password no longer works.');
  }
  if (notice.expiresAt.getTime() <= now.getTime()) {
    throw gone('NOTICE_EXPIRED', 'The download link has expired; issue the password again.');
  }
  if (!notice.sealedContent) {
    if (!notice.renderedAt) {
      throw new ConflictError('NOTICE_NOT_READY', 'The notice is still being prepared; try again in a moment.');
    }
    throw gone('NOTICE_GONE', 'This notice is no longer available; issue the password again.');
  }
  return notice.sealedContent;
}

function noticeFileName(notice: PasswordNotice, pages: number): string {
  return notice.account
    ? `password-notice-${notice.account.getEntity().code}.pdf`
    : `password-notices-${notice.bulkTotal ?? pages}.pdf`;
}

/**
 * What a download would answer now, without downloading (the answer to a HEAD): the same refusals and the file
 * name. Nothing is locked, decrypted or recorded, so the link still works once for the GET.
 */
export async function peekPasswordNotice(
  deps: { em: EntityManager; secretBox: SecretBox; clock?: () => Date },
  request: { token: string; auth: Principal },
): Promise<{ fileName: string }> {
  const now = deps.clock?.() ?? new Date();
  const where = { downloadTokenHash: deps.secretBox.hashToken(request.token), company: request.auth.companyId };
  const notice = await deps.em.findOne(PasswordNotice, where, { populate: ['sealedContent', 'account'] as never });
  if (!notice) throw new NotFoundError('No password notice has this link.', 'NOTICE_NOT_FOUND');
  assertDownloadable(notice, now);
  const pages = notice.account ? 1 : await deps.em.count(PasswordNoticeItem, { notice: notice.id });
  return { fileName: noticeFileName(notice, pages) };
}

/**
 * Hands out a notice's PDF exactly once: with the notice row locked, the PDF is decrypted, its sealed copy
 * deleted and the fetch recorded in one transaction, so two concurrent downloads cannot both succeed. If
 * the response is then lost, the admin reissues (the seed's answer to a notice that was not saved).
 */
export async function fetchPasswordNotice(
  deps: { em: EntityManager; secretBox: SecretBox; clock?: () => Date },
  request: { token: string; auth: Principal },
): Promise<FetchedPasswordNotice> {
  const now = deps.clock?.() ?? new Date();
  return deps.em.transactional(async (tx) => {
    const where = { downloadTokenHash: deps.secretBox.hashToken(request.token), company: request.auth.companyId };
    // The accounts first, then the notice: the order of a new issuance (account, then the notices it
    // ends), so a download and a reissue at the same moment never deadlock.
    const unlocked = await tx.findOne(PasswordNotice, where, { fields: ['account'] });
    let locked: Account[] = [];
    if (unlocked) {
      const ids = unlocked.account
        ? [unlocked.account.id]
        : (await tx.find(PasswordNoticeItem, { notice: unlocked.id }, { fields: ['account'] })).map(
            (p) => p.account.id,
          );
      locked = await tx.find(
        Account,
        { id: { $in: ids } },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
      );
    }
    const notice = await tx.findOne(PasswordNotice, where, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      lockTableAliases: ['p0'],
      refresh: true,
    });
    if (!notice) throw new NotFoundError('No password notice has this link.', 'NOTICE_NOT_FOUND');
    // After the lock, so the related rows are read, not locked (see lockAccountThenIssuance).
    await tx.populate(notice, ['sealedContent', 'account', 'issuance'] as never);
    const sealedContent = assertDownloadable(notice, now);
    const pdf = Buffer.from(deps.secretBox.open(sealedContent, notice.id), 'base64');
    notice.sealedContent = undefined;
    notice.fetchedAt = now;
    // The accounts with a page in this notice (a bulk notice's left-out employees have none).
    const accountIds = notice.account
      ? [notice.account.id]
      : (await tx.find(PasswordNoticeItem, { notice, issuance: { $ne: null } })).map((page) => page.account.id);
    const withPage = new Set(accountIds);
    for (const account of locked) if (withPage.has(account.id)) recordNoticeFetched(account);
    const fileName = noticeFileName(notice, accountIds.length);
    const workflowId = notice.issuance
      ? notice.issuance.getEntity().workflowId
      : bulkPdfWorkflowId(request.auth.companyCode, notice.id);
    return { pdf, fileName, workflowId };
  });
}
