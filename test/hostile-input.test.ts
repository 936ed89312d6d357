import request from 'supertest';
import type { MountedRoute } from '../api/route';
import { adminToken, createAccount } from './support/api';
import { createHarness, type Harness } from './support/harness';

/**
 * Input limits enforced while the input is read, never after (issue 17): a JSON body nested too deep is a 400
 * before anything walks it. Durations are measured by `npm run bench:hostile`, not here.
 */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local', importLimits: { maxRows: 1000, maxBytes: 10 * 1024 * 1024 } });
  admin = await adminToken(h);
  await createAccount(h, admin, { code: 'H0001', mustChangePassword: false });
});

afterAll(async () => {
  await h?.teardown();
});

/** Sessions and rate-limit counters aside, the whole database as text. */
async function state(): Promise<string> {
  return (await h.db.dumpAllTables()).replace(/-- (session|rate_limit)\n[^-]*/g, '');
}

const nestedJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const concretePath = (route: MountedRoute) =>
  route.path
    .replace(':code', route.path.startsWith('/api/accounts') ? 'H0001' : '0')
    .replace(':kind', 'contractor')
    .replace(':token', 'x'.repeat(43))
    .replace(/:[A-Za-z]+/, '00000000-0000-4000-8000-000000000000');

/** Every JSON write route of the API, and the employee pages that read a body. */
function writeTargets(): { method: 'post' | 'put' | 'patch'; path: string; authenticated: boolean }[] {
  const api = h.app.routes
    .filter((route): route is MountedRoute & { method: 'post' | 'put' | 'patch' } =>
      ['post', 'put', 'patch'].includes(route.method),
    )
    .map((route) => ({ method: route.method, path: concretePath(route), authenticated: route.access !== 'public' }));
  const pages = ['/login', '/login/password', '/login/mfa', '/login/azure/mfa'].map((path) => ({
    method: 'post' as const,
    path,
    authenticated: false,
  }));
  return [...api, ...pages];
}

describe('deeply nested JSON', () => {
  it('is a 400 BODY_TOO_DEEP on every write route and login page, with or without a token; nothing changes', async () => {
    const before = await state();
    const targets = writeTargets();
    expect(targets.length).toBeGreaterThanOrEqual(35);
    const body = nestedJson(100_000);
    for (const target of targets) {
      for (const token of target.authenticated ? [admin, undefined] : [undefined]) {
        const req = h.http[target.method](target.path).set('Content-Type', 'application/json');
        if (token) req.set('Authorization', `Bearer ${token}`);
        const res = await req.send(body);
        expect({ target: `${target.method} ${target.path}`, status: res.status, error: res.body.error }).toMatchObject({
          status: 400,
          error: { code: 'BODY_TOO_DEEP', field: 'body', message: expect.stringContaining('32') },
        });
      }
    }
    expect(await state()).toBe(before);
  });

  it('answers in Japanese by default and in English on request, an object nested in an object alike', async () => {
    const deepObject = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const ja = await h.http.post('/api/auth/login').set('Content-Type', 'application/json').send(deepObject);
    expect(ja.status).toBe(400);
    expect(ja.body.error.message).toBe('リクエストの入れ子(配列・オブジェクト)が深すぎます。上限は32段です。');
    const en = await h.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'en')
      .send(deepObject);
    expect(en.body.error).toMatchObject({
      code: 'BODY_TOO_DEEP',
      field: 'body',
      message: 'The request body nests arrays and objects more than 32 deep.',
    });
  });

  it('brackets inside strings do not count, and a body at the limit is read as usual', async () => {
    const res = await h.http
      .post('/api/auth/login')
      .send({ companyCode: '['.repeat(1000), loginId: '{'.repeat(1000), password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const atLimit = await h.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"companyCode":${'['.repeat(31)}${']'.repeat(31)}}`);
    expect(atLimit.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'companyCode' });
  });

  it('a body nested 1,000,000 deep is still a 400 BODY_TOO_DEEP (no recursion), under a larger size limit', async () => {
    const roomy = h.appWith({ jsonLimits: { maxBytes: 4 * 1024 * 1024, maxDepth: 32 } });
    const res = await request(roomy.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(nestedJson(1_000_000));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BODY_TOO_DEEP');
    // Over the default 1 MiB it is refused for its size before its depth is looked at.
    const large = await h.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(nestedJson(1_000_000));
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('35 deep bodies at once are 35 answers of 400 while /healthz keeps answering; none is a 5xx', async () => {
    const body = nestedJson(100_000);
    const deep = Array.from({ length: 35 }, () =>
      h.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body),
    );
    const health = Array.from({ length: 5 }, () => h.http.get('/healthz'));
    const answers = await Promise.all([...deep, ...health]);
    expect(answers.slice(0, 35).map((res) => res.status)).toEqual(Array(35).fill(400));
    expect(answers.slice(35).map((res) => res.status)).toEqual(Array(5).fill(200));
    expect(h.logLines.join('\n')).not.toMatch(/Maximum call stack|unhandled error/);
  });
});
