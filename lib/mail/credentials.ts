import type { Locale } from '../../entities';
import type { RenderedMail } from './verification-request';

export interface CredentialsMail {
  locale: Locale;
  serviceName: string;
  companyCode: string;
  recipientName: string;
  loginId: string;
  password: string;
  loginUrl: string;
  appDownloadUrl?: string;
  browserUrl?: string;
}

/** 「ログイン情報のお知らせ」: login id, the new password and where to use them. */
export function renderCredentials(mail: CredentialsMail): RenderedMail {
  if (mail.locale === 'en') {
    return {
      subject: `[Important] ${mail.serviceName} account: your login details`,
      text: [
        `Dear ${mail.recipientName},`,
        '',
        `Your ${mail.serviceName} account is ready.`,
        '',
        `Company code: ${mail.companyCode}`,
        `Login ID: ${mail.loginId}`,
        `Password: ${mail.password}`,
        '',
        'You will be asked to choose a new password at your first login.',
        '',
        `Log in: ${mail.loginUrl}`,
        ...(mail.appDownloadUrl ? [`Smartphone app: ${mail.appDownloadUrl}`] : []),
        ...(mail.browserUrl ? [`Check in your browser: ${mail.browserUrl}`] : []),
        '',
        'Keep this mail to yourself and delete it once you have changed your password.',
      ].join('\n'),
    };
  }
  return {
    subject: `【重要】${mail.serviceName}アカウント ログイン情報のお知らせ`,
    text: [
      `${mail.recipientName} 様`,
      '',
      `${mail.serviceName}のアカウントを発行しました。`,
      '',
      `企業コード: ${mail.companyCode}`,
      `ログインID: ${mail.loginId}`,
      `パスワード: ${mail.password}`,
      '',
      '初回ログイン時に、パスワードの変更をお願いします。',
      '',
      `ログイン: ${mail.loginUrl}`,
      ...(mail.appDownloadUrl ? [`スマートフォンアプリのダウンロード: ${mail.appDownloadUrl}`] : []),
      ...(mail.browserUrl ? [`ブラウザで入退室状況を確認する場合: ${mail.browserUrl}`] : []),
      '',
      'このメールは他の人に転送せず、パスワード変更後は削除してください。',
    ].join('\n'),
  };
}
