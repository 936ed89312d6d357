import { adminToken, createAccount, credentialsFrom, startIssuance, verificationPath } from './support/api';
import { createHarness, publicBaseUrl, type Harness } from './support/harness';
import type { ReceivedMail } from './support/smtp';

/** Both mails of an e-mail issuance, as received by the SMTP server and parsed with mailparser. */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
function decode(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) => entities[name]!);
}

/** The HTML part as a reader sees it: the text without tags, and where its links go. */
function htmlPart(mail: ReceivedMail): { text: string; hrefs: string[]; html: string } {
  const html = mail.parsed.html;
  if (typeof html !== 'string') throw new Error(`no HTML part in "${mail.subject}"`);
  const body = html.replace(/^[\s\S]*<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
  const text = decode(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!));
  return { text, hrefs, html };
}

/** Every line of the text part appears in the HTML part (labels and values may sit in separate table cells). */
function expectSameContent(mail: ReceivedMail): void {
  const { text } = htmlPart(mail);
  for (const line of mail.text.split('\n').filter((l) => l.trim() !== '')) {
    const parts = line.split(/: (?=\S)/);
    for (const part of parts) expect({ line, inHtml: text.includes(part.trim()) }).toEqual({ line, inHtml: true });
  }
}

describe('mails have an HTML part beside the text part', () => {
  it('the verification request and credentials: clickable links, the same text, inline styles, app and browser lines even when unset', async () => {
    await createAccount(h, admin, { code: 'M0001', emails: ['mail-parts@example.test'] });
    expect((await startIssuance(h, admin, 'M0001')).status).toBe(202);
    const mail = await h.smtp.waitFor((m) => m.to.includes('mail-parts@example.test'));

    const link = `${publicBaseUrl}${verificationPath(mail)}`;
    expect(mail.text).toContain(link);
    const html = htmlPart(mail);
    expect(html.hrefs).toContain(link);
    expect(html.text).toContain('認証ページを開く');
    expect(html.html).toContain('<html lang="ja">');
    expect(html.html).not.toMatch(/<style|<link|<script/i);
    expectSameContent(mail);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);

    expect((await h.http.post(verificationPath(mail))).status).toBe(200);
    const credentials = await h.smtp.waitFor(
      (m) => m.to.includes('mail-parts@example.test') && m.subject.includes('ログイン情報'),
    );
    const { loginId, password } = credentialsFrom(credentials);
    const credentialsHtml = htmlPart(credentials);
    expect(credentialsHtml.text).toContain(loginId);
    expect(credentialsHtml.text).toContain(password);
    expect(credentialsHtml.hrefs).toContain(`${publicBaseUrl}/login?company=acme`);
    expectSameContent(credentials);
    // Unset app download and browser URLs are not left out: the browser URL falls back to the login page,
    // and the app is named with where to ask.
    expect(credentials.text).toContain(
      'スマートフォンアプリ(anyplace-入退室打刻)のダウンロード先は、管理者にお問い合わせください。',
    );
    expect(credentials.text).toMatch(/ブラウザで入退室状況を確認する場合.*\n?.*\/login\?company=acme/);
  });

  it('in English for an English account', async () => {
    await createAccount(h, admin, { code: 'M0002', emails: ['mail-parts-en@example.test'], locale: 'en' });
    expect((await startIssuance(h, admin, 'M0002')).status).toBe(202);
    const mail = await h.smtp.waitFor((m) => m.to.includes('mail-parts-en@example.test'));
    const html = htmlPart(mail);
    expect(html.html).toContain('<html lang="en">');
    expect(html.text).toContain('Open the verification page');
    expect(html.hrefs).toContain(`${publicBaseUrl}${verificationPath(mail)}`);
    expectSameContent(mail);
  });
});
