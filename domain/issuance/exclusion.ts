import type { Account, Locale } from '../../entities';
import { assertMayChangeAccountFields, assertMayIssue, refusalOf } from '../access/policy';
import type { Principal } from '../access/principal';
import { targetOfLoaded } from '../accounts/target';

/**
 * Why a selected employee gets nothing from a bulk run; the previews, the runs and their results files say
 * the same. `REISSUE_NOT_PERMITTED` is no longer given (bulk runs never reissue: `ALREADY_ISSUED`) but
 * stays readable on runs recorded before.
 */
export const exclusionReasons = [
  'ACCOUNT_DISABLED',
  'EMAIL_NOT_SET',
  'ALREADY_ISSUED',
  'ADDRESS_CHANGE_NOT_PERMITTED',
  'REISSUE_NOT_PERMITTED',
  'NOT_PERMITTED',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/** What the パスワード一括発行 screen says beside an employee left out, in the admin's language. */
export const exclusionLabelsIn: Record<Locale, Record<ExclusionReason, string>> = {
  ja: {
    ACCOUNT_DISABLED: '無効のアカウントのため対象外',
    EMAIL_NOT_SET: 'メールアドレス未設定のため対象外',
    ALREADY_ISSUED: '再発行は個別に行ってください',
    ADDRESS_CHANGE_NOT_PERMITTED: 'このアカウントのメールアドレスを変更する権限がないため対象外',
    REISSUE_NOT_PERMITTED: '再発行の権限がないため対象外',
    NOT_PERMITTED: 'このアカウントへの発行の権限がないため対象外',
  },
  en: {
    ACCOUNT_DISABLED: 'Left out: the account is disabled',
    EMAIL_NOT_SET: 'Left out: no e-mail address',
    ALREADY_ISSUED: 'Reissue one person at a time',
    ADDRESS_CHANGE_NOT_PERMITTED: 'Left out: your role may not change this account’s e-mail address',
    REISSUE_NOT_PERMITTED: 'Left out: your role may not reissue',
    NOT_PERMITTED: 'Left out: your role may not issue to this account',
  },
};
export const exclusionLabels = exclusionLabelsIn.ja;

export function isExclusionReason(value: string): value is ExclusionReason {
  return (exclusionReasons as readonly string[]).includes(value);
}

/** What a bulk run does for one selected employee, and how the preview names it. */
export type BulkAction = 'first-issuance' | 'excluded';
export const bulkActions = ['first-issuance', 'excluded'] as const satisfies readonly BulkAction[];
export const bulkActionLabels: Record<BulkAction, string> = {
  'first-issuance': '新規発行',
  excluded: '対象外',
};

/** The words a preview line carries for one employee: what happens, and why not when left out. */
export function bulkLineWords(exclusionReason: ExclusionReason | null) {
  const action: BulkAction = exclusionReason ? 'excluded' : 'first-issuance';
  return {
    action,
    actionLabel: bulkActionLabels[action],
    exclusionLabel: exclusionReason ? exclusionLabels[exclusionReason] : null,
  };
}

/**
 * The rule of a bulk run (e-mail or PDF) for one selected employee (account loaded with its role), at the
 * preview, at the start and again in each chunk: an account that already has a password is
 * ALREADY_ISSUED (000: reissue is one person at a time, `isReissue` decides); an account the caller may
 * not issue to (a system administrator, a role above the caller's, the caller itself) is NOT_PERMITTED.
 */
export function policyExclusion(principal: Principal, account: Account, reissue: boolean): ExclusionReason | null {
  if (reissue) return 'ALREADY_ISSUED';
  return refusalOf(() => assertMayIssue(principal, targetOfLoaded(account), false)) ? 'NOT_PERMITTED' : null;
}

/**
 * A typed address becomes the account's メールアドレス1, a change of the account: the policy of the one door
 * (`assertMayChangeAccountFields`) decides whether the caller may make it.
 */
export function addressChangeExclusion(principal: Principal, account: Account): ExclusionReason | null {
  const refusal = refusalOf(() => assertMayChangeAccountFields(principal, targetOfLoaded(account), ['emails']));
  return refusal ? 'ADDRESS_CHANGE_NOT_PERMITTED' : null;
}
