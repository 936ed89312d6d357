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
} from '../contract';
import { Account, Company, PasswordNotice, PasswordNoticeItem } from '../entities';
import type { Logger } from '../lib/logger';
import { generateToken, type SecretBox } from '../lib/secret-box';
import type { AuthContext } from './authentication';
import { ForbiddenError, InputError, NotFoundError, UnavailableError } from './errors';
import { passwordNoticeValidityMs } from './password-notice-service';

/** Employees per chunk activity: a few seconds of argon2 each, about 3 history events per chunk. */
export const bulkPdfChunkSize = 50;
export const bulkPdfMaxAccounts = 2000;

export interface StartedBulkPdfIssuance {
  notice: PasswordNotice;
  workflowId: string;
  /** The one-time download token; only its keyed hash is stored. */
  token: string;
}

/**
 * Starts a bulk PDF issuance (●PDF且つ一括発行). Every account code is checked before anything starts:
 * an unknown or disabled account is a 400 naming the field. The notice row and one item per employee (in
 * account-code order) are recorded, then one workflow sets the passwords chunk by chunk and assembles
 * the PDF. Each employee's old password stops working when its chunk runs.
 */
export async function startBulkPdfIssuance(
  deps: { em: EntityManager; temporal: Client; logger: Logger; secretBox: SecretBox; clock?: () => Date },
  request: { accountCodes: readonly string[]; auth: AuthContext },
): Promise<StartedBulkPdfIssuance> {
  const { em, temporal, secretBox } = deps;
  const { auth, accountCodes } = request;
  const token = generateToken();

  const { notice, companyCode } = await em.transactional(async (tx) => {
    const accounts = await tx.find(Account, { company: auth.companyId, code: { $in: [...accountCodes] } });
    const byCode = new Map(accounts.map((account) => [account.code, account]));
    accountCodes.forEach((code, index) => {
      const account = byCode.get(code);
      if (!account) throw new InputError('ACCOUNT_NOT_FOUND', `No account "${code}".`, `accountCodes.${index}`);
      if (account.disabled) {
        throw new InputError('ACCOUNT_DISABLED', `The account "${code}" is disabled.`, `accountCodes.${index}`);
      }
    });
    if (accounts.some((account) => account.passwordStatus === 'issued')) {
      if (!auth.permissions.includes('issuance:reissue')) {
        throw new ForbiddenError('Only a user administrator may reissue a password.');
      }
    }
    const company = await tx.findOneOrFail(Company, auth.companyId);
    const now = deps.clock?.() ?? new Date();
    const created = new PasswordNotice({
      company: ref(company),
      downloadTokenHash: secretBox.hashToken(token),
      // Replaced by the assembly: the link works for the validity period from when the PDF exists.
      expiresAt: new Date(now.getTime() + passwordNoticeValidityMs),
      bulkTotal: accounts.length,
    });
    tx.persist(created);
    const ordered = [...accounts].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    ordered.forEach((account, position) => {
      tx.persist(new PasswordNoticeItem({ notice: ref(created), position, account: ref(account) }));
    });
    return { notice: created, companyCode: company.code };
  });

  const workflowId = bulkPdfWorkflowId(companyCode, notice.id);
  const input: BulkPdfIssuanceInput = {
    noticeId: notice.id,
    workflowId,
    total: notice.bulkTotal ?? 0,
    chunkSize: bulkPdfChunkSize,
    discardAfterMs: passwordNoticeValidityMs,
  };
  try {
    await temporal.workflow.start(workflowTypes.bulkPdfIssuance, {
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
    });
  } catch (error) {
    deps.logger.error({ err: error, noticeId: notice.id }, 'could not start the bulk PDF workflow');
    await em.nativeDelete(PasswordNotice, { id: notice.id });
    throw new UnavailableError('The workflow service is not reachable; no password was issued. Try again shortly.');
  }
  return { notice, workflowId, token };
}

export interface BulkPdfStatus extends BulkPdfProgress {
  workflowId: string;
  expiresAt: Date;
  fetchedAt?: Date;
}

/** Progress of a bulk run: the workflow's query, or the database when the workflow cannot answer. */
export async function bulkPdfStatus(
  deps: { em: EntityManager; temporal: Client },
  request: { noticeId: string; auth: AuthContext },
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
    progress = await deps.temporal.workflow.getHandle(workflowId).query(bulkPdfProgressQuery);
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
