import type { IssuanceStatus } from '../entities';
import { renderSinglePasswordNotice } from '../domain/issuance/issuance-steps';
import { expireUnfetchedNotice } from '../domain/issuance/unfetched-notice-expiry';
import type { ActivityDependencies } from './dependencies';

/** Renders a single パスワード通知書 (see renderSinglePasswordNotice); the password never leaves that step. */
export function createIssuePasswordNotice(deps: ActivityDependencies) {
  return async function issuePasswordNotice(issuanceId: string): Promise<{ state: IssuanceStatus }> {
    return renderSinglePasswordNotice(deps.orm.em.fork(), deps, issuanceId);
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
