import type { Schemas } from './api/client';
import type { paths } from './api/schema';
import type { MessageKey } from './messages';

/** What a bulk preview line does for one employee, in the console's language (the API sends Japanese labels). */
export const actionKeys: Record<'first-issuance' | 'excluded', MessageKey> = {
  'first-issuance': 'action_first',
  excluded: 'action_excluded',
};

type ExclusionReason = NonNullable<Schemas['BulkEmailIssuancePreview']['lines'][number]['exclusionReason']>;

/** Why an employee is left out of a bulk run. */
export const exclusionKeys: Record<ExclusionReason, MessageKey> = {
  ACCOUNT_DISABLED: 'exclusion_disabled',
  EMAIL_NOT_SET: 'exclusion_noEmail',
  ALREADY_ISSUED: 'exclusion_alreadyIssued',
  ADDRESS_CHANGE_NOT_PERMITTED: 'exclusion_addressChange',
  REISSUE_NOT_PERMITTED: 'exclusion_reissue',
  NOT_PERMITTED: 'exclusion_notPermitted',
};

/**
 * A run's reason for one employee in the console's language: an exclusion by its words, anything else
 * (a failure reported by the mail server, a refusal at run time) as the API gives it.
 */
export function reasonText(t: (key: MessageKey) => string, reason: string | null): string | null {
  if (reason === null) return null;
  const key = exclusionKeys[reason as ExclusionReason] as MessageKey | undefined;
  return key ? t(key) : reason;
}

/** 新規発行 / 対象外 for one preview line. */
export function IssuanceAction(props: { t: (key: MessageKey) => string; line: { action: keyof typeof actionKeys } }) {
  return <>{props.t(actionKeys[props.line.action])}</>;
}

type RunItemState = Schemas['BulkRunItems']['items'][number]['state'];

/**
 * The パスワード / 認証状態 pair a run's employee now has, as the product document's result shows it
 * (「パスワード:発行中/認証状態:認証待ち」); null for an employee the run did not issue to (left out, failed, replaced).
 */
export const runItemStatus: Record<RunItemState, [MessageKey, MessageKey] | null> = {
  queued: ['issuance_issuing', 'state_queued'],
  sending: ['issuance_issuing', 'state_sending'],
  pendingVerification: ['issuance_issuing', 'issuance_auth-pending'],
  verified: ['issuance_issuing', 'issuance_auth-verified'],
  issued: ['issuance_issued', 'issuance_auth-verified'],
  expired: ['issuance_issuing', 'issuance_auth-expired'],
  superseded: null,
  failed: null,
  skipped: null,
};

type IssuanceStatusFilter = NonNullable<
  NonNullable<paths['/api/accounts']['get']['parameters']['query']>['issuanceStatus']
>;

/** The list's パスワード/認証状態 filter (the API's issuanceStatus), in the order of the product document's flows. */
export const issuanceStatusKeys: Record<IssuanceStatusFilter, MessageKey> = {
  unissued: 'issuance_unissued',
  issuing: 'issuance_issuing',
  reissuing: 'issuance_reissuing',
  issued: 'issuance_issued',
  'pdf-issued': 'issuance_pdf-issued',
  'notice-expired': 'issuance_notice-expired',
  'auth-pending': 'issuance_auth-pending',
  'auth-expired': 'issuance_auth-expired',
  'auth-verified': 'issuance_auth-verified',
};

type AccountStatus = Pick<Schemas['Account'], 'passwordStatus' | 'authStatus' | 'passwordIssuedVia'>;

const passwordStatusKeys: Record<AccountStatus['passwordStatus'], MessageKey> = {
  unissued: 'pw_unissued',
  issuing: 'pw_issuing',
  reissuing: 'pw_reissuing',
  issued: 'pw_issued',
  'notice-expired': 'pw_noticeExpired',
};

const authStatusKeys: Record<AccountStatus['authStatus'], MessageKey> = {
  none: 'auth_none',
  pending: 'auth_pending',
  verified: 'auth_verified',
  expired: 'auth_expired',
};

/** パスワード / 認証状態 of an account in the console's language (the API's `statusLabels` are Japanese only). */
export function accountStatusText(
  t: (key: MessageKey) => string,
  account: AccountStatus,
): { password: string; auth: string } {
  const pdf = account.passwordStatus === 'issued' && account.passwordIssuedVia === 'pdf';
  return {
    password: t(pdf ? 'pw_pdfIssued' : passwordStatusKeys[account.passwordStatus]),
    auth: t(authStatusKeys[account.authStatus]),
  };
}
