import type { EntityManager } from '@mikro-orm/postgresql';
import { BulkRun, PasswordNotice, type Locale } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { NotFoundError } from '../errors';
import { readBulkRunProgress } from './bulk-run-progress';
import { exclusionLabelsIn, isExclusionReason } from './exclusion';

export const bulkRunResultHeaders = {
  ja: ['No', 'アカウントコード', '氏名', '宛先', '結果', '理由', '送信日時', '有効期限', '認証日時', '発行日時'],
  en: ['position', 'code', 'name', 'address', 'outcome', 'reason', 'sentAt', 'expiresAt', 'verifiedAt', 'issuedAt'],
} as const;

const iso = (value: Date | string | null) => (value === null ? '' : new Date(value).toISOString());

interface ResultRow {
  position: number;
  code: string;
  name: string;
  address: string | null;
  outcome: string;
  reason: string | null;
  sent: Date | null;
  expires: Date | null;
  verified: Date | null;
  issued: Date | null;
}

/** A reason as the results file says it: an exclusion's code with its label in the admin's language. */
function reasonText(reason: string | null, language: Locale): string {
  if (reason === null) return '';
  return isExclusionReason(reason) ? `${reason}: ${exclusionLabelsIn[language][reason]}` : reason;
}

/** Pages through a run's rows by position (1,000 at a time), as CSV cells. */
async function* resultRows(em: EntityManager, sql: string, runId: string, language: Locale): AsyncGenerator<string[]> {
  for (let after = -1; ;) {
    const rows = await em.getConnection().execute<ResultRow[]>(sql, [runId, after]);
    if (rows.length === 0) return;
    for (const row of rows) {
      yield [
        String(row.position),
        row.code,
        row.name,
        row.address ?? '',
        row.outcome,
        reasonText(row.reason, language),
        iso(row.sent),
        iso(row.expires),
        iso(row.verified),
        iso(row.issued),
      ];
    }
    after = rows[rows.length - 1]!.position;
  }
}

/**
 * The results of a bulk e-mail run, one row per selected employee in the order of the selection: the
 * address used, the outcome (skipped, or the issuance's status), the reason (an exclusion with its label
 * in `language`), and when the verification mail was sent, when its link expires, when it was confirmed
 * and when the password was issued.
 */
export async function* bulkRunResults(
  em: EntityManager,
  auth: Principal,
  runId: string,
  language: Locale = 'ja',
): AsyncGenerator<string[]> {
  assertPermitted(auth, 'issuance:issue');
  const run = await em.findOne(BulkRun, { id: runId, company: auth.companyId });
  if (!run) throw new NotFoundError(`No bulk run "${runId}".`, 'BULK_RUN_NOT_FOUND');
  yield* resultRows(
    em,
    `select it.position, a.code, a.last_name || ' ' || a.first_name as name,
            coalesce(i.email_address, case it.email_slot when 1 then a.email1 when 2 then a.email2 else a.email3 end) as address,
            case when it.status = 'skipped' then 'skipped' else coalesce(i.status, it.status) end as outcome,
            coalesce(it.skip_reason, i.failure_reason) as reason,
            i.verification_sent_at as sent, i.expires_at as expires, i.verified_at as verified, i.issued_at as issued
       from bulk_run_item it join account a on a.id = it.account_id left join issuance i on i.id = it.issuance_id
      where it.run_id = ? and it.position > ? order by it.position limit 1000`,
    run.id,
    language,
  );
}

/**
 * The results of a bulk PDF run, one row per employee of the PDF in page order: the outcome (the
 * issuance's status, or queued), the reason of a failure, when the PDF's link expires, when it was
 * downloaded (as "verified") and when the password was set; then the selected employees left out, as
 * `skipped` with the reason and no page number. The address column is empty (no mail).
 */
export async function* bulkPdfResults(
  em: EntityManager,
  auth: Principal,
  noticeId: string,
  language: Locale = 'ja',
): AsyncGenerator<string[]> {
  assertPermitted(auth, 'issuance:issue');
  const notice = await em.findOne(PasswordNotice, { id: noticeId, company: auth.companyId, bulkTotal: { $ne: null } });
  if (!notice) throw new NotFoundError('No bulk PDF issuance has this id.', 'BULK_PDF_NOT_FOUND');
  yield* resultRows(
    em,
    `select it.position, a.code, a.last_name || ' ' || a.first_name as name, null as address,
            case when it.skip_reason is not null then 'skipped' else coalesce(i.status, 'queued') end as outcome,
            coalesce(it.skip_reason, i.failure_reason) as reason, null as sent,
            n.expires_at as expires, n.fetched_at as verified, i.issued_at as issued
       from password_notice_item it join password_notice n on n.id = it.notice_id
       join account a on a.id = it.account_id left join issuance i on i.id = it.issuance_id
      where it.notice_id = ? and it.position > ? order by it.position limit 1000`,
    notice.id,
    language,
  );
  yield* excludedRows(em, notice, language);
}

/** The employees a bulk PDF run left out, in the order of the selection. */
async function* excludedRows(em: EntityManager, notice: PasswordNotice, language: Locale): AsyncGenerator<string[]> {
  const excluded = notice.excluded ?? [];
  if (excluded.length === 0) return;
  const rows = await em.getConnection().execute<{ id: string; code: string; name: string }[]>(
    `select id, code, last_name || ' ' || first_name as name from account where id in (${excluded.map(() => '?').join(',')})`,
    excluded.map((line) => line.accountId),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const line of excluded) {
    const account = byId.get(line.accountId);
    // Deleted since the run: nothing to name.
    if (!account) continue;
    yield ['', account.code, account.name, '', 'skipped', reasonText(line.reason, language), '', '', '', ''];
  }
}

/** The company's latest bulk e-mail runs, newest first, with their progress. */
export async function listBulkRuns(em: EntityManager, auth: Principal, limit = 20) {
  assertPermitted(auth, 'issuance:issue');
  const runs = await em.find(BulkRun, { company: auth.companyId }, { orderBy: { createdAt: 'desc' }, limit });
  return Promise.all(
    runs.map(async (run) => ({
      runId: run.id,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      progress: await readBulkRunProgress(em, run.id),
    })),
  );
}
