import { Account, ScimToken, Session } from '../entities';
import {
  adminToken,
  createAccount,
  defineRole,
  eventually,
  getAccount,
  otherCompanyAdmin,
  readySession,
} from './support/api';
import { createHarness, testSecretBox, type Harness } from './support/harness';

/**
 * SCIM 2.0 Users through the one door: what a token may do, the mapping onto accounts (checked through the normal
 * API), filters and paging, PATCH forms, deletion of unused and used accounts, and refusals that change nothing.
 */
let h: Harness;
let admin: string;
let scim: string;

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function makeToken(session: string, name: string, roleCode: string): Promise<string> {
  const res = await h.http.post('/api/scim/tokens').set(bearer(session)).send({ name, roleCode });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

const scimGet = (path: string, token = scim) => h.http.get(`/scim/v2${path}`).set(bearer(token));
const scimSend = (method: 'post' | 'put' | 'patch', path: string, body: unknown, token = scim) =>
  h.http[method](`/scim/v2${path}`)
    .set(bearer(token))
    .set('Content-Type', 'application/scim+json')
    .send(JSON.stringify(body));

function user(userName: string, employeeNumber: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
    userName,
    externalId: `ext-${employeeNumber}`,
    active: true,
    name: { familyName: '佐藤', givenName: '花子' },
    emails: [{ value: `${employeeNumber.toLowerCase()}@example.test`, type: 'work', primary: true }],
    [enterprise]: { employeeNumber },
    ...extra,
  };
}

async function provision(userName: string, employeeNumber: string, extra: Record<string, unknown> = {}) {
  const res = await scimSend('post', '/Users', user(userName, employeeNumber, extra));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; userName: string };
}

async function accountCount(): Promise<number> {
  return h.db.orm.em.fork().count(Account, {});
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  expect((await h.http.patch('/api/settings').set(bearer(admin)).send({ azureAdEnabled: true })).status).toBe(200);
  expect(
    (await h.http.post('/api/departments').set(bearer(admin)).send({ code: 'D100', name: '営業部', parentCode: '0' }))
      .status,
  ).toBe(201);
  scim = await makeToken(admin, 'Entra ID', 'user-admin');
});

afterAll(async () => {
  await h?.teardown();
});

describe('tokens', () => {
  it('answers the secret once, keeps only its keyed hash, and lists the last use', async () => {
    const made = await h.http
      .post('/api/scim/tokens')
      .set(bearer(admin))
      .send({ name: 'Okta', roleCode: 'user-admin' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(made.body.tenantUrl).toBe('http://localhost:3999/scim/v2');
    const row = await h.db.orm.em.fork().findOneOrFail(ScimToken, made.body.id);
    expect(row.tokenHash).toBe(testSecretBox.hashToken(made.body.token));
    const dump = JSON.stringify(await h.db.orm.em.fork().getConnection().execute('select * from scim_token'));
    expect(dump).not.toContain(made.body.token);
    expect((await scimGet('/ServiceProviderConfig', made.body.token)).status).toBe(200);
    const list = await h.http.get('/api/scim/tokens').set(bearer(admin));
    expect(list.status).toBe(200);
    const listed = list.body.items.find((item: { id: string }) => item.id === made.body.id);
    expect(listed).toMatchObject({ name: 'Okta', roleCode: 'user-admin', createdBy: 'Admin', revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);
  });

  it('refuses a role above the maker, the system administrator role, and makers without settings:write', async () => {
    await defineRole(h, admin, 'hr-admin', ['accounts:read', 'accounts:write', 'settings:read', 'settings:write']);
    const hr = await readySession(h, admin, 'HR01', 'hr-admin');
    const above = await h.http.post('/api/scim/tokens').set(bearer(hr)).send({ name: 'x', roleCode: 'user-admin' });
    expect(above.status).toBe(403);
    expect(above.body.error).toMatchObject({ code: 'ROLE_ABOVE_OWN', field: 'roleCode' });
    const sysAdmin = await h.http
      .post('/api/scim/tokens')
      .set(bearer(admin))
      .send({ name: 'x', roleCode: 'system-admin' });
    expect(sysAdmin.status).toBe(403);
    expect(sysAdmin.body.error.code).toBe('SCIM_TOKEN_NOT_SYSTEM_ADMINISTRATOR');
    const userAdmin = await readySession(h, admin, 'UA01', 'user-admin');
    expect(
      (await h.http.post('/api/scim/tokens').set(bearer(userAdmin)).send({ name: 'x', roleCode: 'employee' })).status,
    ).toBe(403);
    expect((await h.http.get('/api/scim/tokens').set(bearer(userAdmin))).status).toBe(403);
    const employee = await readySession(h, admin, 'EM01', 'employee');
    expect((await h.http.get('/api/scim/tokens').set(bearer(employee))).status).toBe(403);
    expect(await h.db.orm.em.fork().count(ScimToken, { name: 'x' })).toBe(0);
    // A role the maker holds is fine.
    expect(
      (await h.http.post('/api/scim/tokens').set(bearer(hr)).send({ name: 'hr', roleCode: 'hr-admin' })).status,
    ).toBe(201);
  });

  it('opens /scim/v2 only to SCIM tokens, and nothing else to them', async () => {
    const session = await scimGet('/Users', admin);
    expect(session.status).toBe(401);
    expect(session.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(session.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect((await h.http.get('/scim/v2/Users')).status).toBe(401);
    expect((await h.http.get('/api/accounts/Admin').set(bearer(scim))).status).toBe(401);
    expect((await h.http.get('/api/scim/tokens').set(bearer(scim))).status).toBe(401);
  });

  it('a revoked token is refused at once and changes nothing; another company cannot revoke ours', async () => {
    const token = await makeToken(admin, 'to revoke', 'user-admin');
    const list = await h.http.get('/api/scim/tokens').set(bearer(admin));
    const id = list.body.items.find((item: { name: string }) => item.name === 'to revoke').id as string;
    const other = await otherCompanyAdmin(h);
    expect((await h.http.delete(`/api/scim/tokens/${id}`).set(bearer(other))).status).toBe(404);
    expect((await scimGet('/Users', token)).status).toBe(200);
    const revoked = await h.http.delete(`/api/scim/tokens/${id}`).set(bearer(admin));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const before = await accountCount();
    const refused = await scimSend('post', '/Users', user('revoked@example.test', 'RV01'), token);
    expect(refused.status).toBe(401);
    expect(refused.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(await accountCount()).toBe(before);
  });
});

describe('Users', () => {
  it('creates a 未発行 account from a user and the provisioning defaults, shown by the normal API', async () => {
    const created = await scimSend(
      'post',
      '/Users',
      user('Hanako.Sato@example.test', 'S0001', { [enterprise]: { employeeNumber: 'S0001', department: '営業部' } }),
    );
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(created.headers.location).toBe(`http://localhost:3999/scim/v2/Users/${created.body.id}`);
    expect(created.body).toMatchObject({
      userName: 'Hanako.Sato@example.test',
      externalId: 'ext-S0001',
      active: true,
      name: { familyName: '佐藤', givenName: '花子' },
      emails: [{ value: 's0001@example.test', type: 'work', primary: true }],
      [enterprise]: { employeeNumber: 'S0001', department: '営業部' },
      meta: { resourceType: 'User' },
    });
    const account = await getAccount(h, admin, 'S0001');
    expect(account).toMatchObject({
      lastName: '佐藤',
      firstName: '花子',
      shortName: '佐藤',
      emails: ['s0001@example.test', null, null],
      azureAdId: 'Hanako.Sato@example.test',
      disabled: false,
      passwordStatus: 'unissued',
      type: 'own',
    });
    expect(account.current).toMatchObject({ departmentCode: 'D100', controlDepartmentCode: '0', roleCode: 'employee' });
    const read = await scimGet(`/Users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.userName).toBe('Hanako.Sato@example.test');
  });

  it('refuses a userName taken in another case (uniqueness) and a missing employeeNumber under manual numbering', async () => {
    const before = await accountCount();
    const taken = await scimSend('post', '/Users', user('hanako.sato@EXAMPLE.test', 'S0002'));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const noCode = await scimSend('post', '/Users', { ...user('nocode@example.test', 'X'), [enterprise]: {} });
    expect(noCode.status).toBe(400);
    expect(noCode.body).toMatchObject({ scimType: 'invalidValue' });
    expect(noCode.body.detail).toContain('employeeNumber');
    expect(await accountCount()).toBe(before);
  });

  it('filters by userName, externalId, the work address and active, with paging', async () => {
    await provision('f1@example.test', 'F0001');
    await provision('f2@example.test', 'F0002', { active: false });
    const byUserName = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "F1@example.test"')}`);
    expect(byUserName.status).toBe(200);
    expect(byUserName.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(byUserName.body.Resources[0].userName).toBe('f1@example.test');
    const none = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "non-existent user"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    const byExternal = await scimGet(`/Users?filter=${encodeURIComponent('externalId eq "ext-F0002"')}`);
    expect(byExternal.body.Resources.map((r: { userName: string }) => r.userName)).toEqual(['f2@example.test']);
    const byWork = await scimGet(
      `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "f0002@example.test"')}`,
    );
    expect(byWork.body.totalResults).toBe(1);
    const both = await scimGet(`/Users?filter=${encodeURIComponent('externalId eq "ext-F0002" and active eq true')}`);
    expect(both.body.totalResults).toBe(0);
    const inactive = await scimGet(`/Users?filter=${encodeURIComponent('active eq false')}`);
    expect(inactive.body.Resources.map((r: { userName: string }) => r.userName)).toContain('f2@example.test');
    const all = await scimGet('/Users');
    const total = all.body.totalResults as number;
    expect(total).toBeGreaterThanOrEqual(5);
    const page = await scimGet('/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(
      all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id),
    );
  });

  it('answers invalidFilter for filters it cannot parse or does not support', async () => {
    for (const filter of [
      'userName eq',
      'userName co "a"',
      'title eq "x"',
      'userName eq "a" or userName eq "b"',
      'x'.repeat(2000),
    ]) {
      const res = await scimGet(`/Users?filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
  });
});

it('keeps the directory’s whole name while the account holds its first 10 characters (姓/名 are at most 10)', async () => {
  const created = await scimSend(
    'post',
    '/Users',
    user('long@example.test', 'S0003', { name: { familyName: 'updatedFamilyName', givenName: 'Maximiliane' } }),
  );
  expect(created.status).toBe(201);
  expect(created.body.name).toEqual({ familyName: 'updatedFamilyName', givenName: 'Maximiliane' });
  expect(await getAccount(h, admin, 'S0003')).toMatchObject({
    lastName: 'updatedFam',
    firstName: 'Maximilian',
    shortName: 'update',
  });
  // Once the console changes the name, SCIM answers the account's.
  await h.http.patch('/api/accounts/S0003').set(bearer(admin)).send({ lastName: '山本' });
  expect((await scimGet(`/Users/${created.body.id}`)).body.name.familyName).toBe('山本');
});

describe('PATCH, PUT and DELETE', () => {
  it('replaces names and the work address, ignores attributes it does not keep, and keeps the console fields', async () => {
    const { id } = await provision('p1@example.test', 'P0001');
    expect(
      (await h.http.patch('/api/accounts/P0001').set(bearer(admin)).send({ lastNameKana: 'サトウ', shortName: 'さと' }))
        .status,
    ).toBe(200);
    const res = await scimSend('patch', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updated@example.test' },
        { op: 'Replace', path: 'name.familyName', value: '鈴木' },
        { op: 'Add', path: 'name.givenName', value: '一郎' },
        { op: 'Add', path: 'title', value: 'Engineer' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.emails[0]).toMatchObject({ value: 'updated@example.test', type: 'work' });
    const account = await getAccount(h, admin, 'P0001');
    expect(account).toMatchObject({
      lastName: '鈴木',
      firstName: '一郎',
      lastNameKana: 'サトウ',
      shortName: 'さと',
      emails: ['updated@example.test', null, null],
    });
  });

  it('disables with "False" (and a PATCH without path), ending the account’s sessions at once; enables again', async () => {
    const session = await readySession(h, admin, 'L0001', 'employee');
    await h.http.patch('/api/accounts/L0001').set(bearer(admin)).send({ azureAdId: 'l0001@example.test' });
    const found = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "l0001@example.test"')}`);
    const id = found.body.Resources[0].id as string;
    expect((await h.http.get('/api/auth/me').set(bearer(session))).status).toBe(200);
    const off = await scimSend('patch', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await getAccount(h, admin, 'L0001')).disabled).toBe(true);
    expect((await h.http.get('/api/auth/me').set(bearer(session))).status).toBe(401);
    const revoked = await h.db.orm.em.fork().count(Session, { account: { code: 'L0001' }, revokedAt: null });
    expect(revoked).toBe(0);
    const on = await scimSend('patch', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: true, 'name.givenName': '次郎' } }],
    });
    expect(on.status).toBe(200);
    expect(await getAccount(h, admin, 'L0001')).toMatchObject({ disabled: false, firstName: '次郎' });
  });

  it('PUT replaces the whole user (Okta), keeping externalId when left out; the department follows by code', async () => {
    const { id } = await provision('put@example.test', 'U0001');
    const res = await scimSend('put', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id,
      userName: 'put@example.test',
      name: { givenName: 'Another', familyName: 'User' },
      emails: [{ primary: true, value: 'another@example.test', type: 'work' }],
      displayName: 'Another User',
      locale: 'en-US',
      groups: [],
      password: '1mz050nq',
      active: true,
      [enterprise]: { department: 'D100' },
    });
    expect(res.status).toBe(200);
    expect(res.body.externalId).toBe('ext-U0001');
    const account = await getAccount(h, admin, 'U0001');
    expect(account).toMatchObject({
      lastName: 'User',
      firstName: 'Another',
      emails: ['another@example.test', null, null],
    });
    expect(account.current.departmentCode).toBe('D100');
  });

  it('DELETE removes an unused account, and disables (never deletes) one that has logged in', async () => {
    const { id } = await provision('gone@example.test', 'G0001');
    expect((await h.http.delete(`/scim/v2/Users/${id}`).set(bearer(scim))).status).toBe(204);
    expect((await h.http.get('/api/accounts/G0001').set(bearer(admin))).status).toBe(404);
    expect((await scimGet(`/Users/${id}`)).status).toBe(404);

    await readySession(h, admin, 'G0002', 'employee');
    await h.http.patch('/api/accounts/G0002').set(bearer(admin)).send({ azureAdId: 'g0002@example.test' });
    const found = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "g0002@example.test"')}`);
    const used = found.body.Resources[0].id as string;
    expect((await h.http.delete(`/scim/v2/Users/${used}`).set(bearer(scim))).status).toBe(204);
    expect((await getAccount(h, admin, 'G0002')).disabled).toBe(true);
    expect((await scimGet(`/Users/${used}`)).status).toBe(404);
    const listed = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "g0002@example.test"')}`);
    expect(listed.body.totalResults).toBe(0);
  });
});

describe('refusals change nothing', () => {
  it('a token whose role lacks accounts:write reads but cannot write', async () => {
    await defineRole(h, admin, 'viewer', ['accounts:read']);
    const viewer = await makeToken(admin, 'viewer', 'viewer');
    expect((await scimGet('/Users', viewer)).status).toBe(200);
    const before = await accountCount();
    const res = await scimSend('post', '/Users', user('viewer@example.test', 'V0001'), viewer);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: '403' });
    expect(await accountCount()).toBe(before);
    const { id } = await provision('viewed@example.test', 'V0002');
    const patch = await scimSend(
      'patch',
      `/Users/${id}`,
      { schemas: [patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] },
      viewer,
    );
    expect(patch.status).toBe(403);
    expect((await getAccount(h, admin, 'V0002')).disabled).toBe(false);
  });

  it('never touches Admin, nor an account whose role holds more than the token’s (a custom role)', async () => {
    await defineRole(h, admin, 'provisioner', ['accounts:read', 'accounts:write']);
    const provisioner = await makeToken(admin, 'provisioner', 'provisioner');
    const adminUser = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "Admin"')}`, provisioner);
    const adminId = adminUser.body.Resources[0].id as string;
    for (const token of [scim, provisioner]) {
      const res = await scimSend(
        'patch',
        `/Users/${adminId}`,
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] },
        token,
      );
      expect(res.status).toBe(403);
      expect((await h.http.delete(`/scim/v2/Users/${adminId}`).set(bearer(token))).status).toBe(403);
    }
    expect((await getAccount(h, admin, 'Admin')).disabled).toBe(false);
    await createAccount(h, admin, { code: 'UA02', roleCode: 'user-admin', azureAdId: 'ua02@example.test' });
    const ua = await scimGet(`/Users?filter=${encodeURIComponent('userName eq "ua02@example.test"')}`, provisioner);
    const res = await scimSend(
      'patch',
      `/Users/${ua.body.Resources[0].id}`,
      { schemas: [patchOp], Operations: [{ op: 'replace', path: 'name.givenName', value: '変更' }] },
      provisioner,
    );
    expect(res.status).toBe(403);
    expect((await getAccount(h, admin, 'UA02')).firstName).toBe('太郎');
    // The defaults cannot hand out a role above the token's: registration asks the policy with the token's role.
    expect(
      (await h.http.patch('/api/scim/provisioning').set(bearer(admin)).send({ roleCode: 'user-admin' })).status,
    ).toBe(200);
    const before = await accountCount();
    const created = await scimSend('post', '/Users', user('promoted@example.test', 'PR01'), provisioner);
    expect(created.status).toBe(403);
    expect(await accountCount()).toBe(before);
    expect(
      (await h.http.patch('/api/scim/provisioning').set(bearer(admin)).send({ roleCode: 'employee' })).status,
    ).toBe(200);
  });

  it('another company’s user ids do not exist for a token', async () => {
    const otherAdmin = await otherCompanyAdmin(h);
    const otherToken = await makeToken(otherAdmin, 'other', 'user-admin');
    const { id } = await provision('mine@example.test', 'M0001');
    expect((await scimGet(`/Users/${id}`, otherToken)).status).toBe(404);
    const patch = await scimSend(
      'patch',
      `/Users/${id}`,
      { schemas: [patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] },
      otherToken,
    );
    expect(patch.status).toBe(404);
    expect((await h.http.delete(`/scim/v2/Users/${id}`).set(bearer(otherToken))).status).toBe(404);
    expect((await getAccount(h, admin, 'M0001')).disabled).toBe(false);
    const list = await scimGet('/Users', otherToken);
    expect(list.body.Resources.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});

describe('hostile input', () => {
  it('answers 400 invalidSyntax / invalidValue or 413 in SCIM’s shape, never 5xx', async () => {
    const before = await accountCount();
    const malformed = await h.http
      .post('/scim/v2/Users')
      .set(bearer(scim))
      .set('Content-Type', 'application/scim+json')
      .send('{"userName": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ scimType: 'invalidSyntax' });
    const deep = await h.http
      .post('/scim/v2/Users')
      .set(bearer(scim))
      .set('Content-Type', 'application/scim+json')
      .send(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(deep.status).toBe(400);
    expect(deep.body).toMatchObject({ scimType: 'invalidSyntax' });
    const large = await h.http
      .post('/scim/v2/Users')
      .set(bearer(scim))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ userName: 'x'.repeat(2 * 1024 * 1024) }));
    expect(large.status).toBe(413);
    expect(large.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    const nul = await scimSend('post', '/Users', user('nul\u0000@example.test', 'N0001'));
    expect(nul.status).toBe(400);
    const badPatch = await scimSend('patch', `/Users/${(await scimGet('/Users?count=1')).body.Resources[0].id}`, {
      Operations: 'x',
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body).toMatchObject({ scimType: 'invalidSyntax' });
    const badIndex = await scimGet('/Users?startIndex=abc');
    expect(badIndex.status).toBe(400);
    expect((await scimGet('/Users/not-a-uuid')).status).toBe(404);
    expect(await accountCount()).toBe(before);
  });

  it('limits the requests of one token', async () => {
    const limited = h.appWith({
      rateLimits: {
        loginPerIpPerMinute: 30,
        loginFailuresPerAccountPerQuarterHour: 10,
        pagesPerIpPerMinute: 60,
        scimRequestsPerTokenPerMinute: 2,
      },
    });
    const token = await makeToken(admin, 'limited', 'user-admin');
    const request = (await import('supertest')).default;
    expect((await request(limited.app).get('/scim/v2/Users').set(bearer(token))).status).toBe(200);
    expect((await request(limited.app).get('/scim/v2/Users').set(bearer(token))).status).toBe(200);
    const third = await request(limited.app).get('/scim/v2/Users').set(bearer(token));
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
    expect(third.body).toMatchObject({ status: '429' });
    expect((await scimGet('/Users')).status).toBe(200);
  });
});

describe('issuance on create', () => {
  it('starts the verification mail of a new hire when the company asks for it (e-mail channel)', async () => {
    const defaults = await h.http.patch('/api/scim/provisioning').set(bearer(admin)).send({ issueOnCreate: true });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ issueOnCreate: true, roleCode: 'employee', type: 'own' });
    await provision('hire@example.test', 'H0001');
    const mail = await h.smtp.waitFor((m) => m.to.includes('h0001@example.test'));
    expect(mail.text).toContain('/verify/');
    // The state follows the mail in the workflow's activity.
    await eventually(async () =>
      expect(await getAccount(h, admin, 'H0001')).toMatchObject({ passwordStatus: 'issuing', authStatus: 'pending' }),
    );
    expect(
      (await h.http.patch('/api/scim/provisioning').set(bearer(admin)).send({ issueOnCreate: false })).status,
    ).toBe(200);
  });

  it('refuses defaults an employee or a custom role without settings:write would set, and unknown codes', async () => {
    const employee = await readySession(h, admin, 'EM02', 'employee');
    expect(
      (await h.http.patch('/api/scim/provisioning').set(bearer(employee)).send({ issueOnCreate: true })).status,
    ).toBe(403);
    const unknown = await h.http.patch('/api/scim/provisioning').set(bearer(admin)).send({ departmentCode: 'NOPE' });
    expect(unknown.status).toBe(400);
    expect((await h.http.get('/api/scim/provisioning').set(bearer(admin))).body).toMatchObject({
      departmentCode: '0',
      issueOnCreate: false,
    });
  });
});

describe('replays of the documented requests', () => {
  it('Entra ID (Microsoft’s SCIM endpoint tutorial): filter before create, create, PATCH forms, soft and hard delete', async () => {
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
    const before = await scimGet(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(before.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scimSend('post', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [enterprise]: { employeeNumber: 'ENTRA01' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patch = (Operations: unknown[]) => scimSend('patch', `/Users/${id}`, { schemas: [patchOp], Operations });
    expect(
      (
        await patch([
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        ])
      ).status,
    ).toBe(200);
    expect(
      (await patch([{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }]))
        .status,
    ).toBe(200);
    expect(await getAccount(h, admin, 'ENTRA01')).toMatchObject({
      lastName: 'updatedFam',
      firstName: 'givenName',
      emails: ['updatedEmail@microsoft.com', null, null],
      azureAdId: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
      disabled: false,
    });
    expect((await patch([{ op: 'Replace', path: 'active', value: false }])).status).toBe(200);
    expect((await getAccount(h, admin, 'ENTRA01')).disabled).toBe(true);
    expect((await h.http.delete(`/scim/v2/Users/${id}`).set(bearer(scim))).status).toBe(204);
    expect((await h.http.get('/api/accounts/ENTRA01').set(bearer(admin))).status).toBe(404);
  });

  it('Okta (its SCIM 2.0 reference): filter with paging, create with a password it ignores, PUT, deactivate', async () => {
    const filter = await scimGet(
      `/Users?filter=${encodeURIComponent('userName eq "test.user@okta.local"')}&startIndex=1&count=100`,
    );
    expect(filter.body.totalResults).toBe(0);
    const created = await scimSend('post', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
      [enterprise]: { employeeNumber: 'OKTA01' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const put = await scimSend('put', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id,
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Another User',
      locale: 'en-US',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(put.status).toBe(200);
    expect(put.body.externalId).toBe('00ujl29u0le5T6Aj10h7');
    const off = await scimSend('patch', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.status).toBe(200);
    const account = await getAccount(h, admin, 'OKTA01');
    expect(account).toMatchObject({
      firstName: 'Another',
      lastName: 'User',
      disabled: true,
      passwordStatus: 'unissued',
    });
    const dump = JSON.stringify(await h.db.orm.em.fork().getConnection().execute('select * from account'));
    expect(dump).not.toContain('1mz050nq');
  });
});
