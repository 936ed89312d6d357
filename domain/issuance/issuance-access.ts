import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Account, Issuance, type Company, type Locale } from '../../entities';
import { NotFoundError } from '../errors';
import { waitUntilIssuanceRecorded } from './start-before-commit';

export interface LockedIssuance {
  issuance: Issuance;
  account: Account;
  company: Company;
}

/**
 * Locks an issuance's account row, then the issuance row, for the rest of the transaction: always in that
 * order, the order of every other writer (a new issuance locks the account, then supersedes its
 * issuances), so two of them never wait for each other in a deadlock.
 */
export async function lockAccountThenIssuance(
  em: EntityManager,
  where: { id: string } | { tokenHash: string },
  populate: readonly string[] = [],
): Promise<Issuance | null> {
  // A workflow can run before the request that started it committed the issuance (startBeforeCommit).
  if ('id' in where) await waitUntilIssuanceRecorded(em, where.id);
  const unlocked = await em.findOne(Issuance, where, { fields: ['account'] });
  if (!unlocked) return null;
  await em.findOne(Account, unlocked.account.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const issuance = await em.findOne(Issuance, where, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    lockTableAliases: ['i0'],
    refresh: true,
  });
  // Loaded after the lock, not with it: MikroORM carries a query's lock mode into its populate queries,
  // which would lock the company row FOR UPDATE and deadlock with anything inserting a row that
  // references the company (a bulk run) while holding a reference to this account.
  if (issuance) await em.populate(issuance, ['account', 'company', ...populate] as never);
  return issuance;
}

/** Loads an issuance with its account and company, holding row locks for the rest of the transaction. */
export async function lockIssuance(
  em: EntityManager,
  issuanceId: string,
  secret: 'sealedToken' | 'sealedPassword' | null,
): Promise<LockedIssuance> {
  const issuance = await lockAccountThenIssuance(em, { id: issuanceId }, secret ? [secret] : []);
  if (!issuance) {
    throw new NotFoundError(`issuance ${issuanceId} not found`, 'ISSUANCE_NOT_FOUND');
  }
  return { issuance, account: issuance.account.getEntity(), company: issuance.company.getEntity() };
}

export function mailLocale(account: Account, company: Company): Locale {
  return account.locale ?? company.locale;
}

export function displayName(account: Account): string {
  return `${account.lastName} ${account.firstName}`;
}
