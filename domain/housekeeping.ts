import type { EntityManager } from '@mikro-orm/postgresql';
import type { HousekeepingResult } from '../contract';

/** A bulk run still open this long after its start, with nothing left to send, lost its workflow: close it. */
const abandonedBulkRunAge = '1 day';

/**
 * What the workflows normally clean up themselves, swept once more in case a workflow was terminated or its
 * cleanup failed: expired and revoked sessions, sealed secrets of ended issuances, notices past their link's
 * expiry (or replaced) with their sealed PDF and passwords, and bulk runs whose workflow is gone. Plain SQL,
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
      bulkRunsClosed: await affected(
        `UPDATE bulk_run run SET finished_at = ?, updated_at = ?
         WHERE run.finished_at IS NULL AND run.created_at < ?::timestamptz - interval '${abandonedBulkRunAge}'
           AND NOT EXISTS (
             SELECT 1 FROM bulk_run_item item LEFT JOIN issuance ON issuance.id = item.issuance_id
             WHERE item.run_id = run.id AND (item.status = 'queued' OR issuance.status = 'sending'))`,
        [at, at, at],
      ),
    };
  });
}
