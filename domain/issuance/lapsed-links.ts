import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Issuance } from '../../entities';
import { bulkRunsOf } from './email-issuance';
import { nowOf } from '../services';
import { withTransitions } from './issuance-events';
import type { IssuanceStepServices } from './issuance-steps';

/** Accounts whose lapsed links one transaction of the sweep ends. */
export const lapsedLinkBatch = 500;

/**
 * 期限切れ for verification links whose validity ended without a click, a batch of accounts at a time: the links a
 * bulk run mailed have no workflow until the click (the chunk sends them itself), so this sweep, not a timer per
 * employee, ends them. The link itself stops working at its `expiresAt` whether or not the sweep has run (the
 * verification page reads the time); the sweep brings the issuance and the account's 認証状態 up to date.
 *
 * Each account is locked before its issuances, the order of every other writer; an account another transaction
 * holds (a click, a new issuance) is skipped and taken by the next sweep. The state machine's `expire` moves each
 * issuance with the same rule as a single issuance's timer: the account shows 期限切れ once no other link of the
 * round still waits. Answers how many issuances ended.
 */
export async function expireLapsedLinks(
  em: EntityManager,
  services: Pick<IssuanceStepServices, 'logger' | 'clock'>,
  limit = lapsedLinkBatch,
): Promise<number> {
  const now = nowOf(services);
  const expired = await withTransitions(em, async (tx, transitions) => {
    const lapsed = await tx.execute<{ account_id: string }[]>(
      `select distinct account_id from (
         select account_id from issuance where status = 'pending' and expires_at <= ? order by expires_at limit ?
       ) lapsed`,
      [now, limit],
    );
    if (lapsed.length === 0) return 0;
    const locked = await tx.execute<{ id: string }[]>(
      `select id from account where id in (?) order by id for update skip locked`,
      [lapsed.map((row) => row.account_id)],
    );
    if (locked.length === 0) return 0;
    const accountIds = locked.map((row) => row.id);
    const accounts = new Map((await tx.find(Account, { id: { $in: accountIds } })).map((row) => [row.id, row]));
    // Every open link of these accounts: whether another link of the round still waits decides 認証状態.
    const open = await tx.find(
      Issuance,
      { account: { $in: accountIds }, status: { $in: ['sending', 'pending'] } },
      { populate: ['sealedToken'], orderBy: { id: 'asc' } },
    );
    const waiting = new Map<string, Set<Issuance>>();
    for (const issuance of open) {
      const ofAccount = waiting.get(issuance.account.id) ?? new Set<Issuance>();
      ofAccount.add(issuance);
      waiting.set(issuance.account.id, ofAccount);
    }
    let count = 0;
    for (const issuance of open) {
      // Only a link that went out: a mail still `sending` has its own workflow, which expires it when its time is up.
      if (issuance.status !== 'pending' || !issuance.expiresAt || issuance.expiresAt > now) continue;
      const ofAccount = waiting.get(issuance.account.id)!;
      ofAccount.delete(issuance);
      transitions.expire(issuance, accounts.get(issuance.account.id)!, now, ofAccount.size > 0);
      count += 1;
    }
    return count;
  });
  if (expired > 0) services.logger.info({ event: 'issuances-expired', count: expired }, 'verification links ended');
  return expired;
}

/** A confirmed link whose credentials are not out after this long is checked for a missing workflow. */
export const strandedConfirmationAgeMs = 2 * 60 * 1000;

/**
 * Confirmed (認証済) e-mail issuances whose credentials are not out `strandedConfirmationAgeMs` after the click,
 * oldest first: the click commits the confirmation and then starts the employee's workflow (signal-with-start);
 * should the API die between the two (or the start fail and giving the token back fail too), a bulk run's
 * employee has no workflow to issue the credentials and no link to click again. The sweep asks Temporal for each
 * one's workflow and starts it when it is missing (`resumeStrandedConfirmations` in activities/housekeeping.ts).
 */
export async function findStrandedConfirmations(
  em: EntityManager,
  services: Pick<IssuanceStepServices, 'clock'>,
  limit: number,
): Promise<{ issuance: Issuance; bulkRunId?: string }[]> {
  const before = new Date(nowOf(services).getTime() - strandedConfirmationAgeMs);
  const issuances = await em.find(
    Issuance,
    { status: 'verified', channel: 'email', issuedAt: null, verifiedAt: { $lt: before } },
    { populate: ['company', 'account'], orderBy: { verifiedAt: 'asc' }, limit },
  );
  const runOf = await bulkRunsOf(
    em,
    issuances.map((issuance) => issuance.id),
  );
  return issuances.map((issuance) => {
    const bulkRunId = runOf.get(issuance.id);
    return bulkRunId ? { issuance, bulkRunId } : { issuance };
  });
}
