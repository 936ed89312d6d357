import type { IssuanceStatus } from '../entities';
import { expireIssuance, failIssuance } from '../domain/issuance/issuance-steps';
import type { ActivityDependencies } from './dependencies';

/** Ends an issuance whose validity period passed (a late click that came first wins: see expireIssuance). */
export function createExpireIssuance(deps: ActivityDependencies) {
  return async function expireIssuanceActivity(issuanceId: string): Promise<{ state: IssuanceStatus }> {
    return expireIssuance(deps.orm.em.fork(), deps, issuanceId);
  };
}

/** Records that an issuance gave up (for example the mail server refused the address for a day). */
export function createFailIssuance(deps: ActivityDependencies) {
  return async function failIssuanceActivity(issuanceId: string, reason: string): Promise<{ state: IssuanceStatus }> {
    return failIssuance(deps.orm.em.fork(), deps, issuanceId, reason);
  };
}
