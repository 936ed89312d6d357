import { renderPasswordNotice, type PasswordNoticePage } from '../lib/pdf/password-notice';

// pdf-parse's package entry point reads a sample file when required; its library module does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

const page: PasswordNoticePage = {
  locale: 'ja',
  serviceName: 'anyplace',
  companyName: 'アクメ株式会社',
  companyCode: 'acme',
  employeeName: '渡邉 健太郎',
  loginId: 'E0042',
  password: 'Kq7mZt3wXp9R',
  loginUrl: 'https://anyplace.example.test/login?company=acme',
  appName: 'anyplace-入退室打刻',
  appDownloadUrl: 'https://apps.example.test/anyplace',
  browserUrl: 'https://anyplace.example.test/',
  issuedAt: new Date('2026-11-21T15:30:00Z'),
  timeZone: 'Asia/Tokyo',
};

describe('the password notice PDF', () => {
  it('prints every field in Japanese (企業コード, company, login URL, app name) with the issue date in the company time zone', async () => {
    const { text, numpages } = await pdfParse(await renderPasswordNotice([page]));
    expect(numpages).toBe(1);
    for (const line of [
      'パスワード通知書',
      '渡邉 健太郎 様',
      'アクメ株式会社より、anyplaceのログイン情報をお知らせします。',
      '企業名: アクメ株式会社',
      '企業コード: acme',
      'ログインID: E0042',
      'パスワード: Kq7mZt3wXp9R',
      'ログイン:\nhttps://anyplace.example.test/login?company=acme',
      'スマートフォンアプリ(anyplace-入退室打刻)のダウンロード:\nhttps://apps.example.test/anyplace',
      'ブラウザで入退室状況を確認する場合:\nhttps://anyplace.example.test/',
      '発行日時: 2026年11月22日 00:30 JST',
      '初回ログイン時にパスワードの変更が必要です。',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('prints English for an English page, names the app even without a download URL, one page per employee in order', async () => {
    const pdf = await renderPasswordNotice([
      { ...page, locale: 'en', employeeName: 'Watanabe Kentaro', appDownloadUrl: undefined },
      { ...page, loginId: 'E0043' },
    ]);
    const { text, numpages } = await pdfParse(pdf);
    expect(numpages).toBe(2);
    expect(text).toContain('Password notice');
    expect(text).toContain('Login ID: E0042');
    expect(text).toContain('You must change the password at your first login.');
    expect(text).toContain('Smartphone app (anyplace-入退室打刻): please ask your administrator');
    expect(text).not.toContain('会社コード');
    expect(text.indexOf('Login ID: E0042')).toBeLessThan(text.indexOf('ログインID: E0043'));
  });
});
