import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Issuance, type Account, type Company, type Locale } from '../entities';

export interface LockedIssuance {
  issuance: Issuance;
  account: Account;
  company: Company;
}

/** Loads an issuance with its account and company, holding a row lock for the rest of the transaction. */
export async function lockIssuance(
  em: EntityManager,
  issuanceId: string,
  secret: 'sealedToken' | 'sealedPassword' | null,
): Promise<LockedIssuance> {
  const issuance = await em.findOne(
    Issuance,
    { id: issuanceId },
    {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      lockTableAliases: ['i0'],
      populate: ['account', 'company', ...(secret ? [secret] : [])] as never,
    },
  );
  if (!issuance) {
    throw ApplicationFailure.create({
      type: 'IssuanceNotFound',
      message: `issuance ${issuanceId} not found`,
      nonRetryable: true,
    });
  }
  return { issuance, account: issuance.account.getEntity(), company: issuance.company.getEntity() };
}

export function mailLocale(account: Account, company: Company): Locale {
  return account.locale ?? company.locale;
}

export function displayName(account: Account): string {
  return `${account.lastName} ${account.firstName}`;
}
