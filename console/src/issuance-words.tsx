import type { MessageKey } from './messages';

/** What a bulk preview line does for one employee, in the console's language (the API sends Japanese labels). */
export const actionKeys: Record<'first-issuance' | 'reissue' | 'excluded', MessageKey> = {
  'first-issuance': 'action_first',
  reissue: 'action_reissue',
  excluded: 'action_excluded',
};

/** Why an employee is left out of a bulk run. */
export const exclusionKeys: Record<
  'ACCOUNT_DISABLED' | 'EMAIL_NOT_SET' | 'REISSUE_NOT_PERMITTED' | 'NOT_PERMITTED',
  MessageKey
> = {
  ACCOUNT_DISABLED: 'exclusion_disabled',
  EMAIL_NOT_SET: 'exclusion_noEmail',
  REISSUE_NOT_PERMITTED: 'exclusion_reissue',
  NOT_PERMITTED: 'exclusion_notPermitted',
};

/** 新規発行 / 再発行 (marked: the working password is reset) / 対象外 for one preview line. */
export function IssuanceAction(props: {
  t: (key: MessageKey) => string;
  line: { action: keyof typeof actionKeys; reissue: boolean };
}) {
  const text = props.t(actionKeys[props.line.action]);
  return props.line.reissue ? <strong className="reissue">{text}</strong> : <>{text}</>;
}
