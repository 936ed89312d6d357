import { renderPasswordNotice, type PasswordNoticePage } from '../lib/pdf/password-notice';

// pdf-parse's package entry point reads a sample file when required; its library module does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

const page: PasswordNoticePage = {
  locale: 'ja',
  serviceName: 'anyplace',
  companyCode: 'acme',
  employeeName: '渡邉 健太郎',
  loginId: 'E0042',
  password: 'Kq7mZt3wXp9R',
  appDownloadUrl: 'https://apps.example.test/anyplace',
  browserUrl: 'https://anyplace.example.test/',
  issuedAt: new Date('2026-11-21T15:30:00Z'),
  timeZone: 'Asia/Tokyo',
};

describe('the password notice PDF', () => {
  it('prints every field in Japanese with the issue date in the company time zone', async () => {
    const { text, numpages } = await pdfParse(await renderPasswordNotice([page]));
    expect(numpages).toBe(1);
    for (const line of [
      'パスワード通知書',
      '渡邉 健太郎 様',
      '会社コード: acme',
      'ログインID: E0042',
      'パスワード: Kq7mZt3wXp9R',
      'アプリのダウンロード: https://apps.example.test/anyplace',
      'ブラウザでのご利用: https://anyplace.example.test/',
      '発行日時: 2026年11月22日 00:30 JST',
      '初回ログイン時にパスワードの変更が必要です。',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('prints English for an English page and one page per employee in the given order', async () => {
    const pdf = await renderPasswordNotice([
      { ...page, locale: 'en', employeeName: 'Watanabe Kentaro', appDownloadUrl: undefined },
      { ...page, loginId: 'E0043' },
    ]);
    const { text, numpages } = await pdfParse(pdf);
    expect(numpages).toBe(2);
    expect(text).toContain('Password notice');
    expect(text).toContain('Login ID: E0042');
    expect(text).toContain('You must change the password at your first login.');
    expect(text).not.toContain('Smartphone app');
    expect(text.indexOf('Login ID: E0042')).toBeLessThan(text.indexOf('ログインID: E0043'));
  });
});
