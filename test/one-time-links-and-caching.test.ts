import { createAccount, eventually, login } from './support/api';
import { adminPassword } from './support/harness';
import { withAdminHarness } from './support/admin-harness';

/**
 * Issue 17 through HTTP: a HEAD request (a link checker, a proxy, a mail scanner) never uses up a one-time PDF link,
 * and every API answer (tokens, one-time links, personal data, errors too) says `Cache-Control: no-store`.
 */
const t = withAdminHarness();

beforeAll(async () => {
  for (const code of ['H0001', 'H0002', 'H0003']) await createAccount(t.h, t.admin, { code, password: undefined });
});

const path = (url: string) => new URL(url).pathname;
const head = (url: string) => t.h.http.head(path(url)).set('Authorization', `Bearer ${t.admin}`);
const get = (url: string) => t.h.http.get(path(url)).set('Authorization', `Bearer ${t.admin}`).buffer(true);

async function pdfLink(code: string): Promise<string> {
  const res = await t.h.http.post(`/api/accounts/${code}/pdf-issuances`).set('Authorization', `Bearer ${t.admin}`);
  expect(res.status).toBe(202);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body.download.ready).toBe(true);
  return res.body.download.url as string;
}

describe('HEAD never uses up a one-time PDF link', () => {
  it('HEAD (twice) answers as the download would, without a body; the GET after it still gets the PDF', async () => {
    const url = await pdfLink('H0001');
    for (let i = 0; i < 2; i++) {
      const probe = await head(url);
      expect(probe.status).toBe(200);
      expect(probe.headers['content-type']).toBe('application/pdf');
      expect(probe.headers['content-disposition']).toBe('attachment; filename="password-notice-H0001.pdf"');
      expect(probe.headers['cache-control']).toBe('no-store');
      expect(probe.text ?? '').toBe('');
    }
    const pdf = await get(url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Used up by the GET: HEAD and GET now both say so.
    expect((await head(url)).status).toBe(410);
    const again = await get(url);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('NOTICE_ALREADY_FETCHED');
  });

  it('HEAD of an unknown or replaced link answers 404 / 410 as the GET does', async () => {
    const unknown = await head(`http://x/api/password-notices/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const replaced = await pdfLink('H0002');
    await pdfLink('H0002');
    expect((await head(replaced)).status).toBe(410);
  });

  it('a bulk PDF link survives a HEAD too', async () => {
    const run = await t.h.http
      .post('/api/pdf-issuances')
      .set('Authorization', `Bearer ${t.admin}`)
      .send({ accountCodes: ['H0003'] });
    expect(run.status).toBe(202);
    expect(run.headers['cache-control']).toBe('no-store');
    await eventually(async () => {
      const status = await t.h.http.get(`/api/pdf-issuances/${run.body.id}`).set('Authorization', `Bearer ${t.admin}`);
      expect(status.body.stage).toBe('ready');
    }, 30_000);
    const url = run.body.download.url as string;
    expect((await head(url)).status).toBe(200);
    const pdf = await get(url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="password-notices-1.pdf"');
  });
});

describe('Cache-Control: no-store', () => {
  it('on the login answer (a token), an account (personal data) and its list, and on errors', async () => {
    const loggedIn = await login(t.h, 'Admin', adminPassword);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body.token).toBeDefined();
    expect(loggedIn.headers['cache-control']).toBe('no-store');
    const wrong = await login(t.h, 'Admin', 'wrong-password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['cache-control']).toBe('no-store');

    for (const url of ['/api/accounts/H0001', '/api/accounts?limit=5', '/api/accounts/H0001/issuances']) {
      const res = await t.h.http.get(url).set('Authorization', `Bearer ${t.admin}`);
      expect({ url, status: res.status, cacheControl: res.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        cacheControl: 'no-store',
      });
    }
    const anonymous = await t.h.http.get('/api/accounts/H0001');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });
});
