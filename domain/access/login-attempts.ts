import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { administratorRightsPermission, defaultAdminLockout, type AdminLockoutSettings } from './lockout';

/** Matches no account: an unknown login id runs the same statement, so it costs the same as a known one. */
const noAccountId = '00000000-0000-0000-0000-000000000000';

export interface FailedLoginOutcome {
  failedLoginCount: number;
  lockedAt: Date | null;
  /** This failure reached the threshold and locked the account. */
  lockedNow: boolean;
  /** The lock is temporary (an account with administrator rights): it ends at `lockedUntil`. */
  lockedUntil: Date | null;
}

const windowExpired =
  '(a.failed_login_window_started_at is null' +
  ' or a.failed_login_window_started_at <= i.now - make_interval(days => c.lockout_window_days))';
const nextCount = `case when ${windowExpired} then 1 else a.failed_login_count + 1 end`;
/** No lock holds now: never locked, or a temporary lock that has ended. */
const notLockedNow = '(a.locked_at is null or a.locked_until <= i.now)';
const locksNow = `${notLockedNow} and ${nextCount} >= c.lockout_threshold`;
const administratorRights = `i.admin_permission = any(r.permissions)`;
const temporaryLockSecondsSql =
  'least(i.delay_seconds * power(2, least(a.temporary_lockouts, 30)), i.max_delay_seconds)';

/**
 * Counts one failed login (wrong password, or wrong MFA code) in ONE statement, reading the company's
 * threshold and window and the account's role in the same statement. PostgreSQL takes the row lock and,
 * when another failure committed first, re-evaluates every expression on the newest row, so parallel wrong
 * passwords can neither lose a count nor skip the lock (the race of GHSA-7h8m-vrxx-vr4m, which came
 * from reading the count, deciding, then writing).
 *
 * The window is fixed and starts at the first failure: once `lockoutWindowDays` have passed since then,
 * the next failure starts a new window at 1 (ロックアウト失敗対象日数 as rolling days, not calendar days).
 * Failures keep being counted while the account is locked, so the admin sees how hard it is attacked;
 * `locked_at` is set by the failure that reaches the threshold. For an employee only an admin clears it; an
 * account with administrator rights gets `locked_until` (lockout.ts): once it has passed, the right password
 * logs in, and the next failure locks again for twice as long.
 */
export async function recordFailedLogin(
  em: EntityManager,
  accountId: string | undefined,
  now: Date,
  settings: AdminLockoutSettings = defaultAdminLockout,
): Promise<FailedLoginOutcome | undefined> {
  const rows: { failed_login_count: number; locked_at: Date | null; locked_until: Date | null }[] = await em
    .getConnection()
    .execute(
      `with i as (select cast(? as timestamptz) as now, cast(? as uuid) as id, cast(? as text) as admin_permission,
                         cast(? as int) as delay_seconds, cast(? as int) as max_delay_seconds)
     update account as a set
       failed_login_count = ${nextCount},
       failed_login_window_started_at = case when ${windowExpired} then i.now else a.failed_login_window_started_at end,
       locked_at = case when ${locksNow} then i.now else a.locked_at end,
       locked_until = case when ${locksNow} then
                             case when ${administratorRights}
                                  then i.now + make_interval(secs => ${temporaryLockSecondsSql}) end
                           else a.locked_until end,
       temporary_lockouts = case when ${locksNow} and ${administratorRights} then a.temporary_lockouts + 1
                                 else a.temporary_lockouts end,
       last_failed_login_at = i.now,
       updated_at = i.now
     from company as c, role as r, i
     where a.id = i.id and c.id = a.company_id and r.id = a.role_id
     returning a.failed_login_count, a.locked_at, a.locked_until`,
      [now, accountId ?? noAccountId, administratorRightsPermission, settings.delaySeconds, settings.maxDelaySeconds],
      'all',
    );
  const row = rows[0];
  if (!row) return undefined;
  const lockedAt = row.locked_at ? new Date(row.locked_at) : null;
  return {
    failedLoginCount: row.failed_login_count,
    lockedAt,
    lockedNow: lockedAt?.getTime() === now.getTime(),
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  };
}

/**
 * The failures the account screen shows: those of a window still open (the same rule as `windowExpired`
 * above, and the account list's SQL); once the window has passed the count is over, even if no login
 * came since to reset it.
 */
export function failedLoginsInWindow(
  account: Pick<Account, 'failedLoginCount' | 'failedLoginWindowStartedAt'>,
  windowDays: number,
  now: Date,
): number {
  const started = account.failedLoginWindowStartedAt;
  if (!started || started.getTime() <= now.getTime() - windowDays * 86_400_000) return 0;
  return account.failedLoginCount;
}

/** 『xx日間にxx回ログイン失敗』, xx日間 being the company's ロックアウト失敗対象日数. */
export function failedLoginLabel(count: number, windowDays: number): string {
  return `${windowDays}日間に${count}回ログイン失敗`;
}

/**
 * A successful login clears the failure count (and an ended temporary lock), unless a parallel failure locked the account after its
 * password was checked: then nothing changes and the caller must refuse (returns false).
 */
export async function recordSuccessfulLogin(em: EntityManager, accountId: string, now: Date): Promise<boolean> {
  const updated = await em.nativeUpdate(
    Account,
    { id: accountId, $or: [{ lockedAt: null }, { lockedUntil: { $lte: now } }] },
    {
      failedLoginCount: 0,
      failedLoginWindowStartedAt: null,
      lastLoginAt: now,
      lockedAt: null,
      lockedUntil: null,
      temporaryLockouts: 0,
    },
  );
  return updated === 1;
}
