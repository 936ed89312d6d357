import type { Account } from '../../entities';
import { assertMayIssue, refusalOf } from '../access/policy';
import type { Principal } from '../access/principal';
import { targetOfLoaded } from '../accounts/target';

/** Why a selected employee gets nothing from a bulk run; the previews and the runs say the same. */
export const exclusionReasons = [
  'ACCOUNT_DISABLED',
  'EMAIL_NOT_SET',
  'REISSUE_NOT_PERMITTED',
  'NOT_PERMITTED',
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/** What the パスワード一括発行 screen says beside an employee left out. */
export const exclusionLabels: Record<ExclusionReason, string> = {
  ACCOUNT_DISABLED: '無効のアカウントのため対象外',
  EMAIL_NOT_SET: 'メールアドレス未設定のため対象外',
  REISSUE_NOT_PERMITTED: '再発行の権限がないため対象外',
  NOT_PERMITTED: 'このアカウントへの発行の権限がないため対象外',
};

/** What a bulk run does for one selected employee, and how the preview names it. */
export type BulkAction = 'first-issuance' | 'reissue' | 'excluded';
export const bulkActions = ['first-issuance', 'reissue', 'excluded'] as const satisfies readonly BulkAction[];
export const bulkActionLabels: Record<BulkAction, string> = {
  'first-issuance': '新規発行',
  reissue: '再発行(現在のパスワードは初期化されます)',
  excluded: '対象外',
};

/** The words a preview line carries for one employee: what happens, and why not when left out. */
export function bulkLineWords(reissue: boolean, exclusionReason: ExclusionReason | null) {
  const action: BulkAction = exclusionReason ? 'excluded' : reissue ? 'reissue' : 'first-issuance';
  return {
    action,
    actionLabel: bulkActionLabels[action],
    exclusionLabel: exclusionReason ? exclusionLabels[exclusionReason] : null,
  };
}

/**
 * The policy's answer for one employee of a bulk selection (account loaded with its role): a reissue
 * without `issuance:reissue` is REISSUE_NOT_PERMITTED; an account the caller may not act on (a system
 * administrator, a role above the caller's) is NOT_PERMITTED.
 */
export function policyExclusion(principal: Principal, account: Account, reissue: boolean): ExclusionReason | null {
  const refusal = refusalOf(() => assertMayIssue(principal, targetOfLoaded(account), reissue));
  if (!refusal) return null;
  return refusal.code === 'FORBIDDEN' && reissue ? 'REISSUE_NOT_PERMITTED' : 'NOT_PERMITTED';
}
