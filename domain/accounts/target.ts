import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Role } from '../../entities';
import type { TargetAccount } from '../access/policy';
import type { Principal } from '../access/principal';
import { NotFoundError } from '../errors';

/** What the policy needs of an account: its company and the permissions its role holds now. */
export async function targetOf(em: EntityManager, account: Account): Promise<TargetAccount> {
  await em.findOneOrFail(Role, account.role.id);
  return targetOfLoaded(account);
}

export function accountNotFound(code: string): NotFoundError {
  return new NotFoundError(`No account "${code}".`, 'ACCOUNT_NOT_FOUND');
}

/** An account of the principal's company by its code; another company's accounts do not exist for it. */
export async function findAccount(em: EntityManager, principal: Principal, code: string): Promise<Account> {
  const account = await em.findOne(Account, { company: principal.companyId, code }, { populate: ['role', 'company'] });
  if (!account) throw accountNotFound(code);
  return account;
}

/** `targetOf` for an account loaded with its role (bulk paths load many at once). */
export function targetOfLoaded(account: Account): TargetAccount {
  const role = account.role.getEntity();
  return {
    id: account.id,
    code: account.code,
    companyId: account.company.id,
    roleCode: role.code,
    rolePermissions: role.permissions,
  };
}
