import type { Locale } from '../../entities';
import type { PageContent } from './layout';

import type { VerificationPage as VerificationState } from '../../domain/issuance/verification';

/** Every state of a link, and the answer to a client that asks too often. */
export type VerificationPage = VerificationState | 'tooMany';

const texts: Record<Locale, Record<VerificationPage, Omit<PageContent, 'locale'>>> = {
  ja: {
    confirm: {
      title: 'メールアドレスの認証',
      paragraphs: [
        '{name} 様',
        '{service}のアカウント発行のため、このメールアドレスがご本人のものであることを確認します。',
        '「認証する」ボタンを押すと、ログインIDとパスワードをこのアドレスへお送りします。',
        '有効期限: {expires}',
      ],
      button: '認証する',
    },
    confirmed: {
      title: '認証が完了しました',
      tone: 'success',
      paragraphs: [
        'メールアドレスの認証が完了しました。',
        'まもなく「ログイン情報のお知らせ」のメールが届きます。初回ログイン時にパスワードを変更してください。',
      ],
    },
    expired: {
      title: 'このリンクは有効期限が切れています',
      tone: 'error',
      paragraphs: [
        '認証要求メールの有効期間を過ぎたため、認証を続けることができません。',
        'お手数ですが、管理者に認証要求メールの再送信を依頼してください。',
      ],
    },
    used: {
      title: 'このリンクは使用済みです',
      tone: 'error',
      paragraphs: [
        'このメールアドレスの認証はすでに完了しています。「ログイン情報のお知らせ」のメールをご確認ください。',
        'メールが見当たらない場合は、管理者にパスワードの再発行を依頼してください。',
      ],
    },
    replaced: {
      title: 'このリンクは無効になりました',
      tone: 'error',
      paragraphs: [
        'より新しい認証要求メールが送信されたため、このリンクは使えません。最新のメールのリンクを開いてください。',
        '見当たらない場合は、管理者に認証要求メールの再送信を依頼してください。',
      ],
    },
    unknown: {
      title: 'このリンクは無効です',
      tone: 'error',
      paragraphs: [
        'リンクが正しくないか、すでに無効になっています。メールのURLが途中で切れていないかご確認ください。',
        '解決しない場合は、管理者に認証要求メールの再送信を依頼してください。',
      ],
    },
    unavailable: {
      title: '只今処理できません',
      tone: 'error',
      paragraphs: [
        '一時的に処理できませんでした。認証はまだ完了していません。しばらくしてから、もう一度お試しください。',
      ],
    },
    tooMany: {
      title: 'アクセスが集中しています',
      tone: 'error',
      paragraphs: ['短時間に多くのリクエストがありました。1分ほど待ってから、もう一度お試しください。'],
    },
  },
  en: {
    confirm: {
      title: 'Verify your e-mail address',
      paragraphs: [
        'Dear {name},',
        'To issue your {service} account we need to confirm that this mailbox is yours.',
        'Press "Verify" and your login ID and password will be sent to this address.',
        'This link works until {expires}.',
      ],
      button: 'Verify',
    },
    confirmed: {
      title: 'Verified',
      tone: 'success',
      paragraphs: [
        'Your e-mail address is verified.',
        'A mail with your login details is on its way. Please change the password at your first login.',
      ],
    },
    expired: {
      title: 'This link has expired',
      tone: 'error',
      paragraphs: [
        'The verification period is over, so this link cannot be used any more.',
        'Please ask your administrator to send the verification request again.',
      ],
    },
    used: {
      title: 'This link has already been used',
      tone: 'error',
      paragraphs: [
        'This address is already verified. Please look for the mail with your login details.',
        'If you cannot find it, ask your administrator to reissue your password.',
      ],
    },
    replaced: {
      title: 'This link is no longer valid',
      tone: 'error',
      paragraphs: [
        'A newer verification request was sent, which replaced this link. Please use the link in the newest mail.',
        'If you cannot find it, ask your administrator to send the verification request again.',
      ],
    },
    unknown: {
      title: 'This link is not valid',
      tone: 'error',
      paragraphs: [
        'The link is wrong or no longer valid. Check that the address was not cut off in your mail program.',
        'If that does not help, ask your administrator to send the verification request again.',
      ],
    },
    unavailable: {
      title: 'Please try again shortly',
      tone: 'error',
      paragraphs: ['We could not complete this just now, and nothing has changed yet. Please try again in a moment.'],
    },
    tooMany: {
      title: 'Too many requests',
      tone: 'error',
      paragraphs: ['There were too many requests in a short time. Please wait a minute and try again.'],
    },
  },
};

export function verificationPage(
  locale: Locale,
  page: VerificationPage,
  values: Record<string, string> = {},
): PageContent {
  const text = texts[locale][page];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  return { ...text, locale, title: fill(text.title), paragraphs: text.paragraphs.map(fill) };
}
