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
} as const;

export const SearchAttributes = {
  companyCode: defineSearchAttributeKey('CompanyCode', SearchAttributeType.KEYWORD),
  accountCode: defineSearchAttributeKey('AccountCode', SearchAttributeType.KEYWORD),
  issuanceKind: defineSearchAttributeKey('IssuanceKind', SearchAttributeType.KEYWORD),
  bulkRunId: defineSearchAttributeKey('BulkRunId', SearchAttributeType.KEYWORD),
} as const;

/** Every search attribute the server must know, as `Name=Type` pairs for `temporal server start-dev`. */
export const searchAttributeRegistrations: readonly string[] = Object.values(SearchAttributes).map(
  (key) => `${key.name}=Keyword`,
);

export type IssuanceKind = 'initial' | 'reissue-verify' | 'reissue-direct';

export interface EmailIssuanceInput {
  issuanceId: string;
  /** How long the verification link works, in milliseconds of workflow time. */
  verificationValidityMs: number;
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
} as const;

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

export type AccountTransferOutcome = 'applied' | 'cancelled';
export interface AccountTransferResult {
  outcome: AccountTransferOutcome;
  transferId?: string;
}
