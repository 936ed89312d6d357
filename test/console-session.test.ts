import { generate } from 'otplib';
import { Session } from '../entities';
import { adminPassword, companyCode, createHarness, testSecretBox, type Harness } from './support/harness';
import { adminToken, createAccount } from './support/api';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local', trustProxy: 'loopback' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

interface ConsoleCookies {
  session: string;
  csrf: string;
  /** The raw Set-Cookie lines of the answer that made them. */
  setCookie: string[];
}

function cookiesOf(res: { headers: Record<string, unknown> }): ConsoleCookies {
  const setCookie = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const value = (name: string) =>
    setCookie
      .find((line) => line.startsWith(`${name}=`))
      ?.split(';')[0]
      ?.split('=')[1];
  return { session: value('wc_session') ?? '', csrf: value('wc_csrf') ?? '', setCookie };
}

function consoleLogin(loginId: string, password: string, extra: Record<string, string> = {}) {
  return h.http.post('/api/auth/session').send({ companyCode, loginId, password, ...extra });
}

async function loggedIn(loginId = 'Admin', password = adminPassword): Promise<ConsoleCookies> {
  const res = await consoleLogin(loginId, password);
  expect(res.status).toBe(200);
  return cookiesOf(res);
}

const withCookie = (req: ReturnType<typeof h.http.get>, c: ConsoleCookies) =>
  req.set('Cookie', `wc_session=${c.session}; wc_csrf=${c.csrf}`);

describe('the admin console session (cookie instead of a bearer token)', () => {
  it('is an httpOnly SameSite=Strict cookie with path /, and the body holds no token', async () => {
    const res = await consoleLogin('Admin', adminPassword);
    expect(res.status).toBe(200);
    expect(res.body.token).toBeUndefined();
    expect(res.body).toMatchObject({ mustChangePassword: false, account: { code: 'Admin' } });
    expect(res.body.permissions).toContain('settings:write');
    const { session, csrf, setCookie } = cookiesOf(res);
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sessionLine = setCookie.find((line) => line.startsWith('wc_session='))!;
    expect(sessionLine).toMatch(/; HttpOnly/);
    expect(sessionLine).toMatch(/; SameSite=Strict/);
    expect(sessionLine).toMatch(/; Path=\//);
    // Plain HTTP (the harness's base URL): a Secure cookie would never come back.
    expect(sessionLine).not.toMatch(/; Secure/);
    const csrfLine = setCookie.find((line) => line.startsWith('wc_csrf='))!;
    expect(csrfLine).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/^[0-9a-f]{64}$/);
    // The session is an ordinary session row, stored as the keyed hash of its token.
    const row = await h.db.orm.em.fork().findOne(Session, { tokenHash: testSecretBox.hashToken(session) });
    expect(row).not.toBeNull();
  });

  it('is Secure when the browser came over TLS (X-Forwarded-Proto from a trusted proxy)', async () => {
    const res = await consoleLogin('Admin', adminPassword).set('X-Forwarded-Proto', 'https');
    expect(res.status).toBe(200);
    for (const line of cookiesOf(res).setCookie) expect(line).toMatch(/; Secure/);
  });

  it('authenticates reads; a state-changing request needs the CSRF token of this session', async () => {
    const c = await loggedIn();
    const me = await withCookie(h.http.get('/api/auth/me'), c);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ accountCode: 'Admin', companyCode, locale: 'ja', roleCode: 'system-admin' });

    const change = (csrf?: string) => {
      const req = withCookie(h.http.patch('/api/settings'), c);
      if (csrf !== undefined) req.set('X-CSRF-Token', csrf);
      return req.send({ serviceName: 'changed-by-csrf' });
    };
    for (const csrf of [undefined, '', 'f'.repeat(64)]) {
      const refused = await change(csrf);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('CSRF_TOKEN_INVALID');
    }
    // Another session's token does not fit this one.
    const other = await loggedIn();
    expect((await change(other.csrf)).status).toBe(403);
    const settings = await h.http.get('/api/settings').set('Authorization', `Bearer ${admin}`);
    expect(settings.body.serviceName).not.toBe('changed-by-csrf');

    const accepted = await change(c.csrf);
    expect(accepted.status).toBe(200);
    expect(accepted.body.serviceName).toBe('changed-by-csrf');
    await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ serviceName: 'anyplace' });
  });

  it('without a cookie or with an unknown one answers 401; the bearer header needs no CSRF token', async () => {
    expect((await h.http.get('/api/auth/me')).status).toBe(401);
    const unknown = await h.http.get('/api/auth/me').set('Cookie', `wc_session=${'A'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    const patched = await h.http
      .patch('/api/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ serviceName: 'anyplace' });
    expect(patched.status).toBe(200);
  });

  it('logout revokes the session and clears both cookies', async () => {
    const c = await loggedIn();
    const withoutCsrf = await withCookie(h.http.post('/api/auth/logout'), c);
    expect(withoutCsrf.status).toBe(403);
    const out = await withCookie(h.http.post('/api/auth/logout'), c).set('X-CSRF-Token', c.csrf);
    expect(out.status).toBe(204);
    const cleared = cookiesOf(out).setCookie;
    expect(cleared.find((line) => line.startsWith('wc_session=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared.find((line) => line.startsWith('wc_csrf=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await withCookie(h.http.get('/api/auth/me'), c)).status).toBe(401);
  });

  it('a forced password change goes through the cookie: the old session ends, the new one is in the cookie', async () => {
    await createAccount(h, admin, { code: 'C0001', roleCode: 'user-admin', mustChangePassword: true });
    const first = await loggedIn('C0001', 'Initial-passw0rd');
    const me = await withCookie(h.http.get('/api/auth/me'), first);
    expect(me.body.mustChangePassword).toBe(true);
    expect((await withCookie(h.http.get('/api/accounts'), first)).status).toBe(403);

    const changed = await withCookie(h.http.post('/api/auth/password'), first)
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: 'Initial-passw0rd', newPassword: 'Changed-passw0rd-1' });
    expect(changed.status).toBe(200);
    expect(changed.body.token).toBeUndefined();
    expect(changed.body.mustChangePassword).toBe(false);
    const second = cookiesOf(changed);
    expect(second.session).not.toBe(first.session);
    expect((await withCookie(h.http.get('/api/auth/me'), first)).status).toBe(401);
    expect((await withCookie(h.http.get('/api/accounts'), second)).status).toBe(200);
  });

  it('asks for the MFA code when the account uses MFA, and accepts the right one', async () => {
    await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ mfaEnabled: true });
    await createAccount(h, admin, {
      code: 'C0002',
      roleCode: 'user-admin',
      mustChangePassword: false,
      mfaEnabled: true,
    });
    const limited = await loggedIn('C0002', 'Initial-passw0rd');
    const started = await withCookie(h.http.post('/api/auth/mfa/enrolment'), limited).set('X-CSRF-Token', limited.csrf);
    expect(started.status).toBe(200);
    const secret = started.body.secret as string;
    const confirmed = await withCookie(h.http.post('/api/auth/mfa/enrolment/confirm'), limited)
      .set('X-CSRF-Token', limited.csrf)
      .send({ code: await generate({ secret }) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.token).toBeUndefined();
    expect(cookiesOf(confirmed).session).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const withoutCode = await consoleLogin('C0002', 'Initial-passw0rd');
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.error.code).toBe('MFA_REQUIRED');
    expect(cookiesOf(withoutCode).session).toBe('');
    const nextStep = Math.floor(Date.now() / 30_000) + 1;
    const withCode = await consoleLogin('C0002', 'Initial-passw0rd', {
      mfaCode: await generate({ secret, epoch: nextStep * 30 + 1 }),
    });
    expect(withCode.status).toBe(200);
    await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ mfaEnabled: false });
  });

  it('a wrong password sets no cookie', async () => {
    const res = await consoleLogin('Admin', 'wrong-password-1');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(cookiesOf(res).setCookie).toEqual([]);
  });
});

describe('the password notice download with the console session', () => {
  it('is one-time and admin-only, and needs no header the browser cannot send', async () => {
    await createAccount(h, admin, { code: 'C0003' });
    const started = await h.http
      .post('/api/accounts/C0003/pdf-issuances')
      .set('Authorization', `Bearer ${admin}`)
      .send({});
    expect(started.status).toBe(202);
    const path = new URL(started.body.download.url as string).pathname;

    await createAccount(h, admin, { code: 'C0004', roleCode: 'employee', mustChangePassword: false });
    const employee = await loggedIn('C0004', 'Initial-passw0rd');
    const refused = await withCookie(h.http.get(path), employee);
    expect(refused.status).toBe(403);
    expect((await h.http.get(path)).status).toBe(401);

    const c = await loggedIn();
    const pdf = await withCookie(h.http.get(path), c)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await withCookie(h.http.get(path), c)).status).toBe(410);
  });
});

describe('the console under /admin', () => {
  it('serves the built page for every console path, under the CSP, with no inline script; a missing asset is a 404', async () => {
    for (const path of ['/admin', '/admin/', '/admin/accounts/E0001', '/admin/settings']) {
      const page = await h.http.get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(page.text).toMatch(/<script type="module" crossorigin src="\/admin\/assets\/[\w-]+\.js"><\/script>/);
      expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    const asset = /src="(\/admin\/assets\/[\w-]+\.js)"/.exec((await h.http.get('/admin')).text)![1]!;
    const script = await h.http.get(asset);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect((await h.http.get('/admin/assets/missing.js')).status).toBe(404);
  });
});
