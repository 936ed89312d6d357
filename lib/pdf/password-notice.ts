import { resolve } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../entities';
import { formatDateTime } from '../mail/format';

/** The embedded Japanese font; pdfkit subsets it, so a page carries only the glyphs it uses. */
// fonts/ sits two levels up both from lib/pdf and, after `npm run build` copies it, from dist/lib/pdf.
export const noticeFontPath = resolve(__dirname, '../../fonts/NotoSansJP-Regular.ttf');

/** One employee's page of a パスワード通知書. */
export interface PasswordNoticePage {
  locale: Locale;
  serviceName: string;
  companyName: string;
  companyCode: string;
  employeeName: string;
  loginId: string;
  password: string;
  loginUrl: string;
  /** Unset: the notice says to ask the administrator, so the app is never silently left out. */
  appDownloadUrl?: string;
  browserUrl: string;
  appName: string;
  issuedAt: Date;
  timeZone: string;
}

const texts = {
  ja: {
    title: 'パスワード通知書',
    intro: (company: string, service: string) => `${company}より、${service}のログイン情報をお知らせします。`,
    name: '氏名',
    companyName: '企業名',
    companyCode: '企業コード',
    loginId: 'ログインID',
    password: 'パスワード',
    login: 'ログイン',
    app: (app: string) => `スマートフォンアプリ(${app})のダウンロード`,
    appUnset: '管理者にお問い合わせください',
    browser: 'ブラウザで入退室状況を確認する場合',
    issuedAt: '発行日時',
    note: '初回ログイン時にパスワードの変更が必要です。この通知書は他人に見せず、変更後は破棄してください。',
    suffix: ' 様',
  },
  en: {
    title: 'Password notice',
    intro: (company: string, service: string) => `${company} sends you your login details for ${service}.`,
    name: 'Name',
    companyName: 'Company',
    companyCode: 'Company code',
    loginId: 'Login ID',
    password: 'Password',
    login: 'Log in',
    app: (app: string) => `Smartphone app (${app})`,
    appUnset: 'please ask your administrator',
    browser: 'Check your attendance in a browser',
    issuedAt: 'Issued',
    note: 'You must change the password at your first login. Keep this notice to yourself and destroy it afterwards.',
    suffix: '',
  },
} as const;

/** Pages laid out between two turns of the event loop, so that timers (an activity's heartbeat) keep running. */
const pagesPerTurn = 20;

/** Renders one page per employee, in the order given, into one PDF. */
export async function renderPasswordNotice(pages: readonly PasswordNoticePage[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: false, info: { Title: texts.ja.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('notice', noticeFontPath);
  for (const [index, page] of pages.entries()) {
    if (index > 0 && index % pagesPerTurn === 0) await new Promise((turn) => setImmediate(turn));
    const t = texts[page.locale];
    doc.addPage();
    doc.font('notice').fontSize(20).text(t.title, { align: 'center' });
    doc.moveDown(0.5).fontSize(11).text(page.serviceName, { align: 'center' });
    doc.moveDown(1.5).fontSize(14).text(`${page.employeeName}${t.suffix}`);
    doc.moveDown(0.5).fontSize(11).text(t.intro(page.companyName, page.serviceName));
    doc.moveDown(1);
    const rows: [string, string][] = [
      [t.name, page.employeeName],
      [t.companyName, page.companyName],
      [t.companyCode, page.companyCode],
      [t.loginId, page.loginId],
      [t.password, page.password],
      [t.login, page.loginUrl],
      [t.app(page.appName), page.appDownloadUrl ?? t.appUnset],
      [t.browser, page.browserUrl],
      [t.issuedAt, formatDateTime(page.issuedAt, page.locale, page.timeZone)],
    ];
    for (const [label, value] of rows) {
      // A link gets a line of its own, so that it is never broken where a reader could not type it.
      if (/^https?:\/\//.test(value)) doc.fontSize(12).text(`${label}:`).fontSize(10).text(value);
      else doc.fontSize(12).text(`${label}: ${value}`);
      doc.moveDown(0.4);
    }
    doc.moveDown(1).fontSize(10).text(t.note);
  }
  doc.end();
  return done;
}
