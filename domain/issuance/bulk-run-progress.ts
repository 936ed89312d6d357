import { observeBulkRunFinished } from '../../lib/metrics';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BulkRunProgress } from '../../contract';

/**
 * Seconds per verification mail assumed before any bulk run has been measured on this installation
 * (about what one worker with the default concurrency reaches against a local SMTP server).
 */
export const defaultSecondsPerMail = 0.1;

/** How many recent finished runs the estimate averages. */
const measuredRuns = 5;

export interface SendRate {
  secondsPerMail: number;
  /** False while no run has finished yet and the default is used. */
  measured: boolean;
}

/**
 * The moving average of the measured wall time per verification mail of the company's own most recent
 * finished runs: another company's runs (other volumes, other mail servers) say nothing about this one's.
 */
export async function measuredSendRate(em: EntityManager, companyId: string): Promise<SendRate> {
  const rows: { average: number | null }[] = await em.getConnection().execute(
    `select avg(seconds_per_mail)::float8 as average from (
       select seconds_per_mail from bulk_run where company_id = ? and seconds_per_mail is not null
        order by finished_at desc limit ?
     ) recent`,
    [companyId, measuredRuns],
  );
  const average = rows[0]?.average;
  return average && average > 0
    ? { secondsPerMail: average, measured: true }
    : { secondsPerMail: defaultSecondsPerMail, measured: false };
}

const issuanceBuckets = {
  sending: 'sending',
  pending: 'pendingVerification',
  verified: 'verified',
  issued: 'issued',
  expired: 'expired',
  superseded: 'superseded',
  failed: 'failed',
} as const;

export type BulkRunItemState = (typeof issuanceBuckets)[keyof typeof issuanceBuckets] | 'queued' | 'skipped';

function itemState(itemStatus: string, issuanceStatus: string | null): BulkRunItemState {
  if (itemStatus === 'queued') return 'queued';
  if (itemStatus === 'skipped') return 'skipped';
  return issuanceBuckets[issuanceStatus as keyof typeof issuanceBuckets] ?? 'failed';
}

export interface BulkRunItemView {
  position: number;
  accountCode: string;
  name: string;
  emailSlot: number;
  /** The address the verification request went to (null while queued or when skipped). */
  address: string | null;
  /** The bucket of the progress this employee is counted in. */
  state: BulkRunItemState;
  /** The issuance replaced an earlier password (再発行). */
  reissue: boolean;
  reason: string | null;
}

/** The employees of a run in selection order, each with the bucket it is counted in: the per-employee result. */
export async function readBulkRunItems(
  em: EntityManager,
  runId: string,
  page: { offset: number; limit: number },
): Promise<BulkRunItemView[]> {
  const rows: {
    position: number;
    code: string;
    last_name: string;
    first_name: string;
    email_slot: number;
    address: string | null;
    item_status: string;
    issuance_status: string | null;
    kind: string | null;
    reason: string | null;
  }[] = await em.getConnection().execute(
    `select it.position, a.code, a.last_name, a.first_name, it.email_slot, i.email_address as address,
            it.status as item_status, i.status as issuance_status, i.kind, coalesce(it.skip_reason, i.failure_reason) as reason
       from bulk_run_item it join account a on a.id = it.account_id left join issuance i on i.id = it.issuance_id
      where it.run_id = ? order by it.position offset ? limit ?`,
    [runId, page.offset, page.limit],
  );
  return rows.map((row) => ({
    position: row.position,
    accountCode: row.code,
    name: `${row.last_name} ${row.first_name}`,
    emailSlot: row.email_slot,
    address: row.address,
    state: itemState(row.item_status, row.issuance_status),
    reissue: row.kind !== null && row.kind !== 'initial',
    reason: row.reason,
  }));
}

/** Counts every item of a run into exactly one bucket, from the database, so it is readable after the run. */
export async function readBulkRunProgress(em: EntityManager, runId: string): Promise<BulkRunProgress> {
  const connection = em.getConnection();
  const counts: { item_status: string; issuance_status: string | null; n: number }[] = await connection.execute(
    `select it.status as item_status, i.status as issuance_status, count(*)::int as n
       from bulk_run_item it left join issuance i on i.id = it.issuance_id
      where it.run_id = ? group by 1, 2`,
    [runId],
  );
  const progress: BulkRunProgress = {
    total: 0,
    queued: 0,
    sending: 0,
    pendingVerification: 0,
    verified: 0,
    issued: 0,
    expired: 0,
    superseded: 0,
    failed: 0,
    skipped: 0,
    failures: [],
    deliveryProblem: null,
    estimatedSecondsRemaining: 0,
  };
  for (const row of counts) {
    progress.total += row.n;
    progress[itemState(row.item_status, row.issuance_status)] += row.n;
  }
  const failures: { code: string; item_status: string; reason: string | null }[] = await connection.execute(
    `select a.code, it.status as item_status, coalesce(it.skip_reason, i.failure_reason) as reason
       from bulk_run_item it join account a on a.id = it.account_id left join issuance i on i.id = it.issuance_id
      where it.run_id = ? and (it.status = 'skipped' or i.status = 'failed')
      order by it.position limit 100`,
    [runId],
  );
  progress.failures = failures.map((row) => ({
    accountCode: row.code,
    outcome: row.item_status === 'skipped' ? 'skipped' : 'failed',
    reason: row.reason ?? 'unknown',
  }));
  const [run] = await connection.execute<{ company_id: string }[]>(`select company_id from bulk_run where id = ?`, [
    runId,
  ]);
  const [problem] = await connection.execute<{ reason: string; since: Date; mails: number }[]>(
    `select i.delivery_problem as reason, min(i.delivery_problem_since) as since, count(*)::int as mails
       from bulk_run_item it join issuance i on i.id = it.issuance_id
      where it.run_id = ? and i.status = 'sending' and i.delivery_problem is not null
      group by 1 order by 3 desc, 2 limit 1`,
    [runId],
  );
  progress.deliveryProblem = problem
    ? { reason: problem.reason, since: new Date(problem.since).toISOString(), mails: problem.mails }
    : null;
  // While mails fail, the measured rate says nothing about when they will be out.
  const rate = run ? await measuredSendRate(em, run.company_id) : { secondsPerMail: defaultSecondsPerMail };
  progress.estimatedSecondsRemaining = problem
    ? null
    : Math.ceil((progress.queued + progress.sending) * rate.secondsPerMail);
  return progress;
}

/**
 * A bulk e-mail run has sent (or given up on) its last verification mail: its end and its measured wall time per
 * mail (from the first issuance recorded to the last verification mail sent, divided by the mails sent) are
 * recorded, and the call that ends the run tells `bulk_run_duration_seconds`; a retried call finds it ended.
 */
export async function finishBulkRun(em: EntityManager, runId: string): Promise<void> {
  // Only the call that sets finished_at answers a row: a retried or concurrent call observes nothing.
  const [finished] = await em.getConnection().execute<{ seconds: number }[]>(
    `update bulk_run r set finished_at = now(), seconds_per_mail = coalesce(r.seconds_per_mail, m.rate)
       from (select case when count(i.verification_sent_at) > 0
                    then extract(epoch from max(i.verification_sent_at) - min(i.created_at))::float8 / count(i.verification_sent_at)
                    end as rate
               from bulk_run_item it join issuance i on i.id = it.issuance_id where it.run_id = ?) m
      where r.id = ? and r.finished_at is null
      returning extract(epoch from r.finished_at - r.created_at)::float8 as seconds`,
    [runId, runId],
  );
  if (finished) observeBulkRunFinished(finished.seconds);
}
