import type { Schemas } from './api/client';
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
