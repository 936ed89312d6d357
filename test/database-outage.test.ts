import request from 'supertest';
import type { App } from '../api/app';
import { initOrm, type MikroORM } from '../lib/db';
import { isInfrastructureUnavailable } from '../lib/infrastructure-errors';
import { ServiceError, type Client } from '@temporalio/client';
import { createTemporalClient } from '../lib/temporal-client';
import {
  adminToken,
  createAccount,
  defaultInitialPassword,
  eventually,
  login,
  registerReady,
  startIssuance,
  verificationPath,
} from './support/api';
import { companyCode, createHarness, type Harness } from './support/harness';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/**
 * A database outage as the API sees it: a second app whose DATABASE_URL goes through a TCP proxy that the
 * test cuts (every connection reset, new ones refused) and restores. The harness's own app and worker keep the
 * direct connection, to set up and to check the data.
 */
let h: Harness;
let admin: string;
let proxy: TcpProxy;
let proxiedOrm: MikroORM;
let proxied: App;
let temporalProxy: TcpProxy;
let temporalCut: App;
// Left open at the end: a call refused during the cut may still wait out its retry back-off, and would throw from
// its timer on a closed channel. Jest ends the process (--forceExit).
let temporalCutClient: ReturnType<typeof createTemporalClient>;
// A fourth app whose Temporal client answers the reachability check but fails every start: the service going
// away between the check and the start.
let startFails: App;
// And one whose starts return only once the started workflow's activity waits to read the issuance, so the
// activity certainly runs before the request has committed it.
let startsBeforeCommit: App;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  const direct = new URL(h.db.url);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const url = new URL(h.db.url);
  url.port = String(proxy.port);
  proxiedOrm = await initOrm(url.toString(), { migrate: false });
  proxied = h.appWith({
    orm: proxiedOrm,
    temporal: h.env.client,
  });
  // A third app whose Temporal client goes through a proxy the test cuts; its database is the direct one.
  const [temporalHost, temporalPort] = h.env.address.split(':');
  temporalProxy = await startTcpProxy({ host: temporalHost!, port: Number(temporalPort) });
  temporalCutClient = createTemporalClient({ address: `127.0.0.1:${temporalProxy.port}`, namespace: 'default' });
  temporalCut = h.appWith({
    temporal: temporalCutClient,
  });
  startsBeforeCommit = h.appWith({
    temporal: clientWithStart(h.env.client, async (...args) => {
      const handle = await h.env.client.workflow.start(...args);
      await eventually(async () => {
        const [waiting] = await h.db.orm.em
          .fork()
          .getConnection()
          .execute<{ count: string }[]>(`select count(*) from pg_locks where locktype = 'advisory' and not granted`);
        expect(Number(waiting!.count)).toBeGreaterThan(0);
      });
      return handle;
    }),
  });
  startFails = h.appWith({
    temporal: clientWithStart(h.env.client, () =>
      Promise.reject(new ServiceError('14 UNAVAILABLE: the test cut the workflow service after the check')),
    ),
  });
});

/** A Temporal client whose workflow starts are `start` instead; everything else is the real client's. */
function clientWithStart(client: Client, start: (...args: Parameters<Client['workflow']['start']>) => unknown): Client {
  const workflow = new Proxy(client.workflow, {
    get: (target, property, receiver) => (property === 'start' ? start : Reflect.get(target, property, receiver)),
  });
  return new Proxy(client, {
    get: (target, property, receiver) => (property === 'workflow' ? workflow : Reflect.get(target, property, receiver)),
  });
}

afterAll(async () => {
  await temporalProxy?.close();
  await proxy?.close();
  await proxiedOrm?.close(true);
  await h?.teardown();
});

describe('a database outage', () => {
  it('recognises connection failures of the driver and the pool and rolled-back concurrent transactions, and nothing else', () => {
    expect(
      isInfrastructureUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isInfrastructureUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isInfrastructureUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
    ).toBe(true);
    expect(isInfrastructureUnavailable(new Error('wrapped', { cause: { code: 'ECONNRESET' } }))).toBe(true);
    // A transaction rolled back for concurrent work changed nothing: the same request works when tried again.
    expect(isInfrastructureUnavailable(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
    expect(isInfrastructureUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isInfrastructureUnavailable(new TypeError('x is undefined'))).toBe(false);
  });

  it('answers 503 with Retry-After (API) or a page in the employee language (pages), and consumes no token', async () => {
    await createAccount(h, admin, { code: 'D0001', emails: ['outage@example.test'] });
    expect((await startIssuance(h, admin, 'D0001')).status).toBe(202);
    const mail = await h.smtp.waitFor((m) => m.to.includes('outage@example.test'));
    const link = verificationPath(mail);
    const http = request(proxied.app);
    expect((await http.get('/readyz')).status).toBe(200);
    expect((await http.get('/api/accounts/D0001').set('Authorization', `Bearer ${admin}`)).status).toBe(200);

    await proxy.cut();
    try {
      const api = await http
        .get('/api/accounts/D0001')
        .set('Authorization', `Bearer ${admin}`)
        .set('x-request-id', 'outage-check-0001');
      expect(api.status).toBe(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.body).toEqual({
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), requestId: 'outage-check-0001' },
      });

      const confirmJa = await http.post(link);
      expect(confirmJa.status).toBe(503);
      expect(confirmJa.headers['content-type']).toMatch(/^text\/html/);
      expect(confirmJa.headers['retry-after']).toBe('5');
      expect(confirmJa.text).toContain('<html lang="ja">');
      expect(confirmJa.text).toContain('只今ご利用いただけません');

      const confirmEn = await http.post(link).set('Accept-Language', 'en-US,en;q=0.9');
      expect(confirmEn.status).toBe(503);
      expect(confirmEn.text).toContain('<html lang="en">');
      expect(confirmEn.text).toContain('Temporarily unavailable');

      const loginPage = await http
        .post('/login')
        .type('form')
        .send({ companyCode, loginId: 'Admin', password: 'whatever-it-is', lang: 'en' });
      expect(loginPage.status).toBe(503);
      expect(loginPage.text).toContain('Temporarily unavailable');

      const ready = await http.get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.body).toEqual({ status: 'unavailable', checks: { database: 'unavailable', temporal: 'ok' } });
      expect((await http.get('/healthz')).status).toBe(200);
    } finally {
      await proxy.restore();
    }

    // Back: the same link still works, so the token was not consumed during the outage.
    await eventually(async () => expect((await http.get('/readyz')).status).toBe(200), 10_000);
    const confirmed = await http.post(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('認証が完了しました');
    expect(h.logLines.some((line) => line.includes('"msg":"dependency unavailable"'))).toBe(true);
    // The request's own line: a 5xx is logged at level error (50), for alerting.
    const requestLine = h.logLines
      .map((line) => JSON.parse(line) as { level: number; req?: { id?: string }; res?: { statusCode: number } })
      .find((entry) => entry.req?.id === 'outage-check-0001' && entry.res);
    expect(requestLine).toMatchObject({ level: 50, res: { statusCode: 503 } });
  });

  it('answers an issuance 503 with Retry-After while Temporal is unreachable, and leaves the history as it was', async () => {
    await createAccount(h, admin, { code: 'D0002', emails: ['temporal-outage@example.test'] });
    expect((await startIssuance(h, admin, 'D0002')).status).toBe(202);
    await h.smtp.waitFor((m) => m.to.includes('temporal-outage@example.test'));
    const http = request(temporalCut.app);
    const history = async () =>
      (await h.http.get('/api/accounts/D0002/issuances').set('Authorization', `Bearer ${admin}`)).body as unknown;
    expect((await http.get('/readyz')).status).toBe(200);
    // The worker records the accepted mail just after the SMTP server took it: compare from then on.
    await eventually(async () => expect(await history()).toMatchObject({ items: [{ status: 'pending' }] }));
    const before = await history();

    await temporalProxy.cut();
    try {
      const csv = 'アカウントコード,姓,名\r\nD0009,山田,花子\r\n';
      for (const [path, body] of [
        ['/api/accounts/D0002/email-issuances', {}],
        ['/api/accounts/D0002/pdf-issuances', {}],
        ['/api/email-issuances/bulk', { accounts: [{ code: 'D0002' }] }],
        ['/api/pdf-issuances', { accountCodes: ['D0002'] }],
        ['/api/account-imports', csv],
      ] as const) {
        const post = http.post(path).set('Authorization', `Bearer ${admin}`);
        const refused = await (typeof body === 'string' ? post.type('text/csv').send(body) : post.send(body));
        expect({ path, status: refused.status, retryAfter: refused.headers['retry-after'] }).toEqual({
          path,
          status: 503,
          retryAfter: '5',
        });
        expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
      }
      // The open link of the earlier issuance is not superseded, and no failed issuance was added.
      expect(await history()).toEqual(before);
    } finally {
      await temporalProxy.restore();
    }

    await eventually(async () => expect((await http.get('/readyz')).status).toBe(200), 60_000);
    // A 503 records nothing, so asking again until the service answers starts exactly one issuance.
    await eventually(async () => {
      const again = await http
        .post('/api/accounts/D0002/email-issuances')
        .set('Authorization', `Bearer ${admin}`)
        .send({});
      expect(again.status).toBe(202);
    }, 60_000);
  });
  it('rolls the whole issuance back when Temporal fails after the check: 503, the history, the links and the old password as they were', async () => {
    const http = request(startFails.app);
    const refusedAll = async (code: string, posts: readonly (readonly [string, object])[]) => {
      for (const [path, body] of posts) {
        const refused = await http
          .post(`/api/accounts/${code}/${path}`)
          .set('Authorization', `Bearer ${admin}`)
          .send(body);
        expect({ path, body, status: refused.status, code: refused.body.error?.code }).toEqual({
          path,
          body,
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
        });
        expect(refused.headers['retry-after']).toBe('5');
      }
    };
    const stateOf = async (code: string) => ({
      account: (await h.http.get(`/api/accounts/${code}`).set('Authorization', `Bearer ${admin}`)).body as unknown,
      history: (await h.http.get(`/api/accounts/${code}/issuances`).set('Authorization', `Bearer ${admin}`))
        .body as unknown,
    });

    // An account whose password (set at registration) is in use: a PDF issuance would end it, yet it still works.
    await registerReady(h, admin, 'D0003', 'employee');
    const before = await stateOf('D0003');
    await refusedAll('D0003', [
      ['email-issuances', {}],
      ['pdf-issuances', {}],
    ]);
    expect(await stateOf('D0003')).toEqual(before);
    expect((await login(h, 'D0003', defaultInitialPassword)).status).toBe(200);

    // An account waiting for its owner's click: the link is not superseded and still confirms.
    await createAccount(h, admin, { code: 'D0004', password: undefined, emails: ['late-outage@example.test'] });
    expect((await startIssuance(h, admin, 'D0004')).status).toBe(202);
    const link = verificationPath(await h.smtp.waitFor((m) => m.to.includes('late-outage@example.test')));
    await eventually(async () =>
      expect((await stateOf('D0004')).history).toMatchObject({ items: [{ status: 'pending' }] }),
    );
    const waiting = await stateOf('D0004');
    await refusedAll('D0004', [
      ['email-issuances', {}],
      ['pdf-issuances', {}],
    ]);
    expect(await stateOf('D0004')).toEqual(waiting);
    const confirmed = await h.http.post(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('認証が完了しました');
  });

  it('an issuance whose activity runs before the request committed it waits for the commit, and is issued', async () => {
    await createAccount(h, admin, { code: 'D0005', password: undefined });
    const started = await request(startsBeforeCommit.app)
      .post('/api/accounts/D0005/pdf-issuances')
      .set('Authorization', `Bearer ${admin}`)
      .send({});
    expect(started.status).toBeLessThan(300);
    await eventually(async () =>
      expect(
        (await h.http.get('/api/accounts/D0005/issuances').set('Authorization', `Bearer ${admin}`)).body,
      ).toMatchObject({ items: [{ status: 'issued', channel: 'pdf' }] }),
    );
  });
});
