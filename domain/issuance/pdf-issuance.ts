import { ref, type EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  pdfIssuanceWorkflowId,
  SearchAttributes,
  TaskQueues,
  workflowTypes,
  type IssuanceKind,
  type PdfIssuanceInput,
} from '../../contract';
import { Account, Company, Issuance, PasswordNotice } from '../../entities';
import { supersedeEarlierIssuances } from './supersede';
import type { Logger } from '../../lib/logger';
import { generateToken, type SecretBox } from '../../lib/secret-box';
import { assertMayIssue } from '../access/policy';
import type { Principal } from '../access/principal';
import { actorOf } from '../audit/actor';
import { resetCurrentPassword } from './reissue';
import { lockIssuanceTarget } from './issuance-target';
import { passwordNoticeValidityMs } from './password-notice-download';
import { cancelWorkflows } from '../../lib/workflow-control';
import { withTransitions } from './issuance-events';
import { assertWorkflowServiceReachable } from './workflow-service-reachable';
import { startBeforeCommit } from './start-before-commit';

export interface StartedPdfIssuance {
  issuance: Issuance;
  notice: PasswordNotice;
  /** The one-time download token; only its keyed hash is stored, so this is the only time it exists. */
  token: string;
}

/**
 * Starts a PDF issuance (●PDFで且つ個別発行) for one account. Allowed on both issuance channels: the seed
 * offers PDF from the e-mail screen too, for employees without an address. In one transaction with the
 * account locked, open issuances and unfetched notices of the account are ended and the issuance and
 * its notice row (download token hash, expiry) are recorded; then the workflow renders the notice.
 */
export async function startPdfIssuance(
  deps: { em: EntityManager; temporal: Client; logger: Logger; secretBox: SecretBox; clock?: () => Date },
  request: { accountCode: string; auth: Principal },
): Promise<StartedPdfIssuance> {
  const { em, temporal, secretBox } = deps;
  const { auth } = request;
  const token = generateToken();
  await assertWorkflowServiceReachable(temporal);

  const started = await withTransitions(
    em,
    async (tx, transitions) => {
      const { account, target, company, earlier, reissue } = await lockIssuanceTarget(
        tx,
        auth,
        request.accountCode,
        'issuance:issue',
      );
      const kind: IssuanceKind = reissue ? 'reissue-direct' : 'initial';
      assertMayIssue(auth, target, reissue);

      const now = deps.clock?.() ?? new Date();
      const open = await supersedeEarlierIssuances(tx, transitions, account.id, earlier, now);
      // The old password stops working at once, not only when the worker has rendered the new one (初期化).
      await resetCurrentPassword(tx, account.id, now);
      const sequence = (earlier[0]?.sequence ?? 0) + 1;
      const issuance = new Issuance({
        company: tx.getReference(Company, company.id, { wrapped: true }),
        account: tx.getReference(Account, account.id, { wrapped: true }),
        sequence,
        kind,
        // A PDF issuance has no address; the columns are required by the e-mail flow's schema.
        emailSlot: 1,
        emailAddress: '',
        workflowId: pdfIssuanceWorkflowId(company.code, account.code, sequence),
        requestedBy: tx.getReference(Account, auth.accountId, { wrapped: true }),
      });
      issuance.channel = 'pdf';
      transitions.open(issuance);
      const notice = new PasswordNotice({
        company: tx.getReference(Company, company.id, { wrapped: true }),
        account: tx.getReference(Account, account.id, { wrapped: true }),
        issuance: ref(issuance),
        downloadTokenHash: secretBox.hashToken(token),
        expiresAt: new Date(now.getTime() + passwordNoticeValidityMs),
      });
      tx.persist([issuance, notice]);
      const input: PdfIssuanceInput = { issuanceId: issuance.id, discardAfterMs: passwordNoticeValidityMs };
      await startBeforeCommit(
        tx,
        issuance.id,
        deps.logger,
        (deadline) =>
          temporal.connection.withDeadline(deadline, () =>
            temporal.workflow.start(workflowTypes.pdfIssuance, {
              taskQueue: TaskQueues.main,
              workflowId: issuance.workflowId,
              args: [input],
              workflowIdConflictPolicy: 'FAIL',
              typedSearchAttributes: [
                { key: SearchAttributes.companyCode, value: company.code },
                { key: SearchAttributes.accountCode, value: request.accountCode },
                { key: SearchAttributes.issuanceKind, value: issuance.kind },
              ],
              memo: { purpose: 'pdf issuance', kind: issuance.kind, issuanceId: issuance.id },
            }),
          ),
        'no password was issued and the current one still works',
      );
      return { issuance, notice, superseded: open.map((row) => row.workflowId) };
    },
    actorOf(auth),
  );

  await cancelWorkflows({ temporal, logger: deps.logger }, started.superseded);
  const { issuance, notice } = started;
  return { issuance, notice, token };
}

/** Waits briefly for the worker to render the notice, so the admin usually gets a link that works at once. */
export async function waitUntilRendered(em: EntityManager, issuanceId: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const issuance = await em.fork().findOne(Issuance, issuanceId);
    if (!issuance || issuance.status !== 'sending') return issuance?.status === 'issued';
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
