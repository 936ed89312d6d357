import { permissions } from '../lib/permissions';
import { adminToken } from './support/api';
import { createHarness, type Harness } from './support/harness';
import { insertAccount, insertAccountRank, insertHistory, insertTransfer } from './support/rows';

/** Roles, employee ranks, contractors and customers, and projects, through the API against a real database. */
let h: Harness;
let admin: string;

const password = 'Reference-test-passw0rd';

function api(method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: unknown, token = admin) {
  const req = h.http[method](path).set('Authorization', `Bearer ${token}`);
  return body === undefined ? req : req.send(body as object);
}

async function created(path: string, body: Record<string, unknown>) {
  const res = await api('post', path, body);
  if (res.status !== 201) {
    throw new Error(`POST ${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

async function tokenOf(code: string): Promise<string> {
  const res = await h.http.post('/api/auth/login').send({ companyCode: 'acme', loginId: code, password });
  if (res.status !== 200) throw new Error(`login ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

describe('roles', () => {
  it('lists the built-in roles with their permissions', async () => {
    const res = await api('get', '/api/roles');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { code: 'system-admin', name: 'システム管理者', permissions: [...permissions], builtIn: true },
        expect.objectContaining({
          code: 'user-admin',
          builtIn: true,
          permissions: expect.arrayContaining(['reference:read']),
        }),
        { code: 'employee', name: '一般', permissions: [], builtIn: true },
      ]),
    );
  });

  it('creates a role with its permissions, counting duplicates once, in the order of the list', async () => {
    const role = await created('/api/roles', {
      code: 'auditor',
      name: '監査',
      permissions: ['settings:read', 'accounts:read', 'settings:read'],
    });
    expect(role).toEqual({
      code: 'auditor',
      name: '監査',
      permissions: ['accounts:read', 'settings:read'],
      builtIn: false,
    });
    expect((await api('get', '/api/roles/auditor')).body).toEqual(role);
  });

  it.each([
    ['an unknown permission', { code: 'r1', name: 'x', permissions: ['accounts:read', 'root'] }, 400, 'permissions.1'],
    ['permissions not a list', { code: 'r1', name: 'x', permissions: 'accounts:read' }, 400, 'permissions'],
    ['no permissions field', { code: 'r1', name: 'x' }, 400, 'permissions'],
    ['a code over 20', { code: 'r'.repeat(21), name: 'x', permissions: [] }, 400, 'code'],
    ['a code with a space', { code: 'r 1', name: 'x', permissions: [] }, 400, 'code'],
    ['a name over 50', { code: 'r1', name: 'x'.repeat(51), permissions: [] }, 400, 'name'],
    ['a taken code', { code: 'employee', name: 'x', permissions: [] }, 409, 'code'],
  ])('refuses to create a role with %s', async (_what, body, status, field) => {
    const res = await api('post', '/api/roles', body);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect((await api('get', '/api/roles/r1')).status).toBe(404);
  });

  it('changes the name and permissions of a role', async () => {
    const res = await api('patch', '/api/roles/auditor', { name: '監査役', permissions: ['reference:read'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '監査役', permissions: ['reference:read'] });
    const bad = await api('patch', '/api/roles/auditor', { permissions: ['reference:read', 'everything'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('permissions.1');
  });

  it('keeps every permission on the system administrator role, but lets it be renamed', async () => {
    const fewer = await api('patch', '/api/roles/system-admin', { permissions: ['accounts:read'] });
    expect(fewer.status).toBe(409);
    expect(fewer.body.error).toMatchObject({ code: 'SYSTEM_ADMIN_ROLE_KEEPS_PERMISSIONS', field: 'permissions' });
    const renamed = await api('patch', '/api/roles/system-admin', { name: '管理者' });
    expect(renamed.body).toMatchObject({ name: '管理者', permissions: [...permissions] });
    const same = await api('patch', '/api/roles/system-admin', { permissions: [...permissions].reverse() });
    expect(same.status).toBe(200);
  });

  it.each([
    ['system-admin', 'ROLE_IS_BUILT_IN'],
    ['user-admin', 'ROLE_IS_BUILT_IN'],
    ['employee', 'ROLE_IS_BUILT_IN'],
  ])('refuses to delete the built-in role %s', async (code, reason) => {
    const res = await api('delete', `/api/roles/${code}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe(reason);
  });

  it('refuses to delete a role while accounts, transfers or history use it, and deletes it after', async () => {
    await created('/api/roles', { code: 'by-account', name: 'a', permissions: [] });
    await created('/api/roles', { code: 'by-transfer', name: 't', permissions: [] });
    await created('/api/roles', { code: 'by-history', name: 'h', permissions: [] });
    await insertAccount(h, { code: 'ROLE1', role: 'by-account' });
    await insertTransfer(h, 'ROLE1', { role: 'by-transfer' });
    await insertHistory(h, 'ROLE1', { role: 'by-history' });
    for (const [code, reason] of [
      ['by-account', 'ROLE_USED_BY_ACCOUNTS'],
      ['by-transfer', 'ROLE_USED_BY_TRANSFERS'],
      ['by-history', 'ROLE_USED_BY_HISTORY'],
    ]) {
      const res = await api('delete', `/api/roles/${code}`);
      expect([code, res.status, res.body.error?.code]).toEqual([code, 409, reason]);
    }
    expect((await api('delete', '/api/roles/auditor')).status).toBe(204);
    expect((await api('get', '/api/roles/auditor')).status).toBe(404);
    expect((await api('delete', '/api/roles/auditor')).status).toBe(404);
  });
});

describe('employee ranks (社員ランク)', () => {
  it('lists ranks by sort order, then code, and filters by active', async () => {
    await created('/api/ranks', { code: 'S3', name: '主任', sortOrder: 3 });
    await created('/api/ranks', { code: 'S1', name: '部長', sortOrder: 1 });
    await created('/api/ranks', { code: 'S2', name: '課長', sortOrder: 1, active: false });
    const all = await api('get', '/api/ranks');
    expect(all.body.items).toEqual([
      { code: 'S1', name: '部長', active: true, sortOrder: 1 },
      { code: 'S2', name: '課長', active: false, sortOrder: 1 },
      { code: 'S3', name: '主任', active: true, sortOrder: 3 },
    ]);
    const active = await api('get', '/api/ranks?active=true');
    expect(active.body.items.map((rank: { code: string }) => rank.code)).toEqual(['S1', 'S3']);
    const inactive = await api('get', '/api/ranks?active=false');
    expect(inactive.body.items.map((rank: { code: string }) => rank.code)).toEqual(['S2']);
    expect((await api('get', '/api/ranks?active=yes')).body.error.field).toBe('active');
  });

  it('renames, reorders and deactivates a rank', async () => {
    const res = await api('patch', '/api/ranks/S3', { name: '係長', active: false, sortOrder: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 'S3', name: '係長', active: false, sortOrder: 0 });
    expect((await api('get', '/api/ranks/S3')).body).toEqual(res.body);
  });

  it.each([
    ['a taken code', { code: 'S1', name: 'x' }, 409, 'RANK_CODE_TAKEN', 'code'],
    ['a code over 10', { code: 'S'.repeat(11), name: 'x' }, 400, 'VALIDATION_FAILED', 'code'],
    ['a full-width code', { code: 'Ｓ９', name: 'x' }, 400, 'VALIDATION_FAILED', 'code'],
    ['a name over 30', { code: 'S9', name: 'x'.repeat(31) }, 400, 'VALIDATION_FAILED', 'name'],
    ['active as a string', { code: 'S9', name: 'x', active: 'yes' }, 400, 'VALIDATION_FAILED', 'active'],
    ['a fractional sort order', { code: 'S9', name: 'x', sortOrder: 1.5 }, 400, 'VALIDATION_FAILED', 'sortOrder'],
  ])('refuses to create a rank with %s', async (_what, body, status, code, field) => {
    const res = await api('post', '/api/ranks', body);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, field });
    expect((await api('get', '/api/ranks/S9')).status).toBe(404);
  });

  it('refuses to delete a rank in any rank history, and deletes an unused one', async () => {
    await insertAccount(h, { code: 'RANK1' });
    await insertAccountRank(h, 'RANK1', 'S1');
    const used = await api('delete', '/api/ranks/S1');
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('RANK_IN_USE');
    expect((await api('delete', '/api/ranks/S2')).status).toBe(204);
    expect((await api('get', '/api/ranks/S2')).status).toBe(404);
  });
});

describe('contractors and customers (委託先/顧客)', () => {
  it('keeps contractors and customers apart: the same code may be both, and the list filters by kind', async () => {
    await created('/api/partners', { kind: 'contractor', code: 'C001-01', name: '委託先A' });
    await created('/api/partners', { kind: 'customer', code: 'C001-01', name: '顧客A' });
    await created('/api/partners', { kind: 'customer', code: 'K002-1', name: '顧客B' });
    const all = await api('get', '/api/partners');
    expect(all.body.items).toEqual([
      { kind: 'contractor', code: 'C001-01', name: '委託先A' },
      { kind: 'customer', code: 'C001-01', name: '顧客A' },
      { kind: 'customer', code: 'K002-1', name: '顧客B' },
    ]);
    const customers = await api('get', '/api/partners?kind=customer');
    expect(customers.body.items.map((p: { code: string }) => p.code)).toEqual(['C001-01', 'K002-1']);
    expect((await api('get', '/api/partners?kind=vendor')).body.error.field).toBe('kind');
    expect((await api('get', '/api/partners/customer/K002-1')).body.name).toBe('顧客B');
  });

  it.each([
    ['no branch', { kind: 'contractor', code: 'C001', name: 'x' }, 'code'],
    ['two hyphens', { kind: 'contractor', code: 'C0-01-1', name: 'x' }, 'code'],
    ['an empty branch', { kind: 'contractor', code: 'C001-', name: 'x' }, 'code'],
    ['an empty code part', { kind: 'contractor', code: '-01', name: 'x' }, 'code'],
    ['over 11 characters', { kind: 'contractor', code: 'C0000001-001', name: 'x' }, 'code'],
    ['full-width characters', { kind: 'contractor', code: 'Ｃ１-01', name: 'x' }, 'code'],
    ['an unknown kind', { kind: 'vendor', code: 'C009-01', name: 'x' }, 'kind'],
    ['a name over 30', { kind: 'contractor', code: 'C009-01', name: 'x'.repeat(31) }, 'name'],
    ['no name', { kind: 'contractor', code: 'C009-01' }, 'name'],
  ])('refuses a partner with %s → 400 on %s', async (_what, body, field) => {
    const res = await api('post', '/api/partners', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect((await api('get', '/api/partners')).body.items).toHaveLength(3);
  });

  it('refuses a taken code of the same kind with 409', async () => {
    const res = await api('post', '/api/partners', { kind: 'customer', code: 'K002-1', name: 'again' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'PARTNER_CODE_TAKEN', field: 'code' });
  });

  it('renames a partner and refuses anything else in the update', async () => {
    const res = await api('patch', '/api/partners/contractor/C001-01', { name: '委託先A社' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'contractor', code: 'C001-01', name: '委託先A社' });
    const recode = await api('patch', '/api/partners/contractor/C001-01', { name: 'x', code: 'C001-02' });
    expect(recode.status).toBe(400);
    expect(recode.body.error.field).toBe('code');
    expect((await api('patch', '/api/partners/contractor/K002-1', { name: 'x' })).status).toBe(404);
  });

  it('refuses to delete a partner while accounts belong to it', async () => {
    await insertAccount(h, { code: 'CUST1', partner: { kind: 'customer', code: 'C001-01' } });
    const used = await api('delete', '/api/partners/customer/C001-01');
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('PARTNER_IN_USE');
    expect((await api('delete', '/api/partners/contractor/C001-01')).status).toBe(204);
    expect((await api('get', '/api/partners/customer/C001-01')).status).toBe(200);
  });
});

describe('projects', () => {
  beforeAll(async () => {
    for (const code of ['PM1', 'PM2', 'PL1', 'MEM1', 'MEM2']) await insertAccount(h, { code });
  });

  it('creates a project with its members, PM first', async () => {
    const project = await created('/api/projects', {
      code: 'P2026001-01',
      name: '基幹システム刷新',
      members: [
        { accountCode: 'MEM1', projectRole: 'member' },
        { accountCode: 'PL1', projectRole: 'pl' },
        { accountCode: 'PM1', projectRole: 'pm' },
      ],
    });
    expect(project).toEqual({
      code: 'P2026001-01',
      name: '基幹システム刷新',
      members: [
        { accountCode: 'PM1', lastName: '試験', firstName: 'PM1', projectRole: 'pm' },
        { accountCode: 'PL1', lastName: '試験', firstName: 'PL1', projectRole: 'pl' },
        { accountCode: 'MEM1', lastName: '試験', firstName: 'MEM1', projectRole: 'member' },
      ],
    });
    expect((await api('get', '/api/projects/P2026001-01')).body).toEqual(project);
    const list = await api('get', '/api/projects');
    expect(list.body.items).toEqual([project]);
  });

  it.each([
    [
      'an unknown member',
      {
        members: [
          { accountCode: 'PM2', projectRole: 'pl' },
          { accountCode: 'NOBODY', projectRole: 'member' },
        ],
      },
      400,
      'UNKNOWN_ACCOUNT',
      'members.1.accountCode',
    ],
    [
      'two PMs',
      {
        members: [
          { accountCode: 'PM1', projectRole: 'pm' },
          { accountCode: 'PM2', projectRole: 'pm' },
        ],
      },
      409,
      'PROJECT_HAS_PM',
      'members.1.projectRole',
    ],
    [
      'one account twice',
      {
        members: [
          { accountCode: 'MEM1', projectRole: 'pl' },
          { accountCode: 'MEM1', projectRole: 'member' },
        ],
      },
      400,
      'DUPLICATE_MEMBER',
      'members.1.accountCode',
    ],
    [
      'an unknown project role',
      { members: [{ accountCode: 'MEM1', projectRole: 'boss' }] },
      400,
      'VALIDATION_FAILED',
      'members.0.projectRole',
    ],
    ['a code over 23', { code: 'P2026001-0123456789012345' }, 400, 'VALIDATION_FAILED', 'code'],
    ['a code without branch', { code: 'P2026009' }, 400, 'VALIDATION_FAILED', 'code'],
    ['a name over 50', { name: 'x'.repeat(51) }, 400, 'VALIDATION_FAILED', 'name'],
    ['a taken code', { code: 'P2026001-01' }, 409, 'PROJECT_CODE_TAKEN', 'code'],
  ])('refuses to create a project with %s', async (_what, override, status, code, field) => {
    const res = await api('post', '/api/projects', { code: 'P2026009-01', name: 'x', ...override });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, field });
    expect((await api('get', '/api/projects')).body.items).toHaveLength(1);
  });

  it('adds, re-roles and removes single members, with at most one PM', async () => {
    const path = '/api/projects/P2026001-01/members';
    const secondPm = await api('post', path, { accountCode: 'PM2', projectRole: 'pm' });
    expect(secondPm.status).toBe(409);
    expect(secondPm.body.error).toMatchObject({ code: 'PROJECT_HAS_PM', field: 'projectRole' });
    const again = await api('post', path, { accountCode: 'MEM1', projectRole: 'pl' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_MEMBER', field: 'accountCode' });
    const unknown = await api('post', path, { accountCode: 'NOBODY', projectRole: 'member' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_ACCOUNT', field: 'accountCode' });

    const added = await api('post', path, { accountCode: 'MEM2', projectRole: 'member' });
    expect(added.status).toBe(201);
    expect(added.body.members.map((m: { accountCode: string }) => m.accountCode)).toEqual([
      'PM1',
      'PL1',
      'MEM1',
      'MEM2',
    ]);

    const promote = await api('patch', `${path}/MEM2`, { projectRole: 'pm' });
    expect(promote.status).toBe(409);
    expect(promote.body.error.code).toBe('PROJECT_HAS_PM');
    expect((await api('patch', `${path}/PM1`, { projectRole: 'pm' })).status).toBe(200);
    expect((await api('patch', `${path}/PM1`, { projectRole: 'pl' })).status).toBe(200);
    const promoted = await api('patch', `${path}/MEM2`, { projectRole: 'pm' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.members[0]).toMatchObject({ accountCode: 'MEM2', projectRole: 'pm' });

    expect((await api('delete', `${path}/MEM1`)).status).toBe(204);
    const gone = await api('delete', `${path}/MEM1`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('MEMBER_NOT_FOUND');
    expect(
      (await api('post', '/api/projects/P9999999-01/members', { accountCode: 'MEM1', projectRole: 'pl' })).status,
    ).toBe(404);
  });

  it('lets only one of two simultaneous PM additions through', async () => {
    await created('/api/projects', { code: 'P2026002-01', name: '同時', members: [] });
    const path = '/api/projects/P2026002-01/members';
    const results = await Promise.all([
      api('post', path, { accountCode: 'PM1', projectRole: 'pm' }),
      api('post', path, { accountCode: 'PM2', projectRole: 'pm' }),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    const project = await api('get', '/api/projects/P2026002-01');
    expect(project.body.members.filter((m: { projectRole: string }) => m.projectRole === 'pm')).toHaveLength(1);
  });

  it('renames a project and replaces its whole membership', async () => {
    const res = await api('patch', '/api/projects/P2026002-01', {
      name: '同時（改）',
      members: [
        { accountCode: 'MEM1', projectRole: 'pm' },
        { accountCode: 'PM1', projectRole: 'member' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('同時（改）');
    expect(
      res.body.members.map((m: { accountCode: string; projectRole: string }) => [m.accountCode, m.projectRole]),
    ).toEqual([
      ['MEM1', 'pm'],
      ['PM1', 'member'],
    ]);
    const twoPms = await api('patch', '/api/projects/P2026002-01', {
      members: [
        { accountCode: 'MEM1', projectRole: 'pm' },
        { accountCode: 'PM1', projectRole: 'pm' },
      ],
    });
    expect(twoPms.status).toBe(409);
    expect((await api('get', '/api/projects/P2026002-01')).body.members).toHaveLength(2);
  });

  it('deletes a project with its membership', async () => {
    expect((await api('delete', '/api/projects/P2026002-01')).status).toBe(204);
    expect((await api('get', '/api/projects/P2026002-01')).status).toBe(404);
    expect((await api('delete', '/api/projects/P2026002-01')).status).toBe(404);
  });
});

describe('who may read and write reference data', () => {
  it('lets a user administrator read but not write, and an employee neither', async () => {
    await insertAccount(h, { code: 'UADM', role: 'user-admin', password });
    await insertAccount(h, { code: 'EMP', password });
    const userAdmin = await tokenOf('UADM');
    const employee = await tokenOf('EMP');
    for (const path of ['/api/roles', '/api/ranks', '/api/partners', '/api/projects']) {
      expect([path, (await api('get', path, undefined, userAdmin)).status]).toEqual([path, 200]);
      expect([path, (await api('post', path, {}, userAdmin)).status]).toEqual([path, 403]);
      expect([path, (await api('get', path, undefined, employee)).status]).toEqual([path, 403]);
    }
  });
});
