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
