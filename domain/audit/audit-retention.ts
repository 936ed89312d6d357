import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Retention (監査ログの保存期間, a company setting in years): every company's events older than that at `at` are
 * pruned by `audit_prune`, the one delete the table allows, which keeps the hash of the last pruned row as the
 * chain's anchor so that the remaining events still verify. Answers how many events went.
 */
export async function pruneAuditEvents(em: EntityManager, at: Date): Promise<number> {
  const [row] = await em.execute<{ pruned: string | null }[]>(
    `select sum(audit_prune(id, ?::timestamptz - make_interval(years => audit_retention_years))) as pruned from company`,
    [at],
  );
  return Number(row?.pruned ?? 0);
}
