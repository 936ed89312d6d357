import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  issuanceWorkflowId,
  SearchAttributes,
  TaskQueues,
  workflowTypes,
  type EmailIssuanceInput,
  type IssuanceKind,
  verificationConfirmedSignal,
} from '../../contract';
import { Account, BulkRunItem, Company, Issuance, type EmailSlot } from '../../entities';
import { endOpenIssuances, staysInRound } from './supersede';
import { endUnfetchedPasswordNoticesOf } from './end-unfetched-notices';
import type { Logger } from '../../lib/logger';
import { assertMayIssue } from '../access/policy';
import type { Principal } from '../access/principal';
import { actorOf } from '../audit/actor';
import { lockIssuanceTargets, type IssuanceTarget } from './issuance-target';
import { ConflictError, DomainError, UnprocessableError } from '../errors';
import { cancelWorkflows } from '../../lib/workflow-control';
import { assertWorkflowServiceReachable } from './workflow-service-reachable';
import { alreadyIssued, resetCurrentPassword } from './reissue';
import { withTransitions } from './issuance-events';
import { startBeforeCommit } from './start-before-commit';
import type { IssuanceTransitions } from './state-machine';

export interface StartEmailIssuanceRequest {
  accountCode: string;
  emailSlot: EmailSlot;
  auth: Principal;
}

interface RecordOptions {
  /** アカウント通知メール送信 (reissue B): credentials straight to the address, no verification. */
  direct?: boolean;
  /** A bulk run: first issuances only (再発行処理は1人1人の個別出力); an account with a password is refused. */
  firstIssuanceOnly?: boolean;
}

export interface RecordEmailIssuanceRequest extends RecordOptions {
  accountCode: string;
  emailSlot: EmailSlot;
}

/** An issuance recorded in the database whose workflow is still to be started. */
export interface RecordedEmailIssuance {
  issuance: Issuance;
  /** Workflow ids of the open issuances it replaced, to cancel. */
  superseded: string[];
  company: { code: string; validityHours: number };
  accountCode: string;
  /** Whether an earlier issuance to the same address was confirmed by its owner or delivered credentials. */
  addressVerified: boolean;
}

/**
 * Starts an e-mail issuance for one account. In one transaction, with the account row locked so two
 * admins cannot race: the open issuances of the account are superseded (their links stop working at
 * once) except verification links to other addresses, which stay in the round until one of them is
 * confirmed (`confirmVerification`), and the new one is recorded. Then the old workflows are cancelled and the new one started.
 */
export async function startEmailIssuance(
  deps: { em: EntityManager; temporal: Client; logger: Logger },
  request: StartEmailIssuanceRequest,
): Promise<Issuance> {
  await assertWorkflowServiceReachable(deps.temporal);
  const recorded = await withTransitions(
    deps.em,
    async (tx, transitions) => {
      const recorded = await recordEmailIssuance(tx, transitions, request.auth, request);
      await startEmailWorkflowBeforeCommit(tx, deps, recorded, 'nothing was sent');
      return recorded;
    },
    actorOf(request.auth),
  );
  await cancelWorkflows(deps, recorded.superseded);
  return recorded.issuance;
}

/** A single issuance's workflow, started inside the transaction that records it (see startBeforeCommit). */
async function startEmailWorkflowBeforeCommit(
  tx: EntityManager,
  deps: { temporal: Client; logger: Logger },
  recorded: RecordedEmailIssuance,
  nothingDone: string,
): Promise<void> {
  const { issuance, company } = recorded;
  const options = emailIssuanceStartOptions(
    issuance,
    { company: company.code, account: recorded.accountCode },
    emailIssuanceInput(issuance, company.validityHours),
  );
  await startBeforeCommit(
    tx,
    issuance.id,
    deps.logger,
    (deadline) =>
      deps.temporal.connection.withDeadline(deadline, () =>
        deps.temporal.workflow.start(workflowTypes.emailIssuance, { ...options, workflowIdConflictPolicy: 'FAIL' }),
      ),
    nothingDone,
  );
}

/**
 * The database half of starting an issuance, inside the caller's transaction: locks the account,
 * checks the rules, supersedes every open issuance and records the new one.
 */
export async function recordEmailIssuance(
  tx: EntityManager,
  transitions: IssuanceTransitions,
  auth: Principal,
  request: RecordEmailIssuanceRequest,
): Promise<RecordedEmailIssuance> {
  const { accountCode, emailSlot, ...options } = request;
  const [recorded] = await recordEmailIssuances(tx, transitions, auth, [{ accountCode, emailSlot }], options);
  if (recorded instanceof DomainError) throw recorded;
  return recorded!;
}

/**
 * `recordEmailIssuance` for many accounts at once (a bulk chunk), with the same rules in the same order
 * per account: each answer is the recorded issuance or the refusal, and nothing is written for a refused
 * account. The statements do not grow with the number of accounts (one insert of all the new issuances).
 */
export async function recordEmailIssuances(
  tx: EntityManager,
  transitions: IssuanceTransitions,
  auth: Principal,
  requests: readonly { accountCode: string; emailSlot: EmailSlot }[],
  options: RecordOptions = {},
): Promise<(RecordedEmailIssuance | DomainError)[]> {
  const targets = await lockIssuanceTargets(
    tx,
    auth,
    requests.map((request) => request.accountCode),
    options.direct ? 'issuance:reissue' : 'issuance:issue',
    (company) => {
      if (company.issuanceChannel !== 'email') {
        throw new ConflictError(
          'ISSUANCE_CHANNEL_IS_PDF',
          'The company issues passwords as PDF notices; change the issuance channel to send e-mails.',
          'issuanceChannel',
        );
      }
    },
  );
  const now = new Date();
  const answers: (RecordedEmailIssuance | DomainError)[] = [];
  for (const request of requests) {
    const target = targets.get(request.accountCode)!;
    try {
      if (target instanceof DomainError) throw target;
      answers.push(await recordOne(tx, transitions, auth, { ...request, ...options }, target, now));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      answers.push(error);
    }
  }
  const recordedAccounts = answers.flatMap((answer) =>
    answer instanceof DomainError ? [] : [answer.issuance.account.id],
  );
  // A notice printed later would carry a password that no longer works (see endUnfetchedPasswordNoticesOf).
  if (recordedAccounts.length > 0) await endUnfetchedPasswordNoticesOf(tx, recordedAccounts, now);
  return answers;
}

/** One account of `recordEmailIssuances`: every check before the first change, so a refusal writes nothing. */
async function recordOne(
  tx: EntityManager,
  transitions: IssuanceTransitions,
  auth: Principal,
  request: RecordEmailIssuanceRequest,
  { account, target, company, earlier, reissue }: IssuanceTarget,
  now: Date,
): Promise<RecordedEmailIssuance> {
  const address = account.emailAt(request.emailSlot);
  if (!address) {
    throw new UnprocessableError(
      'EMAIL_NOT_SET',
      `メールアドレス${request.emailSlot} is not set for this account.`,
      'emailSlot',
    );
  }
  if (request.firstIssuanceOnly && reissue) throw alreadyIssued();
  if (request.direct && !reissue) {
    throw new ConflictError(
      'PASSWORD_NOT_ISSUED',
      'No password was issued yet; send a verification request mail (認証要求メール送信) instead.',
      'code',
    );
  }
  const kind: IssuanceKind = request.direct ? 'reissue-direct' : reissue ? 'reissue-verify' : 'initial';
  assertMayIssue(auth, target, kind !== 'initial');

  // A verification mail to another address joins the round: both links work until one is confirmed.
  // The same address again replaces its earlier link; a direct credentials mail ends the whole round.
  const next = { emailSlot: request.emailSlot, emailAddress: address };
  const open = endOpenIssuances(transitions, earlier, now, (row) => (request.direct ? false : staysInRound(row, next)));
  const sequence = (earlier[0]?.sequence ?? 0) + 1;
  const created = new Issuance({
    company: tx.getReference(Company, company.id, { wrapped: true }),
    account: tx.getReference(Account, account.id, { wrapped: true }),
    sequence,
    kind,
    emailSlot: request.emailSlot,
    emailAddress: address,
    workflowId: issuanceWorkflowId(company.code, account.code, sequence),
    requestedBy: auth.accountId ? tx.getReference(Account, auth.accountId, { wrapped: true }) : undefined,
  });
  // Reissue B opens verified: no verification step.
  transitions.open(created);
  // A reissue (A or B) is 初期化: the old password stops working when it starts, not when the new one is mailed.
  if (kind !== 'initial') await resetCurrentPassword(tx, account.id, now);
  tx.persist(created);
  return {
    issuance: created,
    superseded: open.map((row) => row.workflowId),
    company: { code: company.code, validityHours: company.verificationValidityHours },
    accountCode: account.code,
    addressVerified: earlier.some(
      (row) => row.emailAddress === address && (row.status === 'issued' || row.verifiedAt != null),
    ),
  };
}

/** The input of an issuance's workflow; `sentUntil`: a bulk chunk sent its mail, the link works until then. */
function emailIssuanceInput(issuance: Issuance, validityHours: number, sentUntil?: Date): EmailIssuanceInput {
  return {
    issuanceId: issuance.id,
    verificationValidityMs: validityHours * 60 * 60 * 1000,
    ...(issuance.kind === 'reissue-direct' ? { direct: true } : {}),
    // Sent by a bulk chunk already: the workflow waits for the rest of the link's validity.
    ...(sentUntil
      ? {
          verificationSent: true,
          verificationValidityMs: Math.max(1, sentUntil.getTime() - Date.now()),
          verificationExpiresAtMs: sentUntil.getTime(),
        }
      : {}),
    activityQueues: { verificationMail: TaskQueues.email, credentials: TaskQueues.cpu },
  };
}

/** How an issuance's workflow is started: by its launch, and by the click should it be missing. */
function emailIssuanceStartOptions(
  issuance: Issuance,
  codes: { company: string; account: string },
  input: EmailIssuanceInput,
  bulkRunId?: string,
) {
  return {
    taskQueue: TaskQueues.main,
    workflowId: issuance.workflowId,
    args: [input] as [EmailIssuanceInput],
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    typedSearchAttributes: [
      { key: SearchAttributes.companyCode, value: codes.company },
      { key: SearchAttributes.accountCode, value: codes.account },
      { key: SearchAttributes.issuanceKind, value: issuance.kind },
      ...(bulkRunId ? [{ key: SearchAttributes.bulkRunId, value: bulkRunId }] : []),
    ],
    memo: { purpose: 'email issuance', kind: issuance.kind, issuanceId: issuance.id },
  };
}

/**
 * The Temporal half for a bulk chunk's employee whose verification mail the chunk could not send: cancels the
 * superseded workflows and starts the employee's workflow, which sends the mail with its own retries
 * (idempotent for a retried chunk).
 */
export async function launchEmailIssuance(
  deps: { temporal: Client; logger: Logger },
  recorded: RecordedEmailIssuance,
  options: { bulkRunId?: string } = {},
): Promise<void> {
  const { temporal } = deps;
  const { issuance, superseded, company } = recorded;
  await cancelWorkflows(deps, superseded);
  try {
    await temporal.workflow.start(workflowTypes.emailIssuance, {
      ...emailIssuanceStartOptions(
        issuance,
        { company: company.code, account: recorded.accountCode },
        emailIssuanceInput(issuance, company.validityHours),
        options.bulkRunId,
      ),
      // A retried caller (the bulk activity) finds the run it already started instead of a second one.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    // The bulk activity keeps the issuance and starts its workflow on its next attempt.
    throw error;
  }
}

/** The bulk run each of these issuances belongs to (the ones of a bulk run only), for `signalConfirmation`. */
export async function bulkRunsOf(em: EntityManager, issuanceIds: readonly string[]): Promise<Map<string, string>> {
  if (issuanceIds.length === 0) return new Map();
  const items = await em.find(BulkRunItem, { issuance: { $in: [...issuanceIds] } }, { fields: ['run', 'issuance'] });
  return new Map(items.map((item) => [item.issuance!.id, item.run.id]));
}

/**
 * Tells an issuance's workflow that its owner confirmed. Signal-with-start: an employee of a bulk run has no
 * workflow until this click (the chunk sent the mail), a single issuance's workflow is waiting for it, and an
 * earlier release's bulk workflow waits out a start delay that a plain signal would not end. A closed workflow
 * under the same id is refused (REJECT_DUPLICATE), as a plain signal would be. `bulkRunId`: the run that mailed
 * the link, for the operator's search in the Temporal UI (`BulkRunId="…"`).
 */
export async function signalConfirmation(temporal: Client, issuance: Issuance, bulkRunId?: string): Promise<void> {
  const input = emailIssuanceInput(issuance, 0, issuance.expiresAt);
  await temporal.workflow.signalWithStart(workflowTypes.emailIssuance, {
    ...emailIssuanceStartOptions(
      issuance,
      { company: issuance.company.getEntity().code, account: issuance.account.getEntity().code },
      input,
      bulkRunId,
    ),
    signal: verificationConfirmedSignal,
    signalArgs: [{ issuanceId: issuance.id }],
  });
}

/**
 * パスワード再発行 B (アカウント通知メール送信): a new password straight to the chosen address, without
 * the verification step. The old password stops working at once and every earlier link is ended; the
 * `emailIssuance` workflow (direct) carries the mail, so a retry sends the same password.
 */
export async function sendCredentialMail(
  deps: { em: EntityManager; temporal: Client; logger: Logger },
  auth: Principal,
  request: { accountCode: string; emailSlot: EmailSlot },
): Promise<RecordedEmailIssuance> {
  await assertWorkflowServiceReachable(deps.temporal);
  const recorded = await withTransitions(deps.em, async (tx, transitions) => {
    const recorded = await recordEmailIssuance(tx, transitions, auth, { ...request, direct: true });
    await startEmailWorkflowBeforeCommit(tx, deps, recorded, 'no password was changed or sent');
    return recorded;
  });
  await cancelWorkflows(deps, recorded.superseded);
  return recorded;
}
