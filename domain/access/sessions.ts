import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from '../../entities';

/**
 * Ends every open session of an account: after a password change or reset by anyone, a role change, a
 * lock or disabling, nobody keeps working with what the account could do before.
 */
export async function revokeSessionsOf(
  em: EntityManager,
  accountId: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  return em.nativeUpdate(
    Session,
    { account: accountId, revokedAt: null, ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}) },
    { revokedAt: now },
  );
}

/** `revokeSessionsOf` for many accounts in one statement (a chunk of a bulk run). */
export async function revokeSessionsOfAccounts(
  em: EntityManager,
  accountIds: readonly string[],
  now: Date,
): Promise<number> {
  if (accountIds.length === 0) return 0;
  return em.nativeUpdate(Session, { account: { $in: [...accountIds] }, revokedAt: null }, { revokedAt: now });
}
