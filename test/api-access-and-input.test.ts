import type { MountedRoute } from '../api/route';
import { Issuance, Session } from '../entities';
import { adminToken, assignment, createAccount, getAccount, login, startIssuance } from './support/api';
import { createHarness, testSecretBox, type Harness } from './support/harness';

let h: Harness;
let admin: string;
let employee: string;
let userAdmin: string;
let mustChange: string;

const employeePassword = 'Employee-passw0rd';

/** A concrete URL for a route: path parameters get a value that exists. */
function concretePath(route: MountedRoute): string {
  return route.path.replace(':code', 'E0100');
}

function send(route: MountedRoute, token?: string, body?: unknown) {
  const req = h.http[route.method](concretePath(route));
  if (token) req.set('Authorization', `Bearer ${token}`);
  if (body !== undefined) req.set('Content-Type', 'application/json').send(JSON.stringify(body));
  return req;
}

async function tokenFor(code: string, password: string): Promise<string> {
  const res = await login(h, code, password);
  expect(res.status).toBe(200);
  return res.body.token as string;
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  await createAccount(h, admin, { code: 'E0100', emails: ['e0100@example.test'] });
  await createAccount(h, admin, { code: 'E0101', password: employeePassword, mustChangePassword: false });
  await createAccount(h, admin, {
    code: 'U0001',
    roleCode: 'user-admin',
    password: employeePassword,
    mustChangePassword: false,
  });
  await createAccount(h, admin, { code: 'M0001', roleCode: 'system-admin', password: employeePassword });
  employee = await tokenFor('E0101', employeePassword);
  userAdmin = await tokenFor('U0001', employeePassword);
  mustChange = await tokenFor('M0001', employeePassword);
});

afterAll(async () => {
  await h?.teardown();
});

describe('access to every route', () => {
  const protectedRoutes = () => h.app.routes.filter((route) => route.access !== 'public');
  const permissionRoutes = () => h.app.routes.filter((route) => typeof route.access === 'object');

  it('documents exactly the routes it mounts, with a security requirement on every protected one', () => {
    const documented = Object.entries(h.app.openApiDocument.paths ?? {}).flatMap(([path, operations]) =>
      Object.entries(operations as Record<string, { security?: unknown[] }>).map(([method, operation]) => ({
        key: `${method} ${path}`,
        secured: (operation.security ?? []).length > 0,
      })),
    );
    const mounted = h.app.routes.map((route) => ({
      key: `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
      secured: route.access !== 'public',
    }));
    expect(documented.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      mounted.sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(permissionRoutes().length).toBeGreaterThanOrEqual(8);
  });

  it('answers 401 on every protected route without a token or with an unknown one', async () => {
    for (const route of protectedRoutes()) {
      const missing = await send(route);
      expect({ route: concretePath(route), status: missing.status, code: missing.body.error?.code }).toEqual({
        route: concretePath(route),
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      const unknown = await send(route, 'A'.repeat(43));
      expect([concretePath(route), unknown.status, unknown.body.error?.code]).toEqual([
        concretePath(route),
        401,
        'INVALID_TOKEN',
      ]);
    }
  });

  it('answers 403 on every admin route to an employee without the permission', async () => {
    for (const route of permissionRoutes()) {
      const res = await send(route, employee, {});
      expect([route.method, route.path, res.status, res.body.error?.code]).toEqual([
        route.method,
        route.path,
        403,
        'FORBIDDEN',
      ]);
    }
  });

  it('answers 403 on every admin route while the password must still be changed', async () => {
    for (const route of permissionRoutes()) {
      const res = await send(route, mustChange, {});
      expect([route.method, route.path, res.status, res.body.error?.code]).toEqual([
        route.method,
        route.path,
        403,
        'PASSWORD_CHANGE_REQUIRED',
      ]);
    }
  });

  it('lets a user administrator issue but not change company settings', async () => {
    const settings = await h.http
      .patch('/api/settings')
      .set('Authorization', `Bearer ${userAdmin}`)
      .send({ verificationValidityHours: 1 });
    expect(settings.status).toBe(403);
    const started = await startIssuance(h, userAdmin, 'E0100');
    expect(started.status).toBe(202);
    expect(started.body.requestedBy).toBe('U0001');
  });

  it('gives the same answer for an unknown login id, an unknown company and a wrong password', async () => {
    const wrongPassword = await login(h, 'E0101', 'not-the-password');
    const unknownId = await login(h, 'NOBODY', 'not-the-password');
    const unknownCompany = await h.http
      .post('/api/auth/login')
      .send({ companyCode: 'nope', loginId: 'E0101', password: employeePassword });
    // Everything but the request's own id is the same.
    const withoutId = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });
    for (const res of [wrongPassword, unknownId, unknownCompany]) {
      expect(res.status).toBe(401);
      expect(withoutId(res.body)).toEqual(withoutId(wrongPassword.body));
    }
  });

  it('refuses an expired token', async () => {
    const token = await tokenFor('E0101', employeePassword);
    await h.db.orm.em
      .fork()
      .nativeUpdate(Session, { tokenHash: testSecretBox.hashToken(token) }, { expiresAt: new Date(Date.now() - 1000) });
    const res = await h.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_TOKEN');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const document = await h.http.get('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toContain('/api/accounts/{code}/email-issuances');
    expect(document.body.components.schemas.Error).toBeDefined();
    const ui = await h.http.get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('revokes a token at logout', async () => {
    const token = await tokenFor('E0101', employeePassword);
    expect((await h.http.post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(204);
    expect((await h.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('never answers 5xx, whatever body reaches a route', async () => {
    const bodies: unknown[] = [[], 'text', 42, null, { a: 1 }, { emailSlot: {} }, { code: 7, type: [] }];
    let token = await tokenFor('Admin', 'Admin-Test-Password-1');
    for (const route of h.app.routes) {
      for (const body of bodies) {
        // A fresh token whenever the last request ended the session: logout and password change are routes too.
        if ((await h.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status !== 200) {
          token = await tokenFor('Admin', 'Admin-Test-Password-1');
        }
        const res = await send(route, token, body);
        expect([route.method, route.path, JSON.stringify(body), res.status < 500]).toEqual([
          route.method,
          route.path,
          JSON.stringify(body),
          true,
        ]);
      }
    }
  });
});

describe('bad input to an issuance gets a 4xx with code and field, and changes nothing', () => {
  const cases: { name: string; code: string; body: string; status: number; error: string; field?: string }[] = [
    { name: 'unknown account', code: 'NOPE', body: '{}', status: 404, error: 'ACCOUNT_NOT_FOUND' },
    {
      name: 'empty address slot',
      code: 'E0200',
      body: '{"emailSlot":2}',
      status: 422,
      error: 'EMAIL_NOT_SET',
      field: 'emailSlot',
    },
    {
      name: 'malformed JSON',
      code: 'E0200',
      body: '{"emailSlot":',
      status: 400,
      error: 'MALFORMED_JSON',
      field: 'body',
    },
    {
      name: 'slot as string',
      code: 'E0200',
      body: '{"emailSlot":"1"}',
      status: 400,
      error: 'VALIDATION_FAILED',
      field: 'emailSlot',
    },
    {
      name: 'slot out of range',
      code: 'E0200',
      body: '{"emailSlot":4}',
      status: 400,
      error: 'VALIDATION_FAILED',
      field: 'emailSlot',
    },
    {
      name: 'unknown property',
      code: 'E0200',
      body: '{"address":"x@example.test"}',
      status: 400,
      error: 'VALIDATION_FAILED',
      field: 'address',
    },
    { name: 'code too long', code: 'E0200ABCDEFG', body: '{}', status: 400, error: 'VALIDATION_FAILED', field: 'code' },
  ];

  beforeAll(async () => {
    await createAccount(h, admin, { code: 'E0200', emails: ['only-first@example.test'] });
  });

  it.each(cases)('$name → $status $error', async ({ code, body, status, error, field }) => {
    const mailsBefore = h.smtp.mails.length;
    const res = await h.http
      .post(`/api/accounts/${code}/email-issuances`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(error);
    expect(typeof res.body.error.message).toBe('string');
    if (field) expect(res.body.error.field).toBe(field);

    const account = await getAccount(h, admin, 'E0200');
    expect(account.statusLabels).toEqual({ password: '未発行', auth: '未' });
    expect(await h.db.orm.em.fork().count(Issuance, { account: { code: 'E0200' } })).toBe(0);
    expect(h.smtp.mails.length).toBe(mailsBefore);
  });

  it('refuses e-mail issuance while the company issues by PDF', async () => {
    const toPdf = await h.http
      .patch('/api/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ issuanceChannel: 'pdf' });
    expect(toPdf.status).toBe(200);
    try {
      const res = await startIssuance(h, admin, 'E0200');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'ISSUANCE_CHANNEL_IS_PDF', field: 'issuanceChannel' });
    } finally {
      await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ issuanceChannel: 'email' });
    }
  });
});

describe('bad input to accounts and settings', () => {
  const valid = {
    code: 'B0001',
    type: 'own',
    lastName: '山田',
    firstName: '太郎',
    shortName: '山田',
    password: 'Initial-passw0rd',
    current: assignment(),
  };
  const accountCases: { name: string; body: Record<string, unknown>; field: string }[] = [
    { name: 'missing last name', body: { ...valid, lastName: undefined }, field: 'lastName' },
    { name: 'last name over 10', body: { ...valid, lastName: 'あ'.repeat(11) }, field: 'lastName' },
    { name: 'unknown type', body: { ...valid, type: 'boss' }, field: 'type' },
    { name: 'code of dots', body: { ...valid, code: '...' }, field: 'code' },
    { name: 'code with a space', body: { ...valid, code: 'A 1' }, field: 'code' },
    { name: 'bad address', body: { ...valid, emails: ['nope'] }, field: 'emails.0' },
    { name: 'four addresses', body: { ...valid, emails: ['a@x.jp', 'b@x.jp', 'c@x.jp', 'd@x.jp'] }, field: 'emails' },
    { name: 'short password', body: { ...valid, password: 'short' }, field: 'password' },
    {
      name: 'full-width password',
      body: { ...valid, password: 'ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ' },
      field: 'password',
    },
    { name: 'unknown role', body: { ...valid, current: assignment('king') }, field: 'current.roleCode' },
  ];

  it.each(accountCases)('account: $name → 400 on $field', async ({ body, field }) => {
    const res = await h.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    const list = await h.http.get('/api/accounts?code=B').set('Authorization', `Bearer ${admin}`);
    expect(list.body.total).toBe(0);
  });

  it('refuses a duplicate account code with 409', async () => {
    const res = await h.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).send({
      code: 'E0101',
      type: 'own',
      lastName: '別人',
      firstName: '太郎',
      shortName: '別人',
      password: 'Initial-passw0rd',
      current: assignment(),
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ACCOUNT_CODE_TAKEN', field: 'code' });
  });

  it.each([
    [{ verificationValidityHours: 0 }, 'verificationValidityHours'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ minPasswordLength: 4 }, 'minPasswordLength'],
    [{ appDownloadUrl: 'javascript:alert(1)' }, 'appDownloadUrl'],
    [{ issuanceChannel: 'fax' }, 'issuanceChannel'],
  ])('settings: %j → 400 on %s', async (body, field) => {
    const before = await h.http.get('/api/settings').set('Authorization', `Bearer ${admin}`);
    const res = await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    const after = await h.http.get('/api/settings').set('Authorization', `Bearer ${admin}`);
    expect(after.body).toEqual(before.body);
  });

  it('answers unknown routes and unknown verification links clearly', async () => {
    const route = await h.http.get('/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('ROUTE_NOT_FOUND');
    const link = await h.http.get('/verify/not-a-token');
    expect(link.status).toBe(404);
    expect(link.text).toContain('このリンクは無効です');
  });
});
