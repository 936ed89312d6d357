import PDFDocument from 'pdfkit';
import type { Locale } from '../../entities';
import { formatDateTime } from '../mail/format';

/** The embedded Japanese font; pdfkit subsets it, so a page carries only the glyphs it uses. */
export const noticeFontPath = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');

/** One employee's page of a パスワード通知書. */
export interface PasswordNoticePage {
  locale: Locale;
  serviceName: string;
  companyCode: string;
  employeeName: string;
  loginId: string;
  password: string;
  appDownloadUrl?: string;
  browserUrl?: string;
  issuedAt: Date;
  timeZone: string;
}

const texts = {
  ja: {
    title: 'パスワード通知書',
    intro: (service: string) => `${service} のログイン情報をお知らせします。`,
    name: '氏名',
    companyCode: '会社コード',
    loginId: 'ログインID',
    password: 'パスワード',
    app: 'アプリのダウンロード',
    browser: 'ブラウザでのご利用',
    issuedAt: '発行日時',
    note: '初回ログイン時にパスワードの変更が必要です。この通知書は他人に見せず、変更後は破棄してください。',
    suffix: ' 様',
  },
  en: {
    title: 'Password notice',
    intro: (service: string) => `Your login details for ${service}.`,
    name: 'Name',
    companyCode: 'Company code',
    loginId: 'Login ID',
    password: 'Password',
    app: 'Smartphone app',
    browser: 'In your browser',
    issuedAt: 'Issued',
    note: 'You must change the password at your first login. Keep this notice to yourself and destroy it afterwards.',
    suffix: '',
  },
} as const;

/** Renders one page per employee, in the order given, into one PDF. */
export function renderPasswordNotice(pages: readonly PasswordNoticePage[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: false, info: { Title: texts.ja.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('notice', noticeFontPath);
  for (const page of pages) {
    const t = texts[page.locale];
    doc.addPage();
    doc.font('notice').fontSize(20).text(t.title, { align: 'center' });
    doc.moveDown(0.5).fontSize(11).text(page.serviceName, { align: 'center' });
    doc.moveDown(1.5).fontSize(14).text(`${page.employeeName}${t.suffix}`);
    doc.moveDown(0.5).fontSize(11).text(t.intro(page.serviceName));
    doc.moveDown(1);
    const rows: [string, string | undefined][] = [
      [t.name, page.employeeName],
      [t.companyCode, page.companyCode],
      [t.loginId, page.loginId],
      [t.password, page.password],
      [t.app, page.appDownloadUrl],
      [t.browser, page.browserUrl],
      [t.issuedAt, formatDateTime(page.issuedAt, page.locale, page.timeZone)],
    ];
    for (const [label, value] of rows) {
      if (!value) continue;
      doc.fontSize(12).text(`${label}: ${value}`);
      doc.moveDown(0.4);
    }
    doc.moveDown(1).fontSize(10).text(t.note);
  }
  doc.end();
  return done;
}
