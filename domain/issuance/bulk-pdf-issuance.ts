import { ref, type EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  bulkPdfProgressQuery,
  bulkPdfWorkflowId,
  SearchAttributes,
  TaskQueues,
  workflowTypes,
  type BulkPdfIssuanceInput,
  type BulkPdfProgress,
} from '../../contract';
import { Account, Company, PasswordNotice, PasswordNoticeItem } from '../../entities';
import type { Logger } from '../../lib/logger';
import { generateToken, type SecretBox } from '../../lib/secret-box';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { bulkLineWords, policyExclusion, type BulkAction, type ExclusionReason } from './exclusion';
import { reissuesAmong } from './reissue';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { assertWorkflowServiceReachable } from './workflow-service-reachable';
import { startOrWithdraw } from '../workflow-start';
import { passwordNoticeValidityMs } from './password-notice-download';
import { recordAudit } from '../audit/audit-trail';
import { bulkRunEvent } from './bulk-run-audit';

/** Employees per chunk activity: a few seconds of argon2 each, about 3 history events per chunk. */
export const bulkPdfChunkSize = 100;
export const bulkPdfMaxAccounts = 2000;

export interface StartedBulkPdfIssuance {
  notice: PasswordNotice;
  workflowId: string;
  /** The one-time download token; only its keyed hash is stored. */
  token: string;
  /** The selected employees left out of the PDF, and why (the preview said the same). */
  excluded: { code: string; reason: ExclusionReason }[];
  /** Included employees whose working password was reset: always 0, bulk runs never reissue (kept for the API's shape). */
  reissues: number;
}

export interface BulkPdfPreviewLine {
  code: string;
  name: string;
  /** The account has had a password: left out (ALREADY_ISSUED), reissue is one person at a time. */
  reissue: boolean;
  included: boolean;
  exclusionReason: ExclusionReason | null;
  /** 新規発行 or 対象外, as the confirmation screen shows it. */
  action: BulkAction;
  actionLabel: string;
  /** Why the employee is left out, in the admin's words (null when included). */
  exclusionLabel: string | null;
}

/**
 * Every selected employee with what a bulk PDF run would do: a first issuance, or nothing and why (an
 * employee who already has a password is ALREADY_ISSUED: reissue is one person at a time). Unknown or
 * repeated codes are a 400 naming the field.
 */
async function resolvePdfSelection(
  em: EntityManager,
  auth: Principal,
  accountCodes: readonly string[],
): Promise<(BulkPdfPreviewLine & { account: Account })[]> {
  assertPermitted(auth, 'issuance:issue');
  const accounts = await em.find(
    Account,
    { company: auth.companyId, code: { $in: [...accountCodes] } },
    { populate: ['role', 'company'] },
  );
  const byCode = new Map(accounts.map((account) => [account.code, account]));
  const reissues = await reissuesAmong(em, accounts);
  const seen = new Set<string>();
  return accountCodes.map((code, index) => {
    const account = byCode.get(code);
    if (!account) throw new InputError('ACCOUNT_NOT_FOUND', `No account "${code}".`, `accountCodes.${index}`);
    if (seen.has(code))
      throw new InputError('VALIDATION_FAILED', `"${code}" is selected twice.`, `accountCodes.${index}`);
    seen.add(code);
    const reissue = reissues.has(account.id);
    const exclusionReason = account.disabled ? 'ACCOUNT_DISABLED' : policyExclusion(auth, account, reissue);
    return {
      account,
      code,
      name: `${account.lastName} ${account.firstName}`,
      reissue,
      included: exclusionReason === null,
      exclusionReason,
      ...bulkLineWords(exclusionReason),
    };
  });
}

/** The confirmation before a bulk PDF run: who gets a first password, who is left out and why. */
export async function previewBulkPdfIssuance(
  em: EntityManager,
  auth: Principal,
  accountCodes: readonly string[],
): Promise<{ lines: BulkPdfPreviewLine[]; included: number; reissues: number; excluded: number }> {
  const lines = (await resolvePdfSelection(em, auth, accountCodes)).map(({ account: _account, ...line }) => line);
  return {
    lines,
    included: lines.filter((line) => line.included).length,
    reissues: 0,
    excluded: lines.filter((line) => !line.included).length,
  };
}

/**
 * Starts a bulk PDF issuance (●PDF且つ一括発行). Unknown or repeated codes are a 400 naming the field
 * before anything starts. Employees the preview shows as excluded (disabled, already issued, or an account
 * the caller may not act on) are left out with the reason, as the bulk e-mail run skips them, and recorded
 * on the notice for its results file; with nobody left the run is refused (409 NOTHING_TO_ISSUE). The
 * notice row and one item per included employee (in account-code order) are recorded, then one workflow
 * sets the passwords chunk by chunk and assembles the PDF.
 */
export async function startBulkPdfIssuance(
  deps: { em: EntityManager; temporal: Client; logger: Logger; secretBox: SecretBox; clock?: () => Date },
  request: { accountCodes: readonly string[]; auth: Principal },
): Promise<StartedBulkPdfIssuance> {
  const { em, temporal, secretBox } = deps;
  const { auth, accountCodes } = request;
  // Temporal down: 503 within seconds, before anything is recorded (see workflow-service-reachable.ts).
  await assertWorkflowServiceReachable(deps.temporal);
  const token = generateToken();

  const { notice, companyCode, excluded } = await em.transactional(async (tx) => {
    const selected = await resolvePdfSelection(tx, auth, accountCodes);
    const lines = selected.filter((line) => line.included);
    const leftOut = selected.flatMap((line) =>
      line.exclusionReason ? [{ account: line.account, reason: line.exclusionReason }] : [],
    );
    const left = leftOut.map(({ account, reason }) => ({ code: account.code, reason }));
    if (lines.length === 0) {
      const reasons = left.map((line) => `${line.code}: ${line.reason}`).join(', ');
      throw new ConflictError(
        'NOTHING_TO_ISSUE',
        `Every selected employee is excluded (${reasons}).`,
        'accountCodes',
      ).withParams({ reasons });
    }
    const accounts = lines.map((line) => line.account);
    const company = await tx.findOneOrFail(Company, auth.companyId);
    const now = deps.clock?.() ?? new Date();
    const created = new PasswordNotice({
      company: ref(company),
      downloadTokenHash: secretBox.hashToken(token),
      // Replaced by the assembly: the link works for the validity period from when the PDF exists.
      expiresAt: new Date(now.getTime() + passwordNoticeValidityMs),
      bulkTotal: accounts.length,
      requestedBy: tx.getReference(Account, auth.accountId, { wrapped: true }),
    });
    created.excluded = leftOut.map(({ account, reason }) => ({ accountId: account.id, reason }));
    tx.persist(created);
    const ordered = [...accounts].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    ordered.forEach((account, position) => {
      tx.persist(new PasswordNoticeItem({ notice: ref(created), position, account: ref(account) }));
    });
    const audited = selected.map((line) => ({ ...line, code: line.account.code }));
    recordAudit(tx, bulkRunEvent(auth, created.id, 'pdf', audited));
    return { notice: created, companyCode: company.code, excluded: left };
  });

  const workflowId = bulkPdfWorkflowId(companyCode, notice.id);
  const input: BulkPdfIssuanceInput = {
    noticeId: notice.id,
    workflowId,
    total: notice.bulkTotal ?? 0,
    chunkSize: bulkPdfChunkSize,
    discardAfterMs: passwordNoticeValidityMs,
  };
  await startOrWithdraw(
    deps.logger,
    () =>
      temporal.workflow.start(workflowTypes.bulkPdfIssuance, {
        taskQueue: TaskQueues.main,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        typedSearchAttributes: [
          { key: SearchAttributes.companyCode, value: companyCode },
          { key: SearchAttributes.issuanceKind, value: 'bulk-pdf' },
          { key: SearchAttributes.bulkRunId, value: notice.id },
        ],
        memo: { purpose: 'bulk pdf issuance', noticeId: notice.id, total: input.total },
      }),
    () => em.nativeDelete(PasswordNotice, { id: notice.id }),
    {
      logFields: { noticeId: notice.id },
      logMessage: 'could not start the bulk PDF workflow',
      nothingDone: 'no password was issued',
    },
  );
  return { notice, workflowId, token, excluded, reissues: 0 };
}

export interface BulkPdfStatus extends BulkPdfProgress {
  workflowId: string;
  expiresAt: Date;
  fetchedAt?: Date;
}

/** How long a progress read waits for the run's workflow to answer its query before reading the database. */
const progressQueryDeadlineMs = 2_000;

/** Progress of a bulk run: the workflow's query, or the database when the workflow cannot answer in time. */
export async function bulkPdfStatus(
  deps: { em: EntityManager; temporal: Client },
  request: { noticeId: string; auth: Principal },
): Promise<BulkPdfStatus> {
  const notice = await deps.em.findOne(
    PasswordNotice,
    { id: request.noticeId, company: request.auth.companyId, bulkTotal: { $ne: null } },
    { populate: ['company'] },
  );
  if (!notice) throw new NotFoundError('No bulk PDF issuance has this id.', 'BULK_PDF_NOT_FOUND');
  const workflowId = bulkPdfWorkflowId(notice.company.getEntity().code, notice.id);
  let progress: BulkPdfProgress;
  try {
    // A query waits for a worker to answer (the server gives up after about 30 s): with the workers busy or
    // restarting, the database answers at once instead.
    progress = await deps.temporal.connection.withDeadline(Date.now() + progressQueryDeadlineMs, () =>
      deps.temporal.workflow.getHandle(workflowId).query(bulkPdfProgressQuery),
    );
  } catch {
    const done = await deps.em.count(PasswordNoticeItem, { notice, issuance: { $ne: null } });
    const stage = notice.supersededAt ? 'superseded' : notice.renderedAt ? 'ready' : 'issuing';
    progress = { done, total: notice.bulkTotal ?? 0, stage };
  }
  return { ...progress, workflowId, expiresAt: notice.expiresAt, fetchedAt: notice.fetchedAt };
}

/** Waits briefly for the run to assemble its PDF, so a small run answers with a link that works at once. */
export async function waitUntilAssembled(em: EntityManager, noticeId: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const notice = await em.fork().findOne(PasswordNotice, noticeId);
    if (!notice || notice.renderedAt || notice.supersededAt) return Boolean(notice?.renderedAt);
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
