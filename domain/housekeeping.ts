import type { EntityManager } from '@mikro-orm/postgresql';
import { bulkPdfWorkflowId, type HousekeepingResult } from '../contract';
import { pruneAuditEvents } from './audit/audit-retention';
import { idempotencyKeyLifetimeMs } from './idempotency';

/** A bulk run still open this long after its start, with nothing left to send, lost its workflow: close it. */
const abandonedBulkRunAge = '1 day';

/**
 * What the workflows normally clean up themselves, swept once more in case a workflow was terminated or its
 * cleanup failed: expired and revoked sessions, sealed secrets of ended issuances, notices past their link's
 * expiry (or replaced) with their sealed PDF and passwords, idempotency keys past 24 h, bulk runs whose workflow is gone,
 * and audit events past their company's retention. Plain SQL,
 * one transaction; every statement is idempotent, so a retried or overlapping run does no harm.
 */
export async function purgeExpired(em: EntityManager, at: Date): Promise<HousekeepingResult> {
  return em.transactional(async (tx) => {
    const connection = tx.getConnection();
    const affected = async (sql: string, params: unknown[] = []): Promise<number> => {
      const rows = await connection.execute<unknown[]>(`${sql} RETURNING 1`, params, 'all');
      return rows.length;
    };
    return {
      sessionsDeleted: await affected(`DELETE FROM "session" WHERE expires_at < ? OR revoked_at IS NOT NULL`, [at]),
      issuanceSecretsDeleted: await affected(
        `UPDATE issuance SET sealed_token = NULL, sealed_password = NULL, updated_at = ?
         WHERE status IN ('issued', 'expired', 'superseded', 'failed')
           AND (sealed_token IS NOT NULL OR sealed_password IS NOT NULL)`,
        [at],
      ),
      noticesDiscarded: await affected(
        `UPDATE password_notice SET sealed_content = NULL, updated_at = ?
         WHERE sealed_content IS NOT NULL AND (expires_at < ? OR superseded_at IS NOT NULL)`,
        [at, at],
      ),
      noticePasswordsDeleted: await affected(
        `UPDATE password_notice_item item SET sealed_password = NULL, updated_at = ?
         FROM password_notice notice
         WHERE item.notice_id = notice.id AND item.sealed_password IS NOT NULL
           AND (notice.expires_at < ? OR notice.superseded_at IS NOT NULL OR notice.fetched_at IS NOT NULL)`,
        [at, at],
      ),
      idempotencyKeysDeleted: await affected(`DELETE FROM idempotency_key WHERE created_at < ?`, [
        new Date(at.getTime() - idempotencyKeyLifetimeMs),
      ]),
      bulkRunsClosed: await affected(
        `UPDATE bulk_run run SET finished_at = ?, updated_at = ?
         WHERE run.finished_at IS NULL AND run.created_at < ?::timestamptz - interval '${abandonedBulkRunAge}'
           AND NOT EXISTS (
             SELECT 1 FROM bulk_run_item item LEFT JOIN issuance ON issuance.id = item.issuance_id
             WHERE item.run_id = run.id AND (item.status = 'queued' OR issuance.status = 'sending'))`,
        [at, at, at],
      ),
      auditEventsPruned: await pruneAuditEvents(tx, at),
    };
  });
}

/** A run this old whose workflow Temporal does not know (or that ended without closing the run) is stranded. */
export const strandedRunAgeMs = 2 * 60 * 1000;

/** The reason a stranded run's unstarted employees are left out with (shown per employee and in the progress). */
export const runNotStartedReason = 'RUN_NOT_STARTED';

/** Where a run's workflow stands, as Temporal answers it. */
export type RunWorkflowState = 'running' | 'closed' | 'missing';

/**
 * Reconciles the chunked runs with their workflows: a run recorded with no workflow behind it (the API died
 * between its commit and the workflow start), or whose workflow ended without closing it (terminated), is
 * closed, so that none stays open for ever. It is not started late: its admin never got an answer and may
 * already have started another run for the same people.
 * - A bulk e-mail run: its employees not yet started are left out with RUN_NOT_STARTED and the run gets its
 *   end, so the admin sees it end in the run list and can start them again. Employees already started keep
 *   their own workflows.
 * - An account import: its rows not yet applied end as errors RUN_NOT_STARTED and the import is done, so the
 *   admin sees which rows to import again.
 * - A bulk PDF run that issued nothing: withdrawn (deleted), as the API withdraws it when the start fails;
 *   nobody has its id, and nothing was changed for its employees.
 * Answers the ids of the runs closed.
 */
export async function reconcileBulkRuns(
  em: EntityManager,
  workflowState: (workflowId: string) => Promise<RunWorkflowState>,
  at: Date,
): Promise<{ runsClosed: string[] }> {
  const before = new Date(at.getTime() - strandedRunAgeMs);
  const runsClosed: string[] = [];
  for (const kind of strandedRunKinds) {
    const open = await em.getConnection().execute<StrandedRunRow[]>(kind.open, [before]);
    for (const run of open) {
      if ((await workflowState(kind.workflowId(run))) === 'running') continue;
      // Locked and checked again: a run its workflow finished in the meantime stays as the workflow left it.
      const closed = await em.transactional(async (tx) => {
        const connection = tx.getConnection();
        const [still] = await connection.execute<unknown[]>(kind.stillOpen, [run.id]);
        if (!still) return false;
        for (const [statement, params] of kind.close(at, run.id)) await connection.execute(statement, params);
        return true;
      });
      if (closed) runsClosed.push(run.id);
    }
  }
  return { runsClosed };
}

/**
 * Per kind of run: the open runs older than the cut-off (at most 100 per sweep), the same run locked if it is
 * still open, and the statements that close it (parameters: the time, the run's id).
 */
interface StrandedRunRow {
  id: string;
  workflow_id?: string;
  company_code?: string;
}

const strandedRunKinds: readonly {
  open: string;
  workflowId: (row: StrandedRunRow) => string;
  stillOpen: string;
  close: (at: Date, id: string) => [string, unknown[]][];
}[] = [
  {
    open: `select id, workflow_id from bulk_run where finished_at is null and created_at < ? order by created_at limit 100`,
    workflowId: (row) => row.workflow_id!,
    stillOpen: `select 1 from bulk_run where id = ? and finished_at is null for update`,
    close: (at, id) => [
      [
        `update bulk_run_item set status = 'skipped', skip_reason = ?, updated_at = ? where run_id = ? and status = 'queued'`,
        [runNotStartedReason, at, id],
      ],
      [`update bulk_run set finished_at = ?, updated_at = ? where id = ?`, [at, at, id]],
    ],
  },
  {
    open: `select id, workflow_id from account_import where status = 'running' and created_at < ? order by created_at limit 100`,
    workflowId: (row) => row.workflow_id!,
    stillOpen: `select 1 from account_import where id = ? and status = 'running' for update`,
    close: (at, id) => [
      [
        `update account_import_row set outcome = 'error', error_code = ?, message = ?, updated_at = ?
         where account_import_id = ? and outcome = 'pending'`,
        [runNotStartedReason, 'The import did not run to its end; import these rows again.', at, id],
      ],
      [`update account_import set status = 'done', finished_at = ?, updated_at = ? where id = ?`, [at, at, id]],
    ],
  },
  {
    open: `select notice.id, company.code as company_code
           from password_notice notice join company on company.id = notice.company_id
           where notice.bulk_total is not null and notice.rendered_at is null and notice.superseded_at is null
             and notice.created_at < ? order by notice.created_at limit 100`,
    workflowId: (row) => bulkPdfWorkflowId(row.company_code!, row.id),
    stillOpen: `select 1 from password_notice notice where id = ? and rendered_at is null and superseded_at is null
                  and not exists (select 1 from password_notice_item item
                                  where item.notice_id = notice.id and item.issuance_id is not null)
                for update`,
    close: (_at, id) => [[`delete from password_notice where id = ?`, [id]]],
  },
];
