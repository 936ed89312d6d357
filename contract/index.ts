/**
 * The contract shared by `api/`, `worker/` and `workflows/`: task queues, workflow inputs and outputs,
 * message definitions and search-attribute keys. It imports nothing of the project and no I/O package,
 * so the workflow bundle and the HTTP process agree on one set of names.
 *
 * Workflow inputs are plain ids, never entities and never secrets.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const TaskQueues = {
  /** Workflow tasks, and the activities of issuance and transfers. */
  main: 'workforce',
  /** Verification request mails only, rate-limited, so a bulk run queues here and nowhere else. */
  email: 'workforce-email',
  /** argon2 hashing with the credentials mail (after a click), with few slots of its own. */
  cpu: 'workforce-cpu',
  /**
   * The chunks of bulk runs (e-mail, PDF, import): heavy, throughput-bound work kept off the queues an employee's
   * click waits on, so that a deployment can serve it from worker processes of its own (WORKER_TASK_QUEUES).
   */
  bulk: 'workforce-bulk',
} as const;

export type TaskQueue = (typeof TaskQueues)[keyof typeof TaskQueues];

/** Marker of the workflows that schedule their chunks on TaskQueues.bulk; earlier histories keep the main queue. */
export const bulkTaskQueuePatch = 'bulk-task-queue';

export const SearchAttributes = {
  companyCode: defineSearchAttributeKey('CompanyCode', SearchAttributeType.KEYWORD),
  accountCode: defineSearchAttributeKey('AccountCode', SearchAttributeType.KEYWORD),
  issuanceKind: defineSearchAttributeKey('IssuanceKind', SearchAttributeType.KEYWORD),
  bulkRunId: defineSearchAttributeKey('BulkRunId', SearchAttributeType.KEYWORD),
  accountImportId: defineSearchAttributeKey('AccountImportId', SearchAttributeType.KEYWORD),
} as const;

/** Every search attribute the server must know, as `Name=Type` pairs for `temporal server start-dev`. */
export const searchAttributeRegistrations: readonly string[] = Object.values(SearchAttributes).map(
  (key) => `${key.name}=Keyword`,
);

export type IssuanceKind = 'initial' | 'reissue-verify' | 'reissue-direct';

export interface EmailIssuanceInput {
  issuanceId: string;
  /** アカウント通知メール送信 (reissue B): no verification step, the credentials go straight out. */
  direct?: boolean;
  /** Task queues of the mail activities (TaskQueues.email / TaskQueues.cpu); unset: the workflow's own. */
  activityQueues?: { verificationMail: string; credentials: string };
  /** How long the verification link works, in milliseconds of workflow time. */
  verificationValidityMs: number;
  /**
   * A bulk chunk already sent the verification mail and recorded it (issue 11): the workflow starts at the
   * wait for the click, and `verificationValidityMs` is what is left of the period. Unset in every earlier
   * history, which therefore replays unchanged.
   */
  verificationSent?: boolean;
  /**
   * With `verificationSent`: when the link stops working (epoch ms). Such a workflow is started with a
   * start delay until then, so it takes no workflow task (and no worker memory) while it waits; the click's
   * signal-with-start or a cancellation wakes it at once. Unset in earlier histories, which replay unchanged.
   */
  verificationExpiresAtMs?: number;
}

export type EmailIssuanceOutcome = 'issued' | 'expired' | 'superseded' | 'failed';

export interface EmailIssuanceResult {
  issuanceId: string;
  outcome: EmailIssuanceOutcome;
}

/** Sent by the API after it has consumed a verification token; carries the issuance id only, never the token. */
export interface VerificationConfirmed {
  issuanceId: string;
}
export const verificationConfirmedSignal = defineSignal<[VerificationConfirmed]>('verificationConfirmed');

export type EmailIssuanceStage = 'sending-verification' | 'awaiting-verification' | 'issuing-credentials' | 'done';
export const emailIssuanceStageQuery = defineQuery<EmailIssuanceStage>('stage');

export const workflowTypes = {
  emailIssuance: 'emailIssuance',
  accountTransfer: 'accountTransfer',
  reorganisation: 'reorganisation',
  pdfIssuance: 'pdfIssuance',
  bulkPdfIssuance: 'bulkPdfIssuance',
  bulkEmailIssuance: 'bulkEmailIssuance',
  housekeeping: 'housekeeping',
  bulkRunReconciliation: 'bulkRunReconciliation',
  verificationLinkExpiry: 'verificationLinkExpiry',
  accountImport: 'accountImport',
} as const;

/** The Temporal Schedule that starts `housekeeping` (created idempotently by every worker at start-up). */
export const housekeepingScheduleId = 'housekeeping';

/** The Temporal Schedule that starts `bulkRunReconciliation` every 2 minutes. */
export const bulkRunReconciliationScheduleId = 'bulk-run-reconciliation';

/**
 * The Temporal Schedule that starts `verificationLinkExpiry` every minute: the links a bulk run mailed have no
 * workflow (and so no timer) until the click; this sweep ends the ones whose validity passed.
 */
export const verificationLinkExpiryScheduleId = 'verification-link-expiry';

/** What one housekeeping sweep removed or closed. */
export interface HousekeepingResult {
  sessionsDeleted: number;
  issuanceSecretsDeleted: number;
  noticesDiscarded: number;
  noticePasswordsDeleted: number;
  idempotencyKeysDeleted: number;
  bulkRunsClosed: number;
  /** Audit events older than their company's retention (years), pruned with the chain's anchor kept. */
  auditEventsPruned: number;
}

export function issuanceWorkflowId(companyCode: string, accountCode: string, sequence: number): string {
  return `issuance-${companyCode}-${accountCode}-${sequence}`;
}

export function transferWorkflowId(companyCode: string, accountCode: string): string {
  return `transfer-${companyCode}-${accountCode}`;
}

export interface AccountTransferInput {
  companyCode: string;
  accountCode: string;
}

/** The pending transfer of an account, or null when it was cancelled. */
export interface TransferPlan {
  transferId: string;
  /** YYYY-MM-DD in the company's time zone, for people reading the history. */
  effectiveDate: string;
  /** The instant that date begins in the company's time zone (epoch milliseconds). */
  effectiveAt: number;
}
export const transferPlanSignal = defineSignal<[TransferPlan | null]>('transferPlan');
export const transferPlanQuery = defineQuery<TransferPlan | null>('transferPlan');

export function reorganisationWorkflowId(companyCode: string, reorganisationId: string): string {
  return `reorganisation-${companyCode}-${reorganisationId}`;
}

/** 組織変更: the reorganisation to apply when `effectiveAt` (its date's start in the company's time zone) comes. */
export interface ReorganisationInput {
  reorganisationId: string;
  effectiveDate: string;
  effectiveAt: number;
}
export interface ReorganisationResult {
  outcome: 'applied' | 'cancelled';
}

export type AccountTransferOutcome = 'applied' | 'cancelled';
export interface AccountTransferResult {
  outcome: AccountTransferOutcome;
  transferId?: string;
}

/** A bulk e-mail issuance (●メール且つ一括送信): the selection lives in the database, the input holds a cursor. */
export interface BulkEmailIssuanceInput {
  runId: string;
  /** Position of the last item already handled; the next chunk starts after it. */
  cursor: number;
  /** Set once every item has been started; the run then only waits for the verification mails to go out. */
  allStarted?: boolean;
  progress?: BulkRunProgress;
}

/** Every item of a run is in exactly one bucket, so the buckets add up to `total`. */
export interface BulkRunProgress {
  total: number;
  /** Not started yet. */
  queued: number;
  /** Started; the verification request mail is on its way. */
  sending: number;
  /** Verification mail sent; waiting for the employee (送信済/認証待ち). */
  pendingVerification: number;
  verified: number;
  issued: number;
  expired: number;
  /** Replaced by a later issuance of the same account. */
  superseded: number;
  failed: number;
  /** Not started for a reason of its own (no address, disabled, …); see `failures`. */
  skipped: number;
  /** Up to 100 skipped or failed items with the reason (account codes only). */
  failures: { accountCode: string; outcome: 'skipped' | 'failed'; reason: string }[];
  /**
   * Mails of the run failing temporarily right now (the SMTP server down or answering 4xx): the most common
   * reason (`SMTP 451`, or `UNREACHABLE` when no server answered), since when, and how many mails wait on it;
   * null while the mails go out.
   */
  deliveryProblem?: { reason: string; since: string; mails: number } | null;
  /** Seconds until every verification mail is out, from the measured send rate; null while deliveryProblem is set. */
  estimatedSecondsRemaining: number | null;
}

export const bulkRunProgressQuery = defineQuery<BulkRunProgress | null>('bulkRunProgress');

export function bulkRunWorkflowId(companyCode: string, runId: string): string {
  return `bulk-${companyCode}-${runId}`;
}

/** One PDF issuance (●PDFで且つ個別発行): the notice is rendered, then discarded unless fetched in time. */
export interface PdfIssuanceInput {
  issuanceId: string;
  /** How long the one-time download link works, in milliseconds of workflow time. */
  discardAfterMs: number;
}

export type PdfIssuanceOutcome = 'issued' | 'superseded' | 'failed';

export interface PdfIssuanceResult {
  issuanceId: string;
  outcome: PdfIssuanceOutcome;
}

/** Sent by the API once the notice's PDF was downloaded: its workflow has nothing left to guard and completes. */
export const passwordNoticeFetchedSignal = defineSignal('passwordNoticeFetched');

export function pdfIssuanceWorkflowId(companyCode: string, accountCode: string, sequence: number): string {
  return `pdf-${companyCode}-${accountCode}-${sequence}`;
}

/** A bulk PDF issuance (●PDF且つ一括発行): the employees are rows of the notice, the input holds ids only. */
export interface BulkPdfIssuanceInput {
  noticeId: string;
  /** This run's id, recorded on the issuance of every employee. */
  workflowId: string;
  total: number;
  chunkSize: number;
  /** How long the one-time download link works once the PDF is assembled, in milliseconds of workflow time. */
  discardAfterMs: number;
}

export type BulkPdfStage = 'issuing' | 'assembling' | 'ready' | 'fetched' | 'superseded' | 'discarded' | 'failed';

export interface BulkPdfProgress {
  /** Employees whose new password is set. */
  done: number;
  total: number;
  stage: BulkPdfStage;
}
export const bulkPdfProgressQuery = defineQuery<BulkPdfProgress>('bulkPdfProgress');

export function bulkPdfWorkflowId(companyCode: string, noticeId: string): string {
  return `pdf-bulk-${companyCode}-${noticeId}`;
}

/** A CSV import of accounts: the rows are in the database (account_import_row), the input holds the id. */
export interface AccountImportInput {
  importId: string;
  progress?: AccountImportProgress;
}

/** Every row of an import is in exactly one bucket, so the buckets add up to `total`. */
export interface AccountImportProgress {
  total: number;
  pending: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}
export const accountImportProgressQuery = defineQuery<AccountImportProgress | null>('accountImportProgress');

export function accountImportWorkflowId(companyCode: string, importId: string): string {
  return `import-${companyCode}-${importId}`;
}
