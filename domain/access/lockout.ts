import type { Account } from '../../entities';

/**
 * Who the lockout may keep out, and for how long.
 *
 * The product's rule (ロックアウト) stands for every account: N failures within the company's window lock the
 * account. For an employee the lock lasts until an administrator unlocks it. An account with administrator
 * rights (its role holds `accounts:write`, the permission that unlocks others) is locked only for a while,
 * Keycloak-style: the first lock lasts `delaySeconds`, each further one without a successful login in between
 * twice as long, at most `maxDelaySeconds`. Anyone who knows a company code and a login id could otherwise
 * shut out every administrator for good (nobody left to unlock them but an operator's `admin:recover`).
 * During the lock even the right password is refused, so guessing goes no faster than one threshold per
 * delay (plus the per-address limits of api/rate-limits.ts); a temporary lock also leaves the account's open
 * sessions alone, since failed guesses from outside say nothing about who holds a session.
 */
export interface AdminLockoutSettings {
  delaySeconds: number;
  maxDelaySeconds: number;
}

export const defaultAdminLockout: AdminLockoutSettings = { delaySeconds: 60, maxDelaySeconds: 900 };

/** The permission that makes a lock temporary: whoever holds it can unlock the others. */
export const administratorRightsPermission = 'accounts:write';

type LockState = Pick<Account, 'lockedAt' | 'lockedUntil'>;

/** Refused at login now: locked for good, or within a temporary lock. */
export function isLockedOut(account: LockState, now: Date): boolean {
  if (!account.lockedAt) return false;
  return !account.lockedUntil || account.lockedUntil.getTime() > now.getTime();
}

/** Locked until an administrator unlocks it: its sessions end and no bulk run acts as it. */
export function isLockedForGood(account: LockState): boolean {
  return Boolean(account.lockedAt) && !account.lockedUntil;
}
