/** The CLI's words in Japanese (default) and English, chosen by WFC_LANG, LC_ALL, LC_MESSAGES or LANG. */
export type CliLanguage = 'ja' | 'en';

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): CliLanguage {
  const setting = env.WFC_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(setting) || /^(C|POSIX)(\.|$)/.test(setting) ? 'en' : 'ja';
}

const texts = {
  loggedIn: { ja: 'ログインしました。設定: {path}', en: 'Logged in. Saved to {path}' },
  notLoggedIn: {
    ja: 'ログインしていません。wfc login を実行するか WFC_URL と WFC_TOKEN を設定してください。',
    en: 'Not logged in: run "wfc login" or set WFC_URL and WFC_TOKEN.',
  },
  password: { ja: 'パスワード: ', en: 'Password: ' },
  dryRunSummary: {
    ja: '確認結果: 全{total}行 / 新規 {create} / 更新 {update} / 変更なし {unchanged} / エラー {error}',
    en: 'Dry run: {total} rows / create {create} / update {update} / unchanged {unchanged} / error {error}',
  },
  importSummary: {
    ja: '取込完了: 全{total}行 / 新規 {created} / 更新 {updated} / 変更なし {unchanged} / エラー {failed}',
    en: 'Import done: {total} rows / created {created} / updated {updated} / unchanged {unchanged} / errors {failed}',
  },
  resultsSaved: { ja: '結果ファイル: {path}', en: 'Results file: {path}' },
  preview: {
    ja: '対象 {included} 名 / 対象外 {excluded} 名 / 送信の見込み 約{seconds}秒',
    en: '{included} included / {excluded} excluded / about {seconds} s to send',
  },
  confirm: { ja: '実行しますか? [y/N] ', en: 'Go ahead? [y/N] ' },
  cancelled: { ja: '中止しました。', en: 'Cancelled.' },
  needYes: {
    ja: '確認できません (端末ではありません)。--yes を付けて実行してください。',
    en: 'Cannot ask for confirmation (not a terminal): add --yes.',
  },
  runSummary: {
    ja: '全{total}名 / 送信待ち {queued} / 送信中 {sending} / 認証待ち {pendingVerification} / 認証済 {verified} / 発行済 {issued} / 期限切れ {expired} / 再送により無効 {superseded} / 失敗 {failed} / 対象外 {skipped}',
    en: '{total} in all / queued {queued} / sending {sending} / awaiting verification {pendingVerification} / verified {verified} / issued {issued} / expired {expired} / replaced {superseded} / failed {failed} / skipped {skipped}',
  },
  runStarted: { ja: '実行ID: {runId}', en: 'Run id: {runId}' },
  secondsRemaining: { ja: '残り約 {seconds} 秒', en: 'about {seconds} s left' },
  deliveryProblem: { ja: '{message}({since} から)', en: '{message} (since {since})' },
  whoami: {
    ja: '{lastName} {firstName} ({accountCode}) / 企業コード {companyCode} {companyName} / ロール {roleCode} / {url}',
    en: '{lastName} {firstName} ({accountCode}) / company code {companyCode} {companyName} / role {roleCode} / {url}',
  },
  loggedOut: { ja: 'ログアウトしました。', en: 'Logged out.' },
  pdfSaved: {
    ja: 'パスワード通知書を保存しました: {path} ({total}名)',
    en: 'Password notices saved to {path} ({total} employees)',
  },
  noAccounts: { ja: '対象のアカウントがありません。', en: 'No accounts selected.' },
  moreLines: { ja: 'ほか {count} 名', en: '{count} more' },
  chooseAccounts: {
    ja: '--accounts FILE か --filter のどちらかを指定してください。',
    en: 'Give either --accounts FILE or --filter.',
  },
  noAuditEvents: { ja: '該当するイベントはありません。', en: 'No events.' },
  moreAuditEvents: {
    ja: '続きがあります: --cursor {cursor} で次のページ、--all ですべて',
    en: 'More events: --cursor {cursor} for the next page, --all for every one',
  },
  auditChainWhole: {
    ja: '監査ログの連鎖は正常です: {checked}件を検証 (最終ハッシュ {lastHash})',
    en: 'The audit chain is whole: {checked} events checked (last hash {lastHash})',
  },
  auditChainBroken: {
    ja: '監査ログの連鎖が壊れています: 番号 {seq} で{problem} ({code})',
    en: 'The audit chain is broken at seq {seq}: {problem} ({code})',
  },
} as const;

export type CliText = keyof typeof texts;

export function say(language: CliLanguage, key: CliText, values: object = {}): string {
  const named = values as Record<string, unknown>;
  return texts[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(named[name] ?? ''));
}
