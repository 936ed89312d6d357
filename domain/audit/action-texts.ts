export type AuditLanguage = 'ja' | 'en';

/**
 * Every action code of the audit trail with its texts (Japanese first): the API answers the text of the admin's
 * language with each event, so a screen and the CSV need no table of their own. docs/audit.md lists the same codes.
 */
export const auditActionTexts: Record<string, { ja: string; en: string }> = {
  'account.create': { ja: 'アカウント登録', en: 'Account created' },
  'account.update': { ja: 'アカウント修正', en: 'Account changed' },
  'account.delete': { ja: 'アカウント削除', en: 'Account deleted' },
  'account.unlock': { ja: 'ロックアウト解除', en: 'Account unlocked' },
  'account.failures-cleared': { ja: 'ログイン失敗回数クリア', en: 'Failed logins cleared' },
  'account.mfa-reset': { ja: '多要素認証の初期化', en: 'MFA reset' },
  'transfer.schedule': { ja: '異動の登録', en: 'Transfer scheduled' },
  'transfer.cancel': { ja: '異動の取消', en: 'Transfer cancelled' },
  'transfer.apply': { ja: '異動の適用', en: 'Transfer applied' },
  'role.create': { ja: 'ロール登録', en: 'Role created' },
  'role.update': { ja: 'ロール変更', en: 'Role changed' },
  'role.delete': { ja: 'ロール削除', en: 'Role deleted' },
  'settings.update': { ja: '基本設定の変更', en: 'Settings changed' },
  'department.create': { ja: '部門登録', en: 'Department created' },
  'department.update': { ja: '部門変更', en: 'Department changed' },
  'department.delete': { ja: '部門削除', en: 'Department deleted' },
  'rank.create': { ja: '社員ランク登録', en: 'Rank created' },
  'rank.update': { ja: '社員ランク変更', en: 'Rank changed' },
  'rank.delete': { ja: '社員ランク削除', en: 'Rank deleted' },
  'partner.create': { ja: '委託先/顧客登録', en: 'Partner created' },
  'partner.update': { ja: '委託先/顧客変更', en: 'Partner changed' },
  'partner.delete': { ja: '委託先/顧客削除', en: 'Partner deleted' },
  'project.create': { ja: 'プロジェクト登録', en: 'Project created' },
  'project.update': { ja: 'プロジェクト変更', en: 'Project changed' },
  'project.delete': { ja: 'プロジェクト削除', en: 'Project deleted' },
  'import.run': { ja: 'アカウント一括取込', en: 'Account import run' },
  'login.succeeded': { ja: 'ログイン成功', en: 'Login succeeded' },
  'login.failed': { ja: 'ログイン失敗', en: 'Login failed' },
  'login.locked': { ja: 'ロックアウト', en: 'Account locked out' },
  'login.azure-ad': { ja: 'Azure AD サインイン', en: 'Azure AD sign-in' },
  'mfa.enrolled': { ja: '多要素認証の設定', en: 'MFA enrolled' },
  'password.changed': { ja: 'パスワード変更', en: 'Password changed' },
  'issuance.start': { ja: 'パスワード発行開始', en: 'Issuance started' },
  'issuance.reissue': { ja: 'パスワード再発行開始', en: 'Reissue started' },
  'issuance.verification-sent': { ja: '認証要求メール送信', en: 'Verification mail sent' },
  'issuance.confirmed': { ja: 'メールアドレス認証', en: 'Address verified' },
  'issuance.confirmation-withdrawn': { ja: '認証の取り消し', en: 'Verification withdrawn' },
  'issuance.issued': { ja: 'パスワード発行済', en: 'Password issued' },
  'issuance.expired': { ja: '認証期限切れ', en: 'Verification expired' },
  'issuance.failed': { ja: '発行失敗', en: 'Issuance failed' },
  'issuance.superseded': { ja: '発行の置き換え', en: 'Issuance superseded' },
  'issuance.notice-expired': { ja: '通知書の期限切れ', en: 'Notice expired unfetched' },
  'bulk-run.start': { ja: '一括発行開始', en: 'Bulk run started' },
  'access.refused': { ja: '操作の拒否', en: 'Operation refused' },
  'scim-token.create': { ja: 'SCIMトークン作成', en: 'SCIM token created' },
  'scim-token.revoke': { ja: 'SCIMトークン失効', en: 'SCIM token revoked' },
  'scim-provisioning.update': { ja: 'SCIM既定値の変更', en: 'SCIM defaults changed' },
};

export function actionText(action: string, language: AuditLanguage): string {
  return auditActionTexts[action]?.[language] ?? action;
}
