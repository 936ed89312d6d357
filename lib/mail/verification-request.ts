import type { Locale } from '../../entities';
import { formatDateTime } from './format';
import { renderMail, type RenderedMail } from './layout';

export type { RenderedMail } from './layout';

export interface VerificationRequestMail {
  locale: Locale;
  serviceName: string;
  companyName: string;
  recipientName: string;
  link: string;
  expiresAt: Date;
  timeZone: string;
  /** Part of a bulk run (●メール且つ一括送信): 000 names that mail 「【anyplace】アカウント認証依頼」. */
  bulk?: boolean;
  /** 再発行 A: the mail says the previous password stopped working when the reissue started (000: 初期化). */
  reissue?: boolean;
}

const line = (text: string) => ({ kind: 'line', text }) as const;
const blank = { kind: 'blank' } as const;

/** 「認証のお願い」: the link the employee opens to confirm the mailbox is theirs. */
export function renderVerificationRequest(mail: VerificationRequestMail): RenderedMail {
  const expires = formatDateTime(mail.expiresAt, mail.locale, mail.timeZone);
  if (mail.locale === 'en') {
    const subject = mail.bulk
      ? `[${mail.serviceName}] Account verification request`
      : `[Important] ${mail.serviceName} account: please verify your e-mail address`;
    return renderMail('en', subject, [
      line(`Dear ${mail.recipientName},`),
      blank,
      ...(mail.reissue
        ? [
            line(`${mail.companyName} is reissuing your ${mail.serviceName} password.`),
            line('Your previous password stopped working when the reissue started.'),
          ]
        : [line(`${mail.companyName} is issuing your ${mail.serviceName} account.`)]),
      line('Please open the link below and press the "Verify" button to confirm that this mailbox is yours.'),
      line('Your login ID and password will then be sent to this address.'),
      blank,
      { kind: 'action', href: mail.link, label: 'Open the verification page' },
      blank,
      line(`The link works until ${expires}.`),
      line('After that, please ask your administrator to send the verification request again.'),
      line('If you did not expect this mail, you can ignore it.'),
    ]);
  }
  const subject = mail.bulk
    ? `【${mail.serviceName}】アカウント認証依頼`
    : `【重要】${mail.serviceName}アカウント 認証のお願い`;
  return renderMail('ja', subject, [
    line(`${mail.recipientName} 様`),
    blank,
    ...(mail.reissue
      ? [
          line(`${mail.companyName}より、${mail.serviceName}のパスワードを再発行いたします。`),
          line('以前のパスワードは、再発行の手続きを開始した時点で使用できなくなっています。'),
        ]
      : [line(`${mail.companyName}より、${mail.serviceName}のアカウントを発行いたします。`)]),
    line('ご本人のメールアドレスであることを確認するため、下記のURLを開き「認証する」ボタンを押してください。'),
    line('認証後、ログインIDとパスワードをこのアドレスへお送りします。'),
    blank,
    { kind: 'action', href: mail.link, label: '認証ページを開く' },
    blank,
    line(`有効期限: ${expires}`),
    line('有効期限を過ぎた場合は、管理者に認証要求メールの再送信を依頼してください。'),
    line('このメールにお心当たりがない場合は、破棄してください。'),
  ]);
}
