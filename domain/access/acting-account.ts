import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { isLockedForGood } from './lockout';
import type { Principal } from './principal';

/**
 * The principal a bulk run's activities act as: the administrator who started the run, with the role
 * that account holds now (demoted, disabled or locked since, and the rest of the run is refused).
 * `withoutPermissions` removes what the run was not started with.
 */
export async function principalOfAccount(
  em: EntityManager,
  accountId: string | undefined,
  withoutPermissions: readonly string[] = [],
): Promise<Principal | undefined> {
  if (!accountId) return undefined;
  const account = await em.findOne(Account, accountId, { populate: ['role', 'company'] });
  if (!account || account.disabled || account.loginDisabled || isLockedForGood(account)) return undefined;
  const role = account.role.getEntity();
  return {
    companyId: account.company.id,
    companyCode: account.company.getEntity().code,
    accountId: account.id,
    accountCode: account.code,
    roleCode: role.code,
    permissions: role.permissions.filter((permission) => !withoutPermissions.includes(permission)),
    scope: 'full',
  };
}
