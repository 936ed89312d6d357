import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';

/** Matches no account: an unknown login id runs the same statement, so it costs the same as a known one. */
const noAccountId = '00000000-0000-0000-0000-000000000000';

export interface FailedLoginOutcome {
  failedLoginCount: number;
  lockedAt: Date | null;
  /** This failure reached the threshold and locked the account. */
  lockedNow: boolean;
}

const windowExpired =
  '(a.failed_login_window_started_at is null' +
  ' or a.failed_login_window_started_at <= i.now - make_interval(days => c.lockout_window_days))';
const nextCount = `case when ${windowExpired} then 1 else a.failed_login_count + 1 end`;

/**
 * Counts one failed login (wrong password, or wrong MFA code) in ONE statement, reading the company's
 * threshold and window in the same statement. PostgreSQL takes the row lock and, when another
 * failure committed first, re-evaluates every expression on the newest row, so parallel wrong
 * passwords can neither lose a count nor skip the lock (the race of GHSA-7h8m-vrxx-vr4m, which came
 * from reading the count, deciding, then writing).
 *
 * The window is fixed and starts at the first failure: once `lockoutWindowDays` have passed since then,
 * the next failure starts a new window at 1 (ロックアウト失敗対象日数 as rolling days, not calendar days).
 * Failures keep being counted while the account is locked, so the admin sees how hard it is attacked;
 * `locked_at` is set once, by the failure that reaches the threshold, and only an admin clears it.
 */
export async function recordFailedLogin(
  em: EntityManager,
  accountId: string | undefined,
  now: Date,
): Promise<FailedLoginOutcome | undefined> {
  const rows: { failed_login_count: number; locked_at: Date | null }[] = await em.getConnection().execute(
    `with i as (select cast(? as timestamptz) as now, cast(? as uuid) as id)
     update account as a set
       failed_login_count = ${nextCount},
       failed_login_window_started_at = case when ${windowExpired} then i.now else a.failed_login_window_started_at end,
       locked_at = case when a.locked_at is null and ${nextCount} >= c.lockout_threshold then i.now else a.locked_at end,
       last_failed_login_at = i.now,
       updated_at = i.now
     from company as c, i
     where a.id = i.id and c.id = a.company_id
     returning a.failed_login_count, a.locked_at`,
    [now, accountId ?? noAccountId],
    'all',
  );
  const row = rows[0];
  if (!row) return undefined;
  const lockedAt = row.locked_at ? new Date(row.locked_at) : null;
  return {
    failedLoginCount: row.failed_login_count,
    lockedAt,
    lockedNow: lockedAt?.getTime() === now.getTime(),
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
 * A successful login clears the failure count, unless a parallel failure locked the account after its
 * password was checked: then nothing changes and the caller must refuse (returns false).
 */
export async function recordSuccessfulLogin(em: EntityManager, accountId: string, now: Date): Promise<boolean> {
  const updated = await em.nativeUpdate(
    Account,
    { id: accountId, lockedAt: null },
    { failedLoginCount: 0, failedLoginWindowStartedAt: null, lastLoginAt: now },
  );
  return updated === 1;
}
