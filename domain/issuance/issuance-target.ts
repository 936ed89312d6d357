import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Account, Company, Issuance } from '../../entities';
import type { Permission } from '../../lib/permissions';
import { assertMayChangeAccount, type TargetAccount } from '../access/policy';
import type { Principal } from '../access/principal';
import { accountNotFound, targetOf } from '../accounts/target';
import { ConflictError } from '../errors';
import { isReissueGiven } from './reissue';

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
  const account = await tx.findOne(
    Account,
    { company: principal.companyId, code: accountCode },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
  );
  if (!account) throw accountNotFound(accountCode);
  const target = await targetOf(tx, account);
  assertMayChangeAccount(principal, permission, target);
  const company = await tx.findOneOrFail(Company, principal.companyId);
  checkCompany(company);
  if (account.disabled) throw new ConflictError('ACCOUNT_DISABLED', 'The account is disabled.', 'code');
  const earlier = await tx.find(Issuance, { account }, { orderBy: { sequence: 'desc' } });
  return { account, target, company, earlier, reissue: isReissueGiven(account, earlier) };
}

/** An issuance whose workflow could not be started: failed with the reason, so nothing waits for it. */
export async function recordNotStarted(em: EntityManager, issuance: Issuance): Promise<void> {
  issuance.status = 'failed';
  issuance.failureReason = 'the workflow could not be started';
  issuance.endedAt = new Date();
  await em.flush();
}
