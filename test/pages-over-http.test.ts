import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app';
import { adminToken, createAccount, defaultInitialPassword } from './support/api';
import { adminPassword, companyCode, createHarness, testSecretBox, type Harness } from './support/harness';

/**
 * The employee pages served over plain HTTP (a development machine, an intranet without TLS): the browser
 * must not be told to upgrade the form posts to https, which `form-action 'self'` would then block.
 */
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
});

afterAll(async () => {
  await h?.teardown();
});

function appFor(publicBaseUrl: string) {
  return createApp({
    orm: h.db.orm,
    temporal: h.env.client,
    secretBox: testSecretBox,
    logger: h.logger,
    publicBaseUrl,
    sessionTtlMinutes: 60,
  }).app;
}

async function listen(app: ReturnType<typeof appFor>): Promise<{ base: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const directives = (csp: string | null) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

describe('pages over plain HTTP', () => {
  it('sends no upgrade-insecure-requests or HSTS when PUBLIC_BASE_URL is http, and the login form works', async () => {
    const { base, server } = await listen(appFor('http://intranet.example.test:3000'));
    try {
      const page = await fetch(`${base}/login?company=${companyCode}`);
      expect(page.status).toBe(200);
      const csp = directives(page.headers.get('content-security-policy'));
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(page.headers.get('strict-transport-security')).toBeNull();
      // The form posts to a relative URL on this same http origin, which form-action 'self' allows.
      const html = await page.text();
      expect(html).toMatch(/<form method="post" action="\/login">/);

      const posted = await fetch(`${base}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ companyCode, loginId: 'Admin', password: adminPassword, lang: 'en' }),
      });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain('<h1>Logged in</h1>');
    } finally {
      server.close();
    }
  });

  it('keeps upgrade-insecure-requests and HSTS when PUBLIC_BASE_URL is https', async () => {
    const { base, server } = await listen(appFor('https://credentials.example.test'));
    try {
      const page = await fetch(`${base}/login`);
      const csp = directives(page.headers.get('content-security-policy'));
      expect(csp.has('upgrade-insecure-requests')).toBe(true);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      server.close();
    }
  });
});

describe('the employee login pages', () => {
  const form = (path: string, fields: Record<string, string>) => h.http.post(path).type('form').send(fields);
  const tokenOf = (html: string) => /name="token" id="token" value="([^"]+)"/.exec(html)?.[1] ?? '';

  beforeAll(async () => {
    await createAccount(h, await adminToken(h), { code: 'P0001' });
    await createAccount(h, await adminToken(h), { code: 'P0002' });
  });

  it('keeps the login id after a wrong password, and offers Azure AD only when the company has it on', async () => {
    const wrong = await form('/login', { companyCode, loginId: 'P0001', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('ログインIDまたはパスワードが正しくないか');
    expect(wrong.text).toMatch(/name="loginId"[^>]*value="P0001"/);
    expect(wrong.text).not.toMatch(/name="password"[^>]*value=/);
    for (const path of [`/login?company=${companyCode}`, '/login']) {
      const page = await h.http.get(path);
      expect(page.text).not.toContain('/login/azure');
      expect(page.text).not.toContain('Azure AD');
    }
    // Reached all the same (an old bookmark): the refusal leads back to the login form.
    const off = await h.http.get(`/login/azure?company=${companyCode}&lang=en`);
    expect(off.status).toBe(404);
    expect(off.text).toContain('Sign-in with Azure AD is not available for this company.');
    expect(off.text).toMatch(
      new RegExp(`<a [^>]*href="/login\\?company=${companyCode}&#38;lang=en"[^>]*>Back to the login page</a>`),
    );
  });

  it('asks the first login for 現在のパスワード and says パスワードを変更しました after the change', async () => {
    const first = await form('/login', { companyCode, loginId: 'P0001', password: defaultInitialPassword });
    expect(first.status).toBe(200);
    expect(first.text).toMatch(/<label[^>]*>\s*現在のパスワード/);
    const changed = await form('/login/password', {
      token: tokenOf(first.text),
      currentPassword: defaultInitialPassword,
      newPassword: 'Changed-passw0rd',
      confirmPassword: 'Changed-passw0rd',
    });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('パスワードを変更しました。');
    expect(changed.text).toContain('<h1>ログインしました</h1>');
    const again = await form('/login', { companyCode, loginId: 'P0001', password: 'Changed-passw0rd', lang: 'en' });
    expect(again.text).toContain('<h1>Logged in</h1>');
    expect(again.text).not.toContain('Your password has been changed.');
  });

  it('follows the browser’s language and offers the other, takes codes as a phone types them, and names a wrong current password', async () => {
    const en = await h.http.get(`/login?company=${companyCode}`).set('Accept-Language', 'en-US,en;q=0.9');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Log in</h1>');
    expect(en.text).toMatch(new RegExp(`<a href="/login\\?lang=ja&#38;company=${companyCode}"[^>]*>日本語</a>`));
    for (const name of ['companyCode', 'loginId']) {
      expect(en.text).toMatch(
        new RegExp(`name="${name}"[^>]*autocapitalize="none" autocorrect="off" spellcheck="false"`),
      );
    }
    expect((await h.http.get('/login?lang=ja').set('Accept-Language', 'en')).text).toContain('<html lang="ja">');

    // Codes pasted with spaces around them still log in.
    const first = await form('/login', {
      companyCode: ` ${companyCode} `,
      loginId: 'P0002 ',
      password: defaultInitialPassword,
    });
    expect(first.status).toBe(200);
    expect(first.text).toContain('管理者が発行したパスワードでログインしました');
    const wrong = await form('/login/password', {
      token: tokenOf(first.text),
      currentPassword: 'not-the-current-one',
      newPassword: 'Changed-passw0rd',
      confirmPassword: 'Changed-passw0rd',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('現在のパスワードが正しくありません');
    expect(wrong.text).not.toContain('ログインIDまたはパスワードが正しくない');
  });
});
