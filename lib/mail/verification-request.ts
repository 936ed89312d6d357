import type { Locale } from '../../entities';
import { formatDateTime } from './format';

export interface VerificationRequestMail {
  locale: Locale;
  serviceName: string;
  companyName: string;
  recipientName: string;
  link: string;
  expiresAt: Date;
  timeZone: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

/** 「認証のお願い」: the link the employee opens to confirm the mailbox is theirs. */
export function renderVerificationRequest(mail: VerificationRequestMail): RenderedMail {
  const expires = formatDateTime(mail.expiresAt, mail.locale, mail.timeZone);
  if (mail.locale === 'en') {
    return {
      subject: `[Important] ${mail.serviceName} account: please verify your e-mail address`,
      text: [
        `Dear ${mail.recipientName},`,
        '',
        `${mail.companyName} is issuing your ${mail.serviceName} account.`,
        'Please open the link below and press the "Verify" button to confirm that this mailbox is yours.',
        'Your login ID and password will then be sent to this address.',
        '',
        mail.link,
        '',
        `The link works until ${expires}.`,
        'After that, please ask your administrator to send the verification request again.',
        'If you did not expect this mail, you can ignore it.',
      ].join('\n'),
    };
  }
  return {
    subject: `【重要】${mail.serviceName}アカウント 認証のお願い`,
    text: [
      `${mail.recipientName} 様`,
      '',
      `${mail.companyName}より、${mail.serviceName}のアカウントを発行いたします。`,
      'ご本人のメールアドレスであることを確認するため、下記のURLを開き「認証する」ボタンを押してください。',
      '認証後、ログインIDとパスワードをこのアドレスへお送りします。',
      '',
      mail.link,
      '',
      `有効期限: ${expires}`,
      '有効期限を過ぎた場合は、管理者に認証要求メールの再送信を依頼してください。',
      'このメールにお心当たりがない場合は、破棄してください。',
    ].join('\n'),
  };
}
