import type { MountedRoute } from '../api/route';
import { Account } from '../entities';
import { adminToken, createAccount, defaultInitialPassword } from './support/api';
import request from 'supertest';
import { createApp } from '../api/app';
import { loadConfig } from '../lib/config';
import { companyCode, createHarness, publicBaseUrl, testSecretBox, type Harness } from './support/harness';

/**
 * What every request passes before any rule of the business: the rate limits (shared in PostgreSQL,
 * per address and per account) and the refusal of text no field may hold.
 */

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({
    temporal: 'local',
    // Low limits so the test reaches them; X-Forwarded-For is honoured as behind a proxy on this host.
    rateLimits: { loginPerIpPerMinute: 8, loginFailuresPerAccountPerQuarterHour: 3, pagesPerIpPerMinute: 5 },
    trustProxy: 'loopback',
  });
  admin = await adminToken(h);
  await createAccount(h, admin, { code: 'R0001', mustChangePassword: false });
  await createAccount(h, admin, { code: 'R0002', mustChangePassword: false });
});

afterAll(async () => {
  await h?.teardown();
});

const loginFrom = (ip: string, loginId: string, password: string) =>
  h.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ companyCode, loginId, password });

describe('rate limits', () => {
  it('stops guessing on one account from one address with 429 and Retry-After, not the employee elsewhere', async () => {
    for (let i = 0; i < 3; i++) expect((await loginFrom('203.0.113.10', 'R0001', `guess-${i}`)).status).toBe(401);
    const limited = await loginFrom('203.0.113.10', 'R0001', defaultInitialPassword);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // The genuine employee, from another address, is not slowed by that burst.
    expect((await loginFrom('198.51.100.7', 'R0001', defaultInitialPassword)).status).toBe(200);
  });

  it('throttles guesses of the current password by a session like logins (429), and counts them', async () => {
    await createAccount(h, admin, { code: 'R0003', mustChangePassword: false });
    const token = (await loginFrom('203.0.113.40', 'R0003', defaultInitialPassword)).body.token as string;
    const change = (currentPassword: string) =>
      h.http
        .post('/api/auth/password')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Forwarded-For', '203.0.113.40')
        .send({ currentPassword, newPassword: 'Another-passw0rd-1' });
    for (let i = 0; i < 3; i++) {
      const wrong = await change(`guess-${i}`);
      expect([wrong.status, wrong.body.error.code, wrong.body.error.field]).toEqual([
        400,
        'WRONG_CURRENT_PASSWORD',
        'currentPassword',
      ]);
    }
    const limited = await change(defaultInitialPassword);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await h.db.orm.em.fork().findOneOrFail(Account, { code: 'R0003' });
    expect(stored.failedLoginCount).toBe(3);
  });

  it('limits all logins from one address, and no other address', async () => {
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push((await loginFrom('203.0.113.20', 'R0002', defaultInitialPassword)).status);
    expect(answers.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(answers[8]).toBe(429);
    expect((await loginFrom('203.0.113.21', 'R0002', defaultInitialPassword)).status).toBe(200);
  });

  it('limits the employee pages per address with a page in the employee’s language', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await h.http.get('/verify/not-a-real-token-at-all').set('X-Forwarded-For', '203.0.113.30')).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(404));
    const limited = await h.http.get('/login').set('X-Forwarded-For', '203.0.113.30');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.text).toContain('しばらく待ってから');
    expect((await h.http.get('/login').set('X-Forwarded-For', '203.0.113.31')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy (off by default)', async () => {
    expect(loadConfig({ SERVICE_SECRET_KEY: Buffer.alloc(32).toString('base64') }).trustProxy).toBe(false);
    const direct = createApp({
      orm: h.db.orm,
      temporal: h.env.client,
      secretBox: testSecretBox,
      logger: h.logger,
      publicBaseUrl,
      sessionTtlMinutes: 60,
      rateLimits: { loginPerIpPerMinute: 2, loginFailuresPerAccountPerQuarterHour: 100, pagesPerIpPerMinute: 100 },
    });
    // The harness's own logins came from this host's address too: start its count afresh.
    await h.db.orm.em.getConnection().execute(`delete from rate_limit where key like 'login-ip:%127.0.0.1'`);
    const statuses = [];
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      const res = await request(direct.app)
        .post('/api/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ companyCode, loginId: 'R0002', password: defaultInitialPassword });
      statuses.push(res.status);
    }
    // Three made-up addresses are one client: the peer's own address counts.
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('keeps the counters in PostgreSQL, where every API process sees them', async () => {
    const rows = await h.db.orm.em.getConnection().execute<{ key: string }[]>('select key from rate_limit');
    expect(rows.some((row) => row.key.startsWith('login-ip:203.0.113.20'))).toBe(true);
  });
});

describe('text no field may hold', () => {
  const bad = [
    ['NUL', 'a\u0000b'],
    ['a control character', 'a\u0007b'],
    ['a right-to-left override', 'abc\u202Etxt.exe'],
    ['a first-strong isolate', 'a\u2068b'],
  ] as const;

  /** A concrete URL for a route: path parameters get a value that exists. */
  const concretePath = (route: MountedRoute) =>
    route.path
      .replace(':code', route.path.startsWith('/api/accounts') ? 'R0001' : '0')
      .replace(':kind', 'contractor')
      .replace(':token', 'x'.repeat(43))
      .replace(':runId', '00000000-0000-4000-8000-000000000000')
      .replace(':id', '00000000-0000-4000-8000-000000000000');

  it.each(bad)(
    'answers %s in any body field of any route with 400 naming the field, and writes nothing',
    async (_name, text) => {
      const before = await h.db.dumpAllTables();
      for (const route of h.app.routes.filter((r) => ['post', 'put', 'patch'].includes(r.method))) {
        const req = h.http[route.method](concretePath(route));
        if (route.access !== 'public') req.set('Authorization', `Bearer ${admin}`);
        const res = await req.send({ name: text, nested: { note: 'ok' } });
        expect({ route: `${route.method} ${route.path}`, status: res.status, body: res.body }).toMatchObject({
          status: 400,
          body: { error: { code: 'INVALID_CHARACTERS', field: 'name' } },
        });
      }
      // Sessions and rate-limit counters aside, nothing changed.
      const strip = (dump: string) => dump.replace(/-- (session|rate_limit)\n[^-]*/g, '');
      expect(strip(await h.db.dumpAllTables())).toBe(strip(before));
    },
  );

  it.each(bad)('answers %s in a query or nested field with 400 naming it', async (_name, text) => {
    const search = await h.http.get('/api/accounts').query({ name: text }).set('Authorization', `Bearer ${admin}`);
    expect(search.status).toBe(400);
    expect(search.body.error).toMatchObject({ code: 'INVALID_CHARACTERS', field: 'name' });
    const nested = await h.http
      .patch('/api/accounts/R0001')
      .set('Authorization', `Bearer ${admin}`)
      .send({ emails: ['ok@example.test', text] });
    expect(nested.body.error).toMatchObject({ code: 'INVALID_CHARACTERS', field: 'emails.1' });
  });

  it('refuses NUL at login without a token, and keeps SQL and values out of the logs', async () => {
    const res = await h.http
      .post('/api/auth/login')
      .send({ companyCode: `${companyCode}\u0000`, loginId: 'Admin', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_CHARACTERS', field: 'companyCode' });
    const page = await h.http
      .post('/login')
      .type('form')
      .send({ companyCode: 'a\u0000', loginId: 'Admin', password: 'x' });
    expect(page.status).toBe(400);
    expect(h.logLines.join('\n')).not.toMatch(/select .* from "company"|\\u0000|invalid byte sequence/i);
  });

  it('refuses whitespace-only names with the field named', async () => {
    const rank = await h.http
      .post('/api/ranks')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'W1', name: '  \u3000 ' });
    expect(rank.status).toBe(400);
    expect(rank.body.error.field).toBe('name');
    const account = await h.http
      .patch('/api/accounts/R0001')
      .set('Authorization', `Bearer ${admin}`)
      .send({ lastName: '   ' });
    expect(account.status).toBe(400);
    expect(account.body.error.field).toBe('lastName');
    expect((await h.db.orm.em.fork().findOneOrFail(Account, { code: 'R0001' })).lastName).toBe('山田');
  });
});
