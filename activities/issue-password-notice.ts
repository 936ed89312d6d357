import { ApplicationFailure } from '@temporalio/common';
import { PasswordNotice, type IssuanceStatus } from '../entities';
import { generatePassword, hashPassword } from '../lib/passwords';
import { renderPasswordNotice } from '../lib/pdf/password-notice';
import { revokeSessionsOf } from '../domain/access/sessions';
import { expireUnfetchedNotice } from '../domain/issuance/unfetched-notice-expiry';
import type { ActivityDependencies } from './dependencies';
import { displayName, lockIssuance } from '../domain/issuance/issuance-access';
import { employeeLinks } from '../domain/issuance/employee-links';

/**
 * Generates the password, stores only its argon2id hash on the account, renders the パスワード通知書 and
 * keeps it sealed on the notice row, all in one transaction with the issuance row locked. A retry after
 * the commit finds the issuance issued and does nothing; a retry before it starts afresh, and no
 * password of the failed attempt was ever visible anywhere. The password never leaves this function.
 */
export function createIssuePasswordNotice(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function issuePasswordNotice(issuanceId: string): Promise<{ state: IssuanceStatus }> {
    return deps.orm.em.fork().transactional(async (em) => {
      const { issuance, account, company } = await lockIssuance(em, issuanceId, null);
      if (issuance.status !== 'sending') return { state: issuance.status };
      const notice = await em.findOne(PasswordNotice, { issuance: issuanceId });
      if (!notice) {
        throw ApplicationFailure.create({
          type: 'PasswordNoticeNotFound',
          message: `issuance ${issuanceId} has no password notice row`,
          nonRetryable: true,
        });
      }
      const issuedAt = now();
      const password = generatePassword(company.minPasswordLength);
      account.passwordHash = await hashPassword(password);
      account.mustChangePassword = true;
      account.passwordChangedAt = issuedAt;
      await revokeSessionsOf(em, account.id, issuedAt);
      const pdf = await renderPasswordNotice([
        {
          ...employeeLinks(company, account, deps.publicBaseUrl),
          serviceName: company.serviceName,
          companyName: company.name,
          companyCode: company.code,
          employeeName: displayName(account),
          loginId: account.code,
          password,
          issuedAt,
          timeZone: company.timeZone,
        },
      ]);
      notice.sealedContent = deps.secretBox.seal(pdf.toString('base64'), notice.id);
      notice.renderedAt = issuedAt;
      issuance.status = 'issued';
      issuance.issuedAt = issuedAt;
      issuance.endedAt = issuedAt;
      account.passwordStatus = 'issued';
      account.passwordIssuedVia = 'pdf';
      // No mailbox is verified on this channel; a pending e-mail verification of an earlier run is over.
      account.authStatus = 'none';
      deps.logger.info({ issuanceId, event: 'password-notice-rendered' }, 'password notice rendered');
      return { state: issuance.status };
    });
  };
}

/** Ends a notice's link unused: see expireUnfetchedNotice (PDF未取得/期限切れ). */
export function createDiscardPasswordNotice(deps: ActivityDependencies) {
  return async function discardPasswordNotice(issuanceId: string): Promise<{ discarded: boolean }> {
    const { discarded, accountsExpired } = await expireUnfetchedNotice(deps.orm.em.fork(), { issuance: issuanceId });
    if (discarded) {
      deps.logger.info({ issuanceId, accountsExpired, event: 'password-notice-expired' }, 'password notice discarded');
    }
    return { discarded };
  };
}
