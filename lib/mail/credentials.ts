import type { Locale } from '../../entities';
import { renderMail, type MailBlock, type RenderedMail } from './layout';

export interface CredentialsMail {
  locale: Locale;
  serviceName: string;
  companyCode: string;
  recipientName: string;
  loginId: string;
  password: string;
  loginUrl: string;
  /** Unset: the mail says to ask the administrator, so the app is never silently left out. */
  appDownloadUrl?: string;
  browserUrl: string;
  appName: string;
  /** A reissue (再発行): the mail says the password is new and the previous one no longer works. */
  reissue?: boolean;
}

const line = (text: string) => ({ kind: 'line', text }) as const;
const blank = { kind: 'blank' } as const;
const field = (label: string, value: string) => ({ kind: 'field', label, value }) as const;
const link = (label: string, href: string) => ({ kind: 'link', label, href }) as const;

/** 「ログイン情報のお知らせ」: login id, the new password and where to use them. */
export function renderCredentials(mail: CredentialsMail): RenderedMail {
  if (mail.locale === 'en') {
    const blocks: MailBlock[] = [
      line(`Dear ${mail.recipientName},`),
      blank,
      line(
        mail.reissue
          ? `Your ${mail.serviceName} password has been reissued; your previous password no longer works.`
          : `Your ${mail.serviceName} account is ready.`,
      ),
      blank,
      field('Company code', mail.companyCode),
      field('Login ID', mail.loginId),
      field('Password', mail.password),
      blank,
      line(
        mail.reissue
          ? 'You will be asked to choose a new password when you log in. If you did not ask for this, tell your administrator.'
          : 'You will be asked to choose a new password at your first login.',
      ),
      blank,
      link('Log in', mail.loginUrl),
      mail.appDownloadUrl
        ? link(`Download the smartphone app (${mail.appName})`, mail.appDownloadUrl)
        : line(`Smartphone app (${mail.appName}): please ask your administrator where to download it.`),
      link('Check your attendance in a browser', mail.browserUrl),
      blank,
      line('Keep this mail to yourself and delete it once you have changed your password.'),
    ];
    return renderMail('en', `[Important] ${mail.serviceName} account: your login details`, blocks);
  }
  const blocks: MailBlock[] = [
    line(`${mail.recipientName} 様`),
    blank,
    line(
      mail.reissue
        ? `${mail.serviceName}のパスワードを再発行しました。以前のパスワードは使用できません。`
        : `${mail.serviceName}のアカウントを発行しました。`,
    ),
    blank,
    field('企業コード', mail.companyCode),
    field('ログインID', mail.loginId),
    field('パスワード', mail.password),
    blank,
    line(
      mail.reissue
        ? 'ログイン時に、パスワードの変更をお願いします。再発行にお心当たりがない場合は、管理者にお問い合わせください。'
        : '初回ログイン時に、パスワードの変更をお願いします。',
    ),
    blank,
    link('ログイン', mail.loginUrl),
    mail.appDownloadUrl
      ? link(`スマートフォンアプリ(${mail.appName})のダウンロード`, mail.appDownloadUrl)
      : line(`スマートフォンアプリ(${mail.appName})のダウンロード先は、管理者にお問い合わせください。`),
    link('ブラウザで入退室状況を確認する場合', mail.browserUrl),
    blank,
    line('このメールは他の人に転送せず、パスワード変更後は削除してください。'),
  ];
  return renderMail('ja', `【重要】${mail.serviceName}アカウント ログイン情報のお知らせ`, blocks);
}
