import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Account, Company, Issuance, Role } from '../../entities';
import type { Permission } from '../../lib/permissions';
import { assertMayChangeAccount, type TargetAccount } from '../access/policy';
import type { Principal } from '../access/principal';
import { accountNotFound, targetOfLoaded } from '../accounts/target';
import { ConflictError, DomainError } from '../errors';
import { isReissueGiven } from './reissue';
import { keptSecrets } from './supersede';

export interface IssuanceTarget {
  account: Account;
  target: TargetAccount;
  company: Company;
  /** The account's issuances, newest first. */
  earlier: Issuance[];
  reissue: boolean;
}

/**
 * The first step of every single issuance, inside the caller's transaction: the account locked (two
 * admins cannot race), the policy asked before anything about the account is revealed, a disabled
 * account refused, and the history that decides whether this is a reissue.
 */
export async function lockIssuanceTarget(
  tx: EntityManager,
  principal: Principal,
  accountCode: string,
  permission: Permission,
  checkCompany: (company: Company) => void = () => undefined,
): Promise<IssuanceTarget> {
  const found = (await lockIssuanceTargets(tx, principal, [accountCode], permission, checkCompany)).get(accountCode)!;
  if (found instanceof DomainError) throw found;
  return found;
}

/**
 * `lockIssuanceTarget` for many accounts at once (a bulk chunk): the same checks in the same order per
 * account, each refusal kept as that account's answer instead of thrown, in four statements whatever
 * the number. The accounts are locked in id order, so two chunks holding some of the same accounts
 * never wait for each other in a deadlock.
 */
export async function lockIssuanceTargets(
  tx: EntityManager,
  principal: Principal,
  accountCodes: readonly string[],
  permission: Permission,
  checkCompany: (company: Company) => void = () => undefined,
): Promise<Map<string, IssuanceTarget | DomainError>> {
  const accounts = await tx.find(
    Account,
    { company: principal.companyId, code: { $in: [...accountCodes] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'], orderBy: { id: 'asc' } },
  );
  const byCode = new Map(accounts.map((account) => [account.code, account]));
  const result = new Map<string, IssuanceTarget | DomainError>();
  if (accounts.length === 0) {
    for (const code of accountCodes) result.set(code, accountNotFound(code));
    return result;
  }
  await tx.find(Role, { id: { $in: [...new Set(accounts.map((account) => account.role.id))] } });
  const company = await tx.findOneOrFail(Company, principal.companyId);
  const history = await tx.find(
    Issuance,
    { account: { $in: accounts.map((account) => account.id) } },
    { orderBy: { sequence: 'desc' }, populate: keptSecrets },
  );
  for (const code of accountCodes) {
    const account = byCode.get(code);
    try {
      if (!account) throw accountNotFound(code);
      const target = targetOfLoaded(account);
      assertMayChangeAccount(principal, permission, target);
      checkCompany(company);
      if (account.disabled) throw new ConflictError('ACCOUNT_DISABLED', 'The account is disabled.', 'code');
      const earlier = history.filter((row) => row.account.id === account.id);
      result.set(code, { account, target, company, earlier, reissue: isReissueGiven(account, earlier) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.set(code, error);
    }
  }
  return result;
}
