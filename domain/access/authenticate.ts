import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from '../../entities';
import { AuthenticationError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { isLockedForGood } from './lockout';
import type { Principal } from './principal';

/** The principal of a bearer token: its open session, for an account that may still log in. */
export async function principalOfToken(
  token: string,
  em: EntityManager,
  services: Pick<DomainServices, 'secretBox' | 'clock'>,
): Promise<Principal> {
  const session = await em.findOne(
    Session,
    { tokenHash: services.secretBox.hashToken(token), revokedAt: null, expiresAt: { $gt: nowOf(services) } },
    { populate: ['account', 'account.company'] },
  );
  if (!session) throw new AuthenticationError('The token is unknown, expired or revoked.', 'INVALID_TOKEN');
  const account = session.account.getEntity();
  if (account.disabled || account.loginDisabled || isLockedForGood(account)) {
    throw new AuthenticationError('This account may not log in.', 'ACCOUNT_DISABLED');
  }
  return {
    sessionId: session.id,
    accountId: account.id,
    accountCode: account.code,
    companyId: account.company.id,
    companyCode: account.company.getEntity().code,
    roleCode: session.roleCode,
    permissions: session.permissions,
    departmentId: session.departmentId,
    controlDepartmentId: session.controlDepartmentId,
    scope: session.scope,
  };
}
