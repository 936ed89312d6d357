import { Account, Company, Department } from '../entities';
import { bootstrapCompany } from '../lib/bootstrap';
import { visibleDepartmentIds } from '../domain/organisation/department-scope';
import { adminToken } from './support/api';
import { companyCode, createHarness, type Harness } from './support/harness';
import { insertAccount, insertHistory, insertTransfer } from './support/rows';

/**
 * The HR organisation chart (部門), the reporting chart (集計用組織図) and control departments
 * (コントロール部門), through the API against a real database.
 */
let h: Harness;
let admin: string;

const password = 'Chart-test-passw0rd';

function api(method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: unknown, token = admin) {
  const req = h.http[method](path).set('Authorization', `Bearer ${token}`);
  return body === undefined ? req : req.send(body as object);
}

async function created(path: string, body: Record<string, unknown>) {
  const res = await api('post', path, body);
  if (res.status !== 201)
    throw new Error(`POST ${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function codes(path: string): Promise<string[]> {
  const res = await api('get', path);
  expect(res.status).toBe(200);
  return (res.body.items as { code: string }[]).map((item) => item.code);
}

async function tokenOf(code: string, company = companyCode): Promise<string> {
  const res = await h.http.post('/api/auth/login').send({ companyCode: company, loginId: code, password });
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

describe('the HR chart', () => {
  beforeAll(async () => {
    await created('/api/departments', { code: 'T200', name: '営業本部', parentCode: '0', sortOrder: 2 });
    await created('/api/departments', { code: 'T100', name: '開発本部', parentCode: '0', sortOrder: 1 });
    await created('/api/departments', { code: 'T120', name: '開発二部', parentCode: 'T100' });
    await created('/api/departments', { code: 'T110', name: '開発一部', parentCode: 'T100' });
    await created('/api/departments', { code: 'T111', name: '第一課', parentCode: 'T110' });
  });

  it('lists the chart as a tree: the root first, parents before children, siblings by sort order then code', async () => {
    const res = await api('get', '/api/departments');
    expect(res.status).toBe(200);
    const rows = (res.body.items as { code: string; parentCode: string | null; depth: number; path: string[] }[])
      .filter((item) => item.code === '0' || item.code.startsWith('T'))
      .map(({ code, parentCode, depth, path }) => ({ code, parentCode, depth, path: path.join('/') }));
    expect(rows).toEqual([
      { code: '0', parentCode: null, depth: 0, path: '0' },
      { code: 'T100', parentCode: '0', depth: 1, path: '0/T100' },
      { code: 'T110', parentCode: 'T100', depth: 2, path: '0/T100/T110' },
      { code: 'T111', parentCode: 'T110', depth: 3, path: '0/T100/T110/T111' },
      { code: 'T120', parentCode: 'T100', depth: 2, path: '0/T100/T120' },
      { code: 'T200', parentCode: '0', depth: 1, path: '0/T200' },
    ]);
  });

  it('shows one department with its place in the tree, and 404 for an unknown code', async () => {
    const res = await api('get', '/api/departments/T111');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'T111',
      name: '第一課',
      parentCode: 'T110',
      depth: 3,
      path: ['0', 'T100', 'T110', 'T111'],
      sortOrder: 0,
      approverCode: null,
      validFrom: null,
      validTo: null,
    });
    const root = await api('get', '/api/departments/0');
    expect(root.body).toMatchObject({ code: '0', name: '全社', parentCode: null, depth: 0 });
    const missing = await api('get', '/api/departments/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('DEPARTMENT_NOT_FOUND');
  });

  const badCreates: { name: string; body: Record<string, unknown>; status: number; code: string; field: string }[] = [
    { name: 'no parent', body: { code: 'B1', name: 'x' }, status: 400, code: 'VALIDATION_FAILED', field: 'parentCode' },
    {
      name: 'unknown parent',
      body: { code: 'B1', name: 'x', parentCode: 'NOPE' },
      status: 400,
      code: 'UNKNOWN_PARENT',
      field: 'parentCode',
    },
    {
      name: 'code over 10',
      body: { code: 'B123456789A', name: 'x', parentCode: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'code',
    },
    {
      name: 'full-width code',
      body: { code: 'Ｂ１', name: 'x', parentCode: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'code',
    },
    {
      name: 'code with a slash',
      body: { code: 'B/1', name: 'x', parentCode: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'code',
    },
    {
      name: 'empty code',
      body: { code: '', name: 'x', parentCode: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'code',
    },
    {
      name: 'name over 30',
      body: { code: 'B1', name: 'あ'.repeat(31), parentCode: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'name',
    },
    {
      name: 'blank name',
      body: { code: 'B1', name: '  ', parentCode: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'name',
    },
    {
      name: 'negative sort order',
      body: { code: 'B1', name: 'x', parentCode: '0', sortOrder: -1 },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'sortOrder',
    },
    {
      name: 'unknown approver',
      body: { code: 'B1', name: 'x', parentCode: '0', approverCode: 'NOBODY' },
      status: 400,
      code: 'UNKNOWN_ACCOUNT',
      field: 'approverCode',
    },
    {
      name: 'unknown property',
      body: { code: 'B1', name: 'x', parentCode: '0', colour: 'red' },
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'colour',
    },
    {
      name: 'code taken',
      body: { code: 'T100', name: 'x', parentCode: '0' },
      status: 409,
      code: 'DEPARTMENT_CODE_TAKEN',
      field: 'code',
    },
    {
      name: 'a second root',
      body: { code: '0', name: 'x', parentCode: '0' },
      status: 409,
      code: 'DEPARTMENT_CODE_TAKEN',
      field: 'code',
    },
  ];

  it.each(badCreates)('refuses to create: $name → $status $code on $field', async ({ body, status, code, field }) => {
    const before = await codes('/api/departments');
    const res = await api('post', '/api/departments', body);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, field });
    expect(await codes('/api/departments')).toEqual(before);
  });

  it('sets and clears the approver (承認者) by account code', async () => {
    await insertAccount(h, { code: 'APPR1' });
    const set = await api('patch', '/api/departments/T200', { approverCode: 'APPR1' });
    expect(set.status).toBe(200);
    expect(set.body.approverCode).toBe('APPR1');
    const cleared = await api('patch', '/api/departments/T200', { approverCode: null });
    expect(cleared.body.approverCode).toBeNull();
  });

  it('renames, reorders and moves a department with its subtree', async () => {
    await created('/api/departments', { code: 'M1', name: '移動元', parentCode: '0', sortOrder: 9 });
    await created('/api/departments', { code: 'M11', name: '子', parentCode: 'M1' });
    const moved = await api('patch', '/api/departments/M1', { parentCode: 'T200', name: '移動済', sortOrder: 3 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ code: 'M1', name: '移動済', parentCode: 'T200', depth: 2, sortOrder: 3 });
    const child = await api('get', '/api/departments/M11');
    expect(child.body.path).toEqual(['0', 'T200', 'M1', 'M11']);
  });

  it.each([
    ['itself', 'T100', 'T100'],
    ['its child', 'T100', 'T110'],
    ['its grandchild', 'T100', 'T111'],
  ])('refuses to move a department under %s with 409 CYCLE', async (_what, code, parentCode) => {
    const before = (await api('get', '/api/departments')).body;
    const res = await api('patch', `/api/departments/${code}`, { parentCode });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CYCLE', field: 'parentCode' });
    expect((await api('get', '/api/departments')).body).toEqual(before);
  });

  it('refuses concurrent moves that together would close a cycle', async () => {
    await created('/api/departments', { code: 'RA', name: 'A', parentCode: '0' });
    await created('/api/departments', { code: 'RB', name: 'B', parentCode: '0' });
    const [a, b] = await Promise.all([
      api('patch', '/api/departments/RA', { parentCode: 'RB' }),
      api('patch', '/api/departments/RB', { parentCode: 'RA' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const listed = await codes('/api/departments');
    expect(listed).toEqual(expect.arrayContaining(['RA', 'RB']));
  });

  it.each([
    ['the root', '0', { parentCode: 'T100' }, 409, 'ROOT_CANNOT_MOVE', 'parentCode'],
    ['an unknown parent', 'T110', { parentCode: 'NOPE' }, 400, 'UNKNOWN_PARENT', 'parentCode'],
    ['a null parent', 'T110', { parentCode: null }, 400, 'VALIDATION_FAILED', 'parentCode'],
    ['an unknown approver', 'T110', { approverCode: 'NOBODY' }, 400, 'UNKNOWN_ACCOUNT', 'approverCode'],
    ['a blank name', 'T110', { name: '' }, 400, 'VALIDATION_FAILED', 'name'],
  ])('refuses an update with %s', async (_what, code, body, status, errorCode, field) => {
    const res = await api('patch', `/api/departments/${code}`, body);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code: errorCode, field });
  });

  it('answers 404 when updating or deleting an unknown department', async () => {
    expect((await api('patch', '/api/departments/NOPE', { name: 'x' })).status).toBe(404);
    expect((await api('delete', '/api/departments/NOPE')).status).toBe(404);
  });

  describe('delete', () => {
    beforeAll(async () => {
      for (const code of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']) {
        await created('/api/departments', { code, name: code, parentCode: '0' });
      }
      await insertAccount(h, { code: 'DEL1', department: 'D1' });
      await insertAccount(h, { code: 'DEL2', controlDepartment: 'D2' });
      await insertAccount(h, { code: 'DEL3' });
      await insertTransfer(h, 'DEL3', { department: 'D3' });
      await insertTransfer(h, 'DEL2', { controlDepartment: 'D4' });
      await insertHistory(h, 'DEL1', { department: 'D5' });
    });

    it.each([
      ['the root 全社', '0', 'DEPARTMENT_IS_ROOT'],
      ['a department with children', 'T100', 'DEPARTMENT_HAS_CHILDREN'],
      ["an account's department", 'D1', 'DEPARTMENT_USED_BY_ACCOUNTS'],
      ["an account's control department", 'D2', 'DEPARTMENT_USED_BY_ACCOUNTS'],
      ["a transfer's department", 'D3', 'DEPARTMENT_USED_BY_TRANSFERS'],
      ["a transfer's control department", 'D4', 'DEPARTMENT_USED_BY_TRANSFERS'],
      ['a department in the history', 'D5', 'DEPARTMENT_USED_BY_HISTORY'],
    ])('refuses to delete %s with 409 and the reason', async (_what, code, reason) => {
      const res = await api('delete', `/api/departments/${code}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe(reason);
      expect((await api('get', `/api/departments/${code}`)).status).toBe(200);
    });

    it('deletes a leaf nothing refers to', async () => {
      const res = await api('delete', '/api/departments/D6');
      expect(res.status).toBe(204);
      expect((await api('get', '/api/departments/D6')).status).toBe(404);
    });

    it('deletes a parent once its last child is gone', async () => {
      await created('/api/departments', { code: 'D71', name: 'child', parentCode: 'D7' });
      expect((await api('delete', '/api/departments/D7')).status).toBe(409);
      expect((await api('delete', '/api/departments/D71')).status).toBe(204);
      expect((await api('delete', '/api/departments/D7')).status).toBe(204);
    });
  });
});

describe('the reporting chart (集計用組織図)', () => {
  it('keeps its own tree, with codes up to 11 characters', async () => {
    await created('/api/reporting-departments', { code: 'R2345678901', name: '集計A', parentCode: '0' });
    await created('/api/reporting-departments', { code: 'R2', name: '集計B', parentCode: 'R2345678901' });
    const res = await api('get', '/api/reporting-departments');
    expect(res.body.items.map((item: { code: string; depth: number }) => [item.code, item.depth])).toEqual([
      ['0', 0],
      ['R2345678901', 1],
      ['R2', 2],
    ]);
    expect(await codes('/api/departments')).not.toContain('R2');
  });

  it.each([
    ['code over 11', { code: 'R23456789012', name: 'x', parentCode: '0' }, 400, 'VALIDATION_FAILED', 'code'],
    [
      'an approver (HR chart only)',
      { code: 'R3', name: 'x', parentCode: '0', approverCode: 'Admin' },
      400,
      'VALIDATION_FAILED',
      'approverCode',
    ],
    ['a parent of the HR chart', { code: 'R3', name: 'x', parentCode: 'T100' }, 400, 'UNKNOWN_PARENT', 'parentCode'],
    ['code taken', { code: 'R2', name: 'x', parentCode: '0' }, 409, 'REPORTING_DEPARTMENT_CODE_TAKEN', 'code'],
  ])('refuses to create with %s', async (_what, body, status, code, field) => {
    const res = await api('post', '/api/reporting-departments', body);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, field });
  });

  it('refuses a cycle, the root and units in use', async () => {
    const cycle = await api('patch', '/api/reporting-departments/R2345678901', { parentCode: 'R2' });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error).toMatchObject({ code: 'CYCLE', field: 'parentCode' });

    expect((await api('delete', '/api/reporting-departments/0')).body.error.code).toBe('REPORTING_DEPARTMENT_IS_ROOT');
    expect((await api('delete', '/api/reporting-departments/R2345678901')).body.error.code).toBe(
      'REPORTING_DEPARTMENT_HAS_CHILDREN',
    );
    await insertAccount(h, { code: 'REP1', reportingControlDepartment: 'R2' });
    const used = await api('delete', '/api/reporting-departments/R2');
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('REPORTING_DEPARTMENT_USED_BY_ACCOUNTS');

    await created('/api/reporting-departments', { code: 'R4', name: 'x', parentCode: '0' });
    await insertTransfer(h, 'REP1', { reportingControlDepartment: 'R4' });
    expect((await api('delete', '/api/reporting-departments/R4')).body.error.code).toBe(
      'REPORTING_DEPARTMENT_USED_BY_TRANSFERS',
    );
    await created('/api/reporting-departments', { code: 'R5', name: 'x', parentCode: '0' });
    expect((await api('delete', '/api/reporting-departments/R5')).status).toBe(204);
  });
});

describe('who may read and write the charts', () => {
  beforeAll(async () => {
    await insertAccount(h, { code: 'UADM', role: 'user-admin', password });
    await insertAccount(h, { code: 'EMP', role: 'employee', password });
  });

  it('lets a user administrator read but not write, and an employee neither', async () => {
    const userAdmin = await tokenOf('UADM');
    const employee = await tokenOf('EMP');
    expect((await api('get', '/api/departments', undefined, userAdmin)).status).toBe(200);
    expect((await api('get', '/api/reporting-departments/0', undefined, userAdmin)).status).toBe(200);
    const write = await api('post', '/api/departments', { code: 'UA1', name: 'x', parentCode: '0' }, userAdmin);
    expect(write.status).toBe(403);
    expect((await api('get', '/api/departments', undefined, employee)).status).toBe(403);
  });

  it("keeps each company's chart to itself", async () => {
    await bootstrapCompany(h.db.orm.em.fork(), { code: 'other', name: '他社', adminPassword: password });
    const other = await tokenOf('Admin', 'other');
    const otherChart = await api('get', '/api/departments', undefined, other);
    expect(otherChart.body.items.map((item: { code: string }) => item.code)).toEqual(['0']);
    expect((await api('get', '/api/departments/T100', undefined, other)).status).toBe(404);
    const sameCode = await api(
      'post',
      '/api/departments',
      { code: 'T100', name: '他社の部門', parentCode: '0' },
      other,
    );
    expect(sameCode.status).toBe(201);
    expect((await api('get', '/api/departments/T100')).body.name).toBe('開発本部');
  });
});

describe('control departments (コントロール部門)', () => {
  let companyId: string;

  beforeAll(async () => {
    companyId = (await h.db.orm.em.fork().findOneOrFail(Company, { code: companyCode })).id;
    await created('/api/departments', { code: 'V1', name: '事業部', parentCode: '0' });
    await created('/api/departments', { code: 'V11', name: '部', parentCode: 'V1' });
    await created('/api/departments', { code: 'V111', name: '課', parentCode: 'V11' });
    await created('/api/departments', { code: 'V12', name: '部2', parentCode: 'V1' });
    await created('/api/departments', { code: 'V2', name: '別事業部', parentCode: '0' });
    await insertAccount(h, { code: 'VMGR', controlDepartment: 'V1', password });
    await insertAccount(h, { code: 'VLEAF', controlDepartment: 'V111' });
    await insertAccount(h, { code: 'VALL', controlDepartment: '0' });
  });

  async function departmentId(code: string, company = companyId): Promise<string> {
    return (await h.db.orm.em.fork().findOneOrFail(Department, { company, code })).id;
  }

  it('visibleDepartmentIds gives the subtree of the control department', async () => {
    const em = h.db.orm.em.fork();
    const ids = await visibleDepartmentIds(em, companyId, await departmentId('V1'));
    const expected = await Promise.all(['V1', 'V11', 'V111', 'V12'].map((code) => departmentId(code)));
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('visibleDepartmentIds gives every department of the company, and none of another, for the root 0', async () => {
    const em = h.db.orm.em.fork();
    const ids = await visibleDepartmentIds(em, companyId, await departmentId('0'));
    const all = await em.find(Department, { company: companyId });
    expect(ids.sort()).toEqual(all.map((d) => d.id).sort());
    const otherCompany = await em.findOneOrFail(Company, { code: 'other' });
    expect(await visibleDepartmentIds(em, otherCompany.id, await departmentId('V1'))).toEqual([]);
    expect(await visibleDepartmentIds(em, companyId, 'not-a-uuid')).toEqual([]);
  });

  it.each([
    ['VMGR', 'V1', ['V1', 'V11', 'V111', 'V12']],
    ['VLEAF', 'V111', ['V111']],
  ])('GET /api/accounts/%s/visible-departments lists the subtree of %s as a tree', async (code, control, expected) => {
    const res = await api('get', `/api/accounts/${code}/visible-departments`);
    expect(res.status).toBe(200);
    expect(res.body.controlDepartmentCode).toBe(control);
    expect(res.body.items.map((item: { code: string }) => item.code)).toEqual(expected);
  });

  it('lists every department for an account whose control department is 全社', async () => {
    const res = await api('get', '/api/accounts/VALL/visible-departments');
    expect(res.body.items.map((item: { code: string }) => item.code)).toEqual(await codes('/api/departments'));
    expect(res.body.items[0]).toMatchObject({ code: '0', parentCode: null, depth: 0, path: ['0'] });
  });

  it('answers 404 for an unknown account', async () => {
    const res = await api('get', '/api/accounts/NOBODY/visible-departments');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('gives the logged-in account the scope of its login, until it logs in again', async () => {
    const before = await tokenOf('VMGR');
    const mine = await api('get', '/api/auth/visible-departments', undefined, before);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item: { code: string }) => item.code)).toEqual(['V1', 'V11', 'V111', 'V12']);

    const em = h.db.orm.em.fork();
    await em.nativeUpdate(
      Account,
      { company: companyId, code: 'VMGR' },
      { controlDepartment: await departmentId('V2') },
    );
    const stillOld = await api('get', '/api/auth/visible-departments', undefined, before);
    expect(stillOld.body.controlDepartmentCode).toBe('V1');
    const after = await tokenOf('VMGR');
    const renewed = await api('get', '/api/auth/visible-departments', undefined, after);
    expect(renewed.body).toMatchObject({ controlDepartmentCode: 'V2', items: [{ code: 'V2', path: ['0', 'V2'] }] });
    // The administrators' view of the account follows the change at once.
    expect((await api('get', '/api/accounts/VMGR/visible-departments')).body.controlDepartmentCode).toBe('V2');
  });

  it('lets an employee see its own scope but not ask for another account', async () => {
    const employee = await tokenOf('EMP');
    expect((await api('get', '/api/auth/visible-departments', undefined, employee)).status).toBe(200);
    expect((await api('get', '/api/accounts/VMGR/visible-departments', undefined, employee)).status).toBe(403);
  });
});
