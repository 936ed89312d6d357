import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { z } from 'zod';
import type { Locale } from '../entities';

/**
 * The admin-facing texts of the API, keyed by the same code the answer carries, in Japanese (the default)
 * and English. The language is the request's `Accept-Language` when it names ja or en, else the acting
 * account's locale, else the company's, else Japanese. Error answers take the Japanese text from here;
 * the English text of an error is the domain's own message, which names the value at fault.
 */
export type Language = Locale;
type Params = Record<string, string | number>;
type Text = (p: Params) => string;

/** The messages 000 shows the admin (送信しました, 重複警告, the confirmation with seconds, the result, 再発行は個別に). */
const infoTexts = {
  VERIFICATION_MAIL_SENT: {
    ja: () => '認証要求メールを送信しました。',
    en: () => 'The verification request mail was sent.',
  },
  DUPLICATE_ADDRESS: {
    ja: (p) =>
      `同一のメールアドレス(${p.address})が複数の社員(${p.accountCodes})に設定されています。設定を確認してください。`,
    en: (p) =>
      `The same address (${p.address}) is set for several employees (${p.accountCodes}). Please check the settings.`,
  },
  BULK_CONFIRMATION: {
    ja: (p) =>
      `${p.count}件の認証要求メールを送信します。送信完了までおおよそ${p.seconds}秒かかります。よろしいですか?`,
    en: (p) => `${p.count} verification request mails will be sent, in about ${p.seconds} seconds. Proceed?`,
  },
  BULK_RESULT: {
    ja: (p) => `認証要求メール一括送信を実行しました。送信対象: ${p.included}件、対象外: ${p.excluded}件`,
    en: (p) => `Bulk verification request started: ${p.included} to send, ${p.excluded} excluded.`,
  },
  ALREADY_ISSUED: {
    ja: (p) => `${p.count}人はパスワード発行済みのため対象外です。再発行は個別に行ってください。`,
    en: (p) => `${p.count} employee(s) already have a password and are left out. Reissue one person at a time.`,
  },
  MAIL_SERVER_UNREACHABLE: {
    ja: () => 'メールサーバーに接続できません。送信を再試行しています。',
    en: () => 'The mail server cannot be reached; the mails are being retried.',
  },
  MAIL_SERVER_DEFERRING: {
    ja: (p) => `メールサーバーが一時的に受け付けません(${p.reason})。送信を再試行しています。`,
    en: (p) => `The mail server refuses for now (${p.reason}); the mails are being retried.`,
  },
  ADDRESS_NOT_VERIFIED: {
    ja: () => 'このメールアドレスは認証されていません。認証済みメールアドレスへの送信を推奨します。',
    en: () => 'This address was never verified; sending to a verified address is recommended.',
  },
} satisfies Record<string, { ja: Text; en: Text }>;
export type InfoCode = keyof typeof infoTexts;

const field = (p: Params) => (p.field ? `(${p.field})` : '');

/** The refusals of one organisation chart (domain/organisation/org-chart.ts), whose codes start with its prefix. */
function orgChartTexts(prefix: string, noun: string): Record<string, Text> {
  return {
    [`${prefix}_NOT_FOUND`]: () => `${noun}が見つかりません。`,
    [`${prefix}_CODE_TAKEN`]: () => `この${noun}コードは既に使われています。`,
    [`${prefix}_IN_USE`]: () => `使用中の${noun}のため削除できません。`,
    [`${prefix}_IS_ROOT`]: () => '全社(0)は削除できません。',
    [`${prefix}_HAS_CHILDREN`]: () => `配下に${noun}があるため削除できません。先に移動または削除してください。`,
    [`${prefix}_USED_BY_ACCOUNTS`]: () => `アカウントが所属している${noun}のため削除できません。`,
    [`${prefix}_USED_BY_TRANSFERS`]: () => `登録済みの異動で使われている${noun}のため削除できません。`,
    [`${prefix}_USED_BY_HISTORY`]: () => `所属履歴で使われている${noun}のため削除できません。`,
  };
}

/** Japanese texts of the error codes; an error without one here keeps its English message. */
const errorTexts: Record<string, Text> = {
  ...orgChartTexts('DEPARTMENT', '部門'),
  ...orgChartTexts('REPORTING_DEPARTMENT', '集計用部門'),
  CYCLE: () => '自身または配下の部門を上位部門にはできません。',
  ROLE_USED_BY_ACCOUNTS: () => 'アカウントに設定されているロールのため削除できません。',
  ROLE_USED_BY_TRANSFERS: () => '登録済みの異動で使われているロールのため削除できません。',
  ROLE_USED_BY_HISTORY: () => '所属履歴で使われているロールのため削除できません。',
  VALIDATION_FAILED: (p) => `入力内容に誤りがあります${field(p)}。`,
  INVALID_CHARACTERS: (p) => `使用できない文字が含まれています${field(p)}。`,
  INVISIBLE_TEXT: (p) =>
    `見える文字を入力してください(空白やゼロ幅文字などの見えない文字だけは登録できません)${field(p)}。`,
  FORMULA_START: (p) => `先頭が = + - @ の値は表計算の数式と解釈されるため使用できません${field(p)}。`,
  MALFORMED_JSON: () => 'リクエストの形式が正しくありません(JSON)。',
  PAYLOAD_TOO_LARGE: () => 'リクエストが大きすぎます。',
  BODY_TOO_DEEP: (p) => `リクエストの入れ子(配列・オブジェクト)が深すぎます。上限は${p.limit}段です。`,
  BAD_REQUEST: () => 'リクエストを読み取れませんでした。',
  ROUTE_NOT_FOUND: () => '該当する機能がありません。',
  METHOD_NOT_ALLOWED: () => 'このURLではこのメソッドは使用できません。',
  INTERNAL_ERROR: () => 'システムエラーが発生しました。',
  SERVICE_UNAVAILABLE: () => '現在サービスを利用できません。しばらくしてから再度お試しください。',
  TOO_MANY_REQUESTS: () => 'リクエストが多すぎます。しばらくしてから再度お試しください。',
  UNAUTHENTICATED: () => 'ログインが必要です。',
  INVALID_TOKEN: () => 'ログインの有効期限が切れたか、無効です。再度ログインしてください。',
  INVALID_CREDENTIALS: () => '企業コード、ログインID、またはパスワードが正しくありません。',
  INVALID_MFA_CODE: () => '認証コードが正しくありません。',
  MFA_REQUIRED: () => '多要素認証のコードを入力してください。',
  PASSWORD_CHANGE_REQUIRED: () => 'パスワードの変更が必要です。',
  WRONG_CURRENT_PASSWORD: () => '現在のパスワードが正しくありません。',
  STEP_UP_REQUIRED: () =>
    'ご自身の多要素認証・Azure AD ID・メールアドレスの変更には、現在のパスワード(多要素認証の設定済みの場合は認証コードも)の再入力が必要です。',
  MFA_CODE_REQUIRED: () => '認証アプリの認証コードも入力してください。',
  PASSWORD_TOO_SHORT: (p) => `パスワードが短すぎます${field(p)}。`,
  PASSWORD_UNCHANGED: () => '新しいパスワードが現在のパスワードと同じです。',
  FORBIDDEN: () => 'この操作を行う権限がありません。',
  SYSTEM_ADMINISTRATOR_ONLY: () => 'この操作はシステム管理者のみ行えます。',
  TARGET_ABOVE_OWN_ROLE: () => 'ご自身のロールより権限の大きいアカウントは操作できません。',
  ROLE_ABOVE_OWN: () => 'ご自身のロールより権限の大きいロールは設定できません。',
  OWN_ROLE: () => 'ご自身のロールは変更できません。',
  OWN_PASSWORD: () => 'ご自身のパスワードは管理者機能から発行・設定できません。',
  OWN_ACCOUNT: () => 'ご自身のアカウントにはこの操作を行えません。',
  REISSUE_NOT_PERMITTED: () => 'パスワードの再発行はユーザー管理者権限でのみ処理が可能です。',
  NOT_PERMITTED: () => 'このアカウントに対してこの操作を行う権限がありません。',
  NOT_FOUND: () => '該当するデータがありません。',
  ACCOUNT_NOT_FOUND: (p) => `アカウントが見つかりません${field(p)}。`,
  UNKNOWN_ACCOUNT: (p) => `アカウントが見つかりません${field(p)}。`,
  COMPANY_NOT_FOUND: () => '企業が見つかりません。',
  ACCOUNT_DISABLED: () => '無効のアカウントです。',
  ACCOUNT_CODE_TAKEN: () => 'このアカウントコードは既に使われています。',
  CODE_REQUIRED: () => 'アカウントコードを入力してください。',
  CODE_AUTO_NUMBERED: () => 'アカウントコードは自動採番のため入力できません。',
  TYPE_IS_FIXED: () => 'アカウント種別は登録後に変更できません。',
  ACCOUNT_IN_USE_PROJECT: (p) => `プロジェクト(${p.projects})で使用中のため削除できません。無効にしてください。`,
  ACCOUNT_IN_USE_APPROVER: (p) => `部門(${p.departments})の承認者のため削除できません。無効にしてください。`,
  ACCOUNT_IN_USE_LOGGED_IN: () => 'ログイン実績があるため削除できません。無効にしてください。',
  ACCOUNT_IN_USE_ISSUANCE_HISTORY: () => 'パスワード発行履歴があるため削除できません。無効にしてください。',
  SYSTEM_ADMINISTRATOR: () => 'システム管理者アカウントにはこの操作を行えません。',
  EMAIL_NOT_SET: () => 'メールアドレスが未設定です。PDFによるパスワード発行をご利用ください。',
  ISSUANCE_CHANNEL_IS_PDF: () => 'パスワードの発行手段がPDFに設定されています。',
  ILLEGAL_TRANSITION: () => 'この発行は現在の状態ではこの操作を行えません。画面を更新してください。',
  ALREADY_ISSUED: () => 'パスワード発行済みのため対象外です。再発行は個別に行ってください。',
  NO_CURRENT_PASSWORD: () => '使用中のパスワードがないため、初期化できません(初回発行です)。',
  PASSWORD_NOT_ISSUED: () => 'パスワードが未発行のため、アカウント通知メールは送信できません。',
  NOTHING_TO_ISSUE: (p) => `選択した社員はすべて対象外です(${p.reasons})。`,
  NOTHING_SELECTED: () => '条件に該当する社員がいません。',
  TOO_MANY_SELECTED: (p) => `条件に該当する社員が多すぎます(PDFは1回 ${p.max} 名まで)。条件を絞ってください。`,
  NOTICE_NOT_FOUND: () => 'パスワード通知書が見つかりません。',
  NOTICE_NOT_READY: () => 'パスワード通知書を作成中です。しばらくしてから再度お試しください。',
  NOTICE_ALREADY_FETCHED: () => 'このパスワード通知書はダウンロード済みです。必要な場合は再発行してください。',
  NOTICE_EXPIRED: () => 'ダウンロードの有効期限が切れました。パスワードを再発行してください。',
  NOTICE_GONE: () => 'このパスワード通知書は利用できません。パスワードを再発行してください。',
  NOTICE_SUPERSEDED: () => '後の発行によりこの通知書は無効になりました。',
  BULK_RUN_NOT_FOUND: () => '一括送信の実行結果が見つかりません。',
  BULK_PDF_NOT_FOUND: () => 'PDF一括発行の実行結果が見つかりません。',
  AZURE_AD_ID_TAKEN: () => 'このAzure AD IDは既に他のアカウントに設定されています。',
  AZURE_AD_DISABLED: () => 'Azure AD認証が有効になっていません。',
  AZURE_AD_NOT_FOR_ADMIN: () => 'システム管理者にはAzure AD IDを設定できません。',
  MFA_DISABLED: () => '多要素認証が有効になっていません。',
  MFA_NOT_ENABLED: () => '多要素認証が有効になっていません。',
  MFA_NOT_CONFIGURED: () => '多要素認証が設定されていません。',
  MFA_ALREADY_CONFIGURED: () => '多要素認証は既に設定済みです。',
  MFA_ENROLMENT_NOT_STARTED: () => '多要素認証の設定が開始されていません。',
  TRANSFER_NOT_AFTER_CURRENT: () => '異動適用日は現在の適用日より後の日付を指定してください。',
  NO_PENDING_TRANSFER: () => '予定されている異動はありません。',
  TRANSFER_OF_REORGANISATION: () => 'この異動は組織変更データによるものです。組織変更の画面で変更・取消してください。',
  TRANSFER_PENDING: (p) =>
    `異動が登録済みのアカウントは組織変更で異動できません。先に異動を変更・取消してください${field(p)}。`,
  DUPLICATE_MOVE: (p) => `同じアカウントが2回異動されています${field(p)}。`,
  DEPARTMENT_IN_USE: (p) =>
    `閉鎖する部門を使用しているアカウントまたは異動があります。同じ組織変更で異動させるか、先に異動を登録してください${field(p)}。`,
  REORGANISATION_NOT_PENDING: () => '適用待ちの組織変更ではないため、変更・取消できません。',
  EFFECTIVE_DATE_NOT_AFTER_PREVIOUS: () => '適用日は前の適用日より後の日付を指定してください。',
  EFFECTIVE_DATE_NOT_BEFORE_TRANSFER: () => '適用日は異動適用日より前の日付を指定してください。',
  UNKNOWN_DEPARTMENT: (p) => `部門が見つかりません${field(p)}。`,
  UNKNOWN_REPORTING_DEPARTMENT: (p) => `集計用部門が見つかりません${field(p)}。`,
  UNKNOWN_PARENT: () => '上位部門が見つかりません。',
  UNKNOWN_ROLE: (p) => `ロールが見つかりません${field(p)}。`,
  UNKNOWN_RANK: (p) => `社員ランクが見つかりません${field(p)}。`,
  UNKNOWN_PARTNER: (p) => `委託先/顧客が見つかりません${field(p)}。`,
  ROOT_CANNOT_MOVE: () => '全社(0)は移動できません。',
  REPORTING_DEPARTMENT: () => '集計用部門の操作ができません。',
  ROLE_NOT_FOUND: () => 'ロールが見つかりません。',
  ROLE_CODE_TAKEN: () => 'このロールコードは既に使われています。',
  ROLE_IN_USE: () => 'アカウントで使用中のため削除できません。',
  ROLE_IS_BUILT_IN: () => '標準のロールは変更・削除できません。',
  SYSTEM_ADMIN_ROLE_KEEPS_PERMISSIONS: () => 'システム管理者ロールの権限は変更できません。',
  RANK_NOT_FOUND: () => '社員ランクが見つかりません。',
  RANK_CODE_TAKEN: () => 'このランクコードは既に使われています。',
  RANK_IN_USE: () => 'アカウントで使用中のため削除できません。',
  RANK_INACTIVE: () => '無効の社員ランクは選択できません。',
  RANK_REQUIRED: () => '自社アカウントには社員ランクが必要です。',
  RANK_MONTH_TAKEN: () => 'この適用年月のランクは既に登録されています。',
  RANK_ROW_NOT_FOUND: () => 'この適用年月のランクはありません。',
  DUPLICATE_RANK_MONTH: () => '同じ適用年月のランクが重複しています。',
  PARTNER_NOT_FOUND: () => '委託先/顧客が見つかりません。',
  PARTNER_CODE_TAKEN: () => 'この委託先/顧客コードは既に使われています。',
  PARTNER_IN_USE: () => 'アカウントで使用中のため削除できません。',
  PARTNER_NOT_FOR_OWN: () => '自社アカウントには委託先/顧客コードを設定できません。',
  PARTNER_CODE_NOT_APPLICABLE: () => 'このアカウント種別には委託先/顧客コードを設定できません。',
  PROJECT_NOT_FOUND: () => 'プロジェクトが見つかりません。',
  PROJECT_CODE_TAKEN: () => 'このプロジェクトコードは既に使われています。',
  PROJECT_HAS_PM: () => 'このプロジェクトには既にPMがいます。',
  ALREADY_MEMBER: () => '既にメンバーです。',
  DUPLICATE_MEMBER: () => 'メンバーが重複しています。',
  MEMBER_NOT_FOUND: () => 'メンバーが見つかりません。',
  WORK_STYLE_REQUIRED: () => '勤務形態を選択してください。',
  WORK_STYLE_NOT_ALLOWED: () => 'この勤務形態は選択できません。',
  WORK_STYLE_NOT_FOR_CUSTOMER: () => '顧客アカウントには勤務形態を設定できません。',
  DISCRETIONARY_ONLY_FOR_OWN: () => '裁量労働対象は自社アカウントのみ設定できます。',
  SKIP_FIXED_OFF_WHILE_MATCHING: () => '工数・勤怠一致対象の場合、入力省略は設定できません。',
  SMARTPHONE_OPTION_DISABLED: () => 'Webスマートフォン専用は利用できません。',
  CSV_EMPTY: () => 'ファイルが空です。1行目に項目名(ヘッダー)が必要です。',
  CSV_MALFORMED: () => 'CSVファイルとして読み取れません。',
  INVALID_ENCODING: (p) =>
    `${p.line}行目に${p.encoding}として読めないバイトがあります。取り込みは行っていません。UTF-8で保存するか、文字コード(encoding)を指定してください。`,
  CSV_CELL_TOO_LONG: (p) => `${p.line}行目に${p.limit}文字を超える項目があります。`,
  CSV_TOO_MANY_CELLS: (p) => `${p.line}行目の項目数が上限(${p.limit}個)を超えています。`,
  UNKNOWN_COLUMN: (p) => `不明な項目「${p.column}」があります。`,
  DUPLICATE_COLUMN: (p) => `項目「${p.column}」が重複しています。`,
  PASSWORD_COLUMN_REFUSED: (p) =>
    `項目「${p.column}」は取り込めません。パスワードは未発行で登録され、パスワード発行(PDF/メール)で通知します。`,
  TOO_MANY_ROWS: (p) => `行数が上限(${p.limit}行)を超えています。ファイルを分割してください。`,
  FILE_TOO_LARGE: (p) => `ファイルサイズが上限(${p.limit}バイト)を超えています。`,
  IMPORT_NOT_FOUND: () => '該当する取込がありません。',
  // Rows of an import (the dry run's answer and the results file); `field` is the column's name in the file.
  COLUMN_COUNT: (p) => `項目数が${p.cells}個です。ヘッダーは${p.columns}項目です(${p.line}行目)。`,
  FORMULA_CELL: (p) => `${p.field}: 先頭が = + - @ の値(表計算の数式)は取り込めません。`,
  // A run recorded without its workflow (the service stopped before starting it), closed by the reconciliation.
  RUN_NOT_STARTED: () => '取込が最後まで実行されませんでした。この行をもう一度取り込んでください。',
  DUPLICATE_CODE_IN_FILE: (p) => `アカウントコード「${p.code}」はファイルの${p.row}行目にもあります。`,
};

export function infoMessage(code: InfoCode, language: Language, params: Params = {}): string {
  return infoTexts[code][language](params);
}

/** The message of an error answer: the Japanese text of its code, or the domain's English message. */
export function errorMessage(code: string, language: Language, englishMessage: string, params: Params = {}): string {
  if (language === 'en') return englishMessage;
  return errorTexts[code]?.(params) ?? englishMessage;
}

/** ja or en, when the request's Accept-Language names one of them (in its order of preference). */
export function headerLanguage(req: Request): Language | undefined {
  if (!req.headers['accept-language']) return undefined;
  const chosen = req.acceptsLanguages('ja', 'en');
  return chosen === 'ja' || chosen === 'en' ? chosen : undefined;
}

/** The language of an answer to an authenticated admin: the header, else the account's, else the company's. */
export async function answerLanguage(req: Request, em: EntityManager, accountId?: string): Promise<Language> {
  const fromHeader = headerLanguage(req);
  if (fromHeader || !accountId) return fromHeader ?? 'ja';
  // Plain SQL: nothing enters the request's identity map before the operation loads what it needs.
  const rows = await em
    .getConnection()
    .execute<{ locale: Language | null }[]>(
      'select coalesce(a.locale, c.locale) as locale from account a join company c on c.id = a.company_id where a.id = ?',
      [accountId],
    );
  return rows[0]?.locale ?? 'ja';
}

export const answerMessagesSchema = z
  .array(z.object({ code: z.string(), message: z.string() }))
  .meta({ description: "Messages for the admin in the admin's language (Accept-Language, else the account's locale)" });

export interface AnswerMessage {
  code: InfoCode;
  message: string;
}

/** The messages of a bulk preview (and of the answer that starts the run): 重複警告, those left out as already issued (再発行は個別に), the confirmation. */
export function bulkPreviewMessages(
  preview: {
    duplicateAddresses?: { address: string; accountCodes: string[] }[];
    lines: readonly { exclusionReason: string | null }[];
    included: number;
    estimatedSeconds?: number;
    /** Those left out as already issued, when `lines` shows only the first of a large selection. */
    alreadyIssued?: number;
  },
  language: Language,
): AnswerMessage[] {
  const messages: AnswerMessage[] = (preview.duplicateAddresses ?? []).map((group) => ({
    code: 'DUPLICATE_ADDRESS',
    message: infoMessage('DUPLICATE_ADDRESS', language, {
      address: group.address,
      accountCodes: group.accountCodes.join(', '),
    }),
  }));
  const alreadyIssued =
    preview.alreadyIssued ?? preview.lines.filter((line) => line.exclusionReason === 'ALREADY_ISSUED').length;
  if (alreadyIssued > 0) {
    messages.push({
      code: 'ALREADY_ISSUED',
      message: infoMessage('ALREADY_ISSUED', language, { count: alreadyIssued }),
    });
  }
  if (preview.estimatedSeconds !== undefined) {
    messages.push({
      code: 'BULK_CONFIRMATION',
      message: infoMessage('BULK_CONFIRMATION', language, {
        count: preview.included,
        seconds: preview.estimatedSeconds,
      }),
    });
  }
  return messages;
}
