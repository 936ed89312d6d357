import { Issuance, type IssuanceStatus } from '../entities';
import type { ActivityDependencies } from './dependencies';
import { lockIssuance } from '../domain/issuance/issuance-access';

/**
 * Ends an issuance whose validity period passed. The database decides a race with a late click:
 * if the employee confirmed first, the issuance stays verified and the workflow goes on.
 */
export function createExpireIssuance(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function expireIssuance(issuanceId: string): Promise<{ state: IssuanceStatus }> {
    return deps.orm.em.fork().transactional(async (em) => {
      const { issuance, account } = await lockIssuance(em, issuanceId, null);
      if (issuance.status !== 'sending' && issuance.status !== 'pending') return { state: issuance.status };
      issuance.status = 'expired';
      issuance.endedAt = now();
      issuance.sealedToken = undefined;
      // Another address of the same round may still wait for its owner's click.
      const stillWaiting = await em.count(Issuance, {
        account: account.id,
        id: { $ne: issuance.id },
        status: { $in: ['sending', 'pending'] },
      });
      if (account.authStatus === 'pending' && stillWaiting === 0) account.authStatus = 'expired';
      deps.logger.info({ issuanceId, event: 'issuance-expired' }, 'verification period ended');
      return { state: issuance.status };
    });
  };
}

/** Records that an issuance gave up (for example the mail server refused the address for a day). */
export function createFailIssuance(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function failIssuance(issuanceId: string, reason: string): Promise<{ state: IssuanceStatus }> {
    return deps.orm.em.fork().transactional(async (em) => {
      const { issuance } = await lockIssuance(em, issuanceId, null);
      if (issuance.status === 'issued' || issuance.status === 'superseded') return { state: issuance.status };
      issuance.status = 'failed';
      issuance.failureReason = reason.slice(0, 500);
      issuance.endedAt = now();
      issuance.sealedToken = undefined;
      issuance.sealedPassword = undefined;
      deps.logger.warn({ issuanceId, event: 'issuance-failed', reason }, 'issuance failed');
      return { state: issuance.status };
    });
  };
}
