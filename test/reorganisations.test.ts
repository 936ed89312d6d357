import type { ReorganisationResult } from '../contract';
import { Account, Company, Department, Reorganisation } from '../entities';
import { bootstrapCompany } from '../lib/bootstrap';
import { startOfDayIn, todayIn } from '../lib/calendar';
import { adminToken, sessionToken, assignment, createAccount, defaultInitialPassword, eventually } from './support/api';
import { companyCode, createHarness, type Harness } from './support/harness';
import { addDays, sleepServerUntil } from './support/server-clock';

/** 組織変更 on the time-skipping server: dated departments and reorganisations applied on their date in Asia/Tokyo. */
let h: Harness;
let admin: string;
const tokens: Record<string, string> = {};

const timeZone = 'Asia/Tokyo';
const minute = 60 * 1000;

/** A date some days after the test server's clock (earlier tests move it ahead of the wall clock). */
async function daysAhead(days: number): Promise<string> {
  return addDays(todayIn(timeZone, new Date(await h.env.currentTimeMs())), days);
}

const sleepUntil = (instant: number) => sleepServerUntil(h, instant);

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const register = (body: Record<string, unknown>, token = admin) =>
  h.http.post('/api/reorganisations').set(as(token)).send(body);
const departments = async (asOf?: string) => {
  const res = await h.http.get(`/api/departments${asOf ? `?asOf=${asOf}` : ''}`).set(as(admin));
  expect(res.status).toBe(200);
  return new Map<string, { name: string; parentCode: string | null }>(
    res.body.items.map((d: { code: string; name: string; parentCode: string | null }) => [d.code, d]),
  );
};
const rowName = async (code: string) =>
  (await h.db.orm.em.fork().findOneOrFail(Department, { company: { code: companyCode }, code })).name;

async function addDepartment(code: string, name: string, parentCode = '0') {
  const res = await h.http.post('/api/departments').set(as(admin)).send({ code, name, parentCode });
  expect(res.status).toBe(201);
}

const logIn = (company: string, loginId: string, password: string) => sessionToken(h, company, loginId, password);

async function account(code: string, roleCode: string): Promise<string> {
  await createAccount(h, admin, { code, roleCode });
  await h.db.orm.em.fork().nativeUpdate(Account, { code }, { mustChangePassword: false });
  return logIn(companyCode, code, defaultInitialPassword);
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'time-skipping' });
  admin = await adminToken(h);
  for (const [code, name] of [
    ['100', '営業部'],
    ['300', '旧企画部'],
    ['400', '総務部'],
    ['500', '開発部'],
  ]) {
    await addDepartment(code!, name!);
  }
});

afterAll(async () => {
  await h?.teardown();
});

// Runs first: the API reads "today" from the wall clock, and the test server's clock still agrees with it.
it('applies a reorganisation at the start of its date in the company time zone, not early and not late', async () => {
  const tomorrow = addDays(todayIn(timeZone), 1);
  const res = await register({
    effectiveDate: tomorrow,
    note: '期初組織変更',
    changes: [
      { kind: 'create', code: '200', name: '開発二部', parentCode: '500' },
      { kind: 'rename', code: '100', name: '第一営業部' },
      { kind: 'move', code: '400', parentCode: '500' },
      { kind: 'close', code: '300' },
    ],
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    status: 'pending',
    effectiveDate: tomorrow,
    effectiveAt: startOfDayIn(tomorrow, timeZone).toISOString(),
    workflowId: `reorganisation-acme-${res.body.id}`,
  });

  // Today's chart (the default) and tomorrow's, before the date.
  const today = await departments();
  expect(today.get('100')!.name).toBe('営業部');
  expect(today.get('400')!.parentCode).toBe('0');
  expect(today.has('300')).toBe(true);
  expect(today.has('200')).toBe(false);
  const planned = await departments(tomorrow);
  expect(planned.get('100')!.name).toBe('第一営業部');
  expect(planned.get('400')!.parentCode).toBe('500');
  expect(planned.get('200')).toMatchObject({ name: '開発二部', parentCode: '500' });
  expect(planned.has('300')).toBe(false);

  const begins = startOfDayIn(tomorrow, timeZone).getTime();
  await sleepUntil(begins - minute);
  expect(await rowName('100')).toBe('営業部');
  // The test server's clock stands still until the next sleep: a wait armed for the UTC midnight (9 hours
  // late) or a day later would leave the department as it was, however long this polls.
  await sleepUntil(begins + minute);
  await eventually(async () => expect(await rowName('100')).toBe('第一営業部'), 10_000);
  const result: ReorganisationResult = await h.env.client.workflow.getHandle(res.body.workflowId).result();
  expect(result.outcome).toBe('applied');
  const applied = await h.http.get(`/api/reorganisations/${res.body.id}`).set(as(admin));
  expect(applied.body).toMatchObject({ status: 'applied', workflowId: null });

  // Earlier dates still show the chart as it was.
  expect((await departments(addDays(tomorrow, -1))).get('100')!.name).toBe('営業部');
  expect((await departments(addDays(tomorrow, -1))).get('400')!.parentCode).toBe('0');
  expect((await departments(tomorrow)).get('400')!.parentCode).toBe('500');
  const closed = await h.http.get('/api/departments/300').set(as(admin));
  expect(closed.body).toMatchObject({ validFrom: null, validTo: todayIn(timeZone) });
});

it('shows a transfer with its departments named as of its effective date, and refuses a department not yet open', async () => {
  await createAccount(h, admin, { code: 'R0001' });
  const date = await daysAhead(40);
  const reorganisation = await register({
    effectiveDate: date,
    changes: [
      { kind: 'rename', code: '500', name: '技術本部' },
      { kind: 'create', code: '600', name: '新規事業部', parentCode: '0' },
    ],
  });
  expect(reorganisation.status).toBe(201);
  const transfer = (effectiveDate: string, departmentCode: string) =>
    h.http
      .put('/api/accounts/R0001/transfer')
      .set(as(admin))
      .send(assignment('employee', { effectiveDate, departmentCode, controlDepartmentCode: '0' }));

  const before = await transfer(addDays(date, -1), '500');
  expect(before.status).toBe(200);
  expect(before.body.account.transfer).toMatchObject({ departmentCode: '500', departmentName: '開発部' });
  const after = await transfer(addDays(date, 1), '500');
  expect(after.body.account.transfer).toMatchObject({ departmentCode: '500', departmentName: '技術本部' });

  const tooEarly = await transfer(addDays(date, -1), '600');
  expect(tooEarly.status).toBe(400);
  expect(tooEarly.body.error).toMatchObject({ code: 'DEPARTMENT_NOT_VALID_ON_DATE', field: 'departmentCode' });
  const onTheDate = await transfer(date, '600');
  expect(onTheDate.status).toBe(200);
  expect(onTheDate.body.account.transfer).toMatchObject({ departmentCode: '600', departmentName: '新規事業部' });

  // The new department is in use now: the reorganisation cannot be cancelled until the transfer is.
  const refused = await h.http.delete(`/api/reorganisations/${reorganisation.body.id}`).set(as(admin));
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('REORGANISATION_DEPARTMENT_IN_USE');
  expect((await h.http.delete('/api/accounts/R0001/transfer').set(as(admin))).status).toBe(204);
  expect((await h.http.delete(`/api/reorganisations/${reorganisation.body.id}`).set(as(admin))).status).toBe(200);
});

it('never applies a cancelled reorganisation, and gives back what registering it changed', async () => {
  const date = await daysAhead(10);
  const res = await register({
    effectiveDate: date,
    changes: [
      { kind: 'rename', code: '500', name: '研究所' },
      { kind: 'create', code: '700', name: '臨時部', parentCode: '0' },
      { kind: 'close', code: '400' },
    ],
  });
  expect(res.status).toBe(201);
  expect((await h.http.get('/api/departments/400').set(as(admin))).body.validTo).toBe(addDays(date, -1));

  const cancelled = await h.http.delete(`/api/reorganisations/${res.body.id}`).set(as(admin));
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', workflowId: null });
  const result: ReorganisationResult = await h.env.client.workflow.getHandle(res.body.workflowId).result();
  expect(result.outcome).toBe('cancelled');
  await sleepUntil(startOfDayIn(date, timeZone).getTime() + minute);
  expect(await rowName('500')).toBe('開発部');
  expect((await h.http.get('/api/departments/700').set(as(admin))).status).toBe(404);
  expect((await h.http.get('/api/departments/400').set(as(admin))).body.validTo).toBeNull();
  expect((await departments(date)).get('500')!.name).toBe('開発部');

  const again = await h.http.delete(`/api/reorganisations/${res.body.id}`).set(as(admin));
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('REORGANISATION_NOT_PENDING');
});

it('refuses bad reorganisations with the field at fault and changes nothing', async () => {
  await createAccount(h, admin, { code: 'R0002', current: assignment('employee', { departmentCode: '500' }) });
  const date = await daysAhead(20);
  const count = () => h.db.orm.em.fork().count(Reorganisation);
  const before = await count();
  const cases: [Record<string, unknown>, number, string, string | undefined][] = [
    [
      { effectiveDate: addDays(todayIn(timeZone), -1), changes: [{ kind: 'close', code: '400' }] },
      400,
      'EFFECTIVE_DATE_IN_PAST',
      'effectiveDate',
    ],
    [
      { effectiveDate: '2026-02-30', changes: [{ kind: 'close', code: '400' }] },
      400,
      'VALIDATION_FAILED',
      'effectiveDate',
    ],
    [{ effectiveDate: date, changes: [] }, 400, 'VALIDATION_FAILED', 'changes'],
    [{ effectiveDate: date, changes: [{ kind: 'explode', code: '400' }] }, 400, 'VALIDATION_FAILED', 'changes.0.kind'],
    [
      { effectiveDate: date, changes: [{ kind: 'create', code: '100', name: 'x', parentCode: '0' }] },
      409,
      'DEPARTMENT_CODE_TAKEN',
      'changes.0.code',
    ],
    [
      { effectiveDate: date, changes: [{ kind: 'create', code: '800', name: 'x', parentCode: '999' }] },
      400,
      'UNKNOWN_PARENT',
      'changes.0.parentCode',
    ],
    [
      { effectiveDate: date, changes: [{ kind: 'rename', code: '300', name: 'x' }] },
      400,
      'UNKNOWN_DEPARTMENT',
      'changes.0.code',
    ],
    [
      { effectiveDate: date, changes: [{ kind: 'move', code: '500', parentCode: '400' }] },
      409,
      'CYCLE',
      'changes.0.parentCode',
    ],
    [{ effectiveDate: date, changes: [{ kind: 'close', code: '0' }] }, 409, 'ROOT_CANNOT_CHANGE', 'changes.0.code'],
    [
      { effectiveDate: date, changes: [{ kind: 'close', code: '500' }] },
      409,
      'DEPARTMENT_HAS_CHILDREN',
      'changes.0.code',
    ],
    [
      {
        effectiveDate: date,
        changes: [
          { kind: 'close', code: '400' },
          { kind: 'close', code: '400' },
        ],
      },
      400,
      'DUPLICATE_CHANGE',
      'changes.1.code',
    ],
  ];
  for (const [body, status, code, field] of cases) {
    const res = await register(body);
    expect([JSON.stringify(body), res.status, res.body.error?.code, res.body.error?.field]).toEqual([
      JSON.stringify(body),
      status,
      code,
      field,
    ]);
  }
  // Closing 500 together with what lies below it still finds R0002 assigned there.
  const inUse = await register({
    effectiveDate: date,
    changes: [
      { kind: 'close', code: '400' },
      { kind: 'close', code: '200' },
      { kind: 'close', code: '500' },
    ],
  });
  expect(inUse.status).toBe(409);
  expect(inUse.body.error).toMatchObject({ code: 'DEPARTMENT_IN_USE', field: 'changes.2.code' });
  expect(await count()).toBe(before);
  expect((await h.http.get('/api/departments/400').set(as(admin))).body.validTo).toBeNull();
  const badDate = await h.http.get('/api/departments?asOf=tomorrow').set(as(admin));
  expect(badDate.status).toBe(400);
  expect(badDate.body.error.field).toBe('asOf');
});

describe('who may register reorganisations', () => {
  let registered: string;

  beforeAll(async () => {
    const role = await h.http
      .post('/api/roles')
      .set(as(admin))
      .send({ code: 'org-editor', name: '組織担当', permissions: ['reference:read', 'reference:write'] });
    expect(role.status).toBe(201);
    tokens['user-admin'] = await account('RU01', 'user-admin');
    tokens.employee = await account('RE01', 'employee');
    tokens.custom = await account('RC01', 'org-editor');
    await bootstrapCompany(h.db.orm.em.fork(), { code: 'other', name: '他社', adminPassword: 'Other-Admin-passw0rd' });
    tokens.other = await logIn('other', 'Admin', 'Other-Admin-passw0rd');
  });

  it('refuses the user administrator (no organisation write) and an employee, allows a custom organisation role', async () => {
    const body = { effectiveDate: await daysAhead(30), changes: [{ kind: 'rename', code: '500', name: '開発本部' }] };
    const userAdmin = await register(body, tokens['user-admin']);
    expect(userAdmin.status).toBe(403);
    expect((await h.http.get('/api/reorganisations').set(as(tokens['user-admin']!))).status).toBe(200);
    const employee = await register(body, tokens.employee);
    expect(employee.status).toBe(403);
    expect((await h.http.get('/api/reorganisations').set(as(tokens.employee!))).status).toBe(403);
    expect((await h.http.get('/api/departments').set(as(tokens.employee!))).status).toBe(403);
    const custom = await register(body, tokens.custom);
    expect(custom.status).toBe(201);
    registered = custom.body.id;
    expect((await h.http.delete(`/api/reorganisations/${registered}`).set(as(tokens['user-admin']!))).status).toBe(403);
  });

  it("keeps another company's administrator out of this company's reorganisations and chart", async () => {
    const other = tokens.other!;
    expect((await h.http.get(`/api/reorganisations/${registered}`).set(as(other))).status).toBe(404);
    expect((await h.http.delete(`/api/reorganisations/${registered}`).set(as(other))).status).toBe(404);
    const list = await h.http.get('/api/reorganisations').set(as(other));
    expect(list.body.items).toEqual([]);
    const chart = await h.http.get('/api/departments').set(as(other));
    expect(JSON.stringify(chart.body)).not.toContain('開発部');
    const cross = await h.http
      .post('/api/reorganisations')
      .set(as(other))
      .send({ effectiveDate: await daysAhead(30), changes: [{ kind: 'close', code: '400' }] });
    expect(cross.status).toBe(400);
    expect(cross.body.error.code).toBe('UNKNOWN_DEPARTMENT');
    expect((await h.http.get(`/api/reorganisations/${registered}`).set(as(admin))).body.status).toBe('pending');
    expect(await h.db.orm.em.fork().count(Company)).toBe(2);
  });
});

describe('組織変更データ moves accounts', () => {
  const inDepartment = (departmentCode: string, controlDepartmentCode = '0') =>
    assignment('employee', { departmentCode, controlDepartmentCode });
  const accountOf = async (code: string) => {
    const res = await h.http.get(`/api/accounts/${code}`).set(as(admin));
    expect(res.status).toBe(200);
    return res.body;
  };
  const moveBody = async (days: number, moves: Record<string, string>[], closed = '910') => ({
    effectiveDate: await daysAhead(days),
    changes: [{ kind: 'close', code: closed }],
    moves,
  });

  beforeAll(async () => {
    for (const [code, name] of [
      ['910', '閉鎖予定部'],
      ['920', '統合先部'],
      ['930', '第二閉鎖予定部'],
    ]) {
      await addDepartment(code!, name!);
    }
    await createAccount(h, admin, { code: 'RM01', current: inDepartment('910', '910') });
    await createAccount(h, admin, { code: 'RM02', current: inDepartment('910') });
    await createAccount(h, admin, { code: 'RM03', current: inDepartment('930') });
    const mover = await h.http
      .post('/api/roles')
      .set(as(admin))
      .send({
        code: 'org-mover',
        name: '組織異動担当',
        permissions: ['reference:read', 'reference:write', 'accounts:read', 'accounts:write'],
      });
    expect(mover.status).toBe(201);
    tokens.mover = await account('RC02', 'org-mover');
  });

  it('closes a department its accounts leave on the date: each move is a pending 異動 until the date, then applied', async () => {
    const body = await moveBody(15, [
      { accountCode: 'RM01', departmentCode: '920', controlDepartmentCode: '920' },
      { accountCode: 'RM02', departmentCode: '920' },
    ]);
    const res = await register(body);
    expect(res.status).toBe(201);
    expect(res.body.moves).toEqual([
      {
        accountCode: 'RM01',
        accountName: '山田 太郎',
        departmentCode: '920',
        controlDepartmentCode: '920',
        status: 'pending',
      },
      {
        accountCode: 'RM02',
        accountName: '山田 太郎',
        departmentCode: '920',
        controlDepartmentCode: '0',
        status: 'pending',
      },
    ]);
    const before = await accountOf('RM01');
    expect(before.current).toMatchObject({ departmentCode: '910', controlDepartmentCode: '910' });
    expect(before.transfer).toMatchObject({
      effectiveDate: body.effectiveDate,
      departmentCode: '920',
      departmentName: '統合先部',
      controlDepartmentCode: '920',
      roleCode: 'employee',
      reorganisationId: res.body.id,
    });
    // The move is the reorganisation's: the account's own 異動 neither replaces nor cancels it.
    const replaced = await h.http
      .put('/api/accounts/RM02/transfer')
      .set(as(admin))
      .send({ ...inDepartment('0'), effectiveDate: body.effectiveDate });
    expect([replaced.status, replaced.body.error?.code]).toEqual([409, 'TRANSFER_OF_REORGANISATION']);
    const cancelled = await h.http.delete('/api/accounts/RM02/transfer').set(as(admin));
    expect([cancelled.status, cancelled.body.error?.code]).toEqual([409, 'TRANSFER_OF_REORGANISATION']);
    expect(cancelled.body.error.message).toBe(
      'この異動は組織変更データによるものです。組織変更の画面で変更・取消してください。',
    );

    await sleepUntil(startOfDayIn(body.effectiveDate, timeZone).getTime() + minute);
    await eventually(async () => {
      const after = await accountOf('RM01');
      expect(after.current).toMatchObject({ effectiveDate: body.effectiveDate, departmentCode: '920' });
      expect(after.transfer).toBeNull();
    }, 10_000);
    await eventually(async () => expect((await accountOf('RM02')).current.departmentCode).toBe('920'), 10_000);
    const applied = await h.http.get(`/api/reorganisations/${res.body.id}`).set(as(admin));
    expect(applied.body.moves.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied']);
    expect((await departments(body.effectiveDate)).has('910')).toBe(false);
  });

  it('cancelling the reorganisation cancels its moves and the accounts stay', async () => {
    const res = await register(await moveBody(8, [{ accountCode: 'RM03', departmentCode: '920' }], '930'));
    expect(res.status).toBe(201);
    expect((await accountOf('RM03')).transfer).toMatchObject({ departmentCode: '920' });
    const cancelled = await h.http.delete(`/api/reorganisations/${res.body.id}`).set(as(admin));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.moves).toMatchObject([{ accountCode: 'RM03', status: 'cancelled' }]);
    const after = await accountOf('RM03');
    expect(after.transfer).toBeNull();
    expect(after.current.departmentCode).toBe('930');
    expect((await h.http.get('/api/departments/930').set(as(admin))).body.validTo).toBeNull();
    // The account is free for a transfer of its own again.
    const own = await h.http
      .put('/api/accounts/RM03/transfer')
      .set(as(admin))
      .send({ ...inDepartment('920'), effectiveDate: await daysAhead(9) });
    expect(own.status).toBe(200);
    expect(own.body.account.transfer.reorganisationId).toBeNull();
    expect((await h.http.delete('/api/accounts/RM03/transfer').set(as(admin))).status).toBe(204);
  });

  it('moves accounts into a department the same reorganisation opens, and cancelling it takes both back', async () => {
    const date = await daysAhead(7);
    const res = await register({
      effectiveDate: date,
      changes: [{ kind: 'create', code: '950', name: '新設部', parentCode: '0' }],
      moves: [{ accountCode: 'RM03', departmentCode: '950', controlDepartmentCode: '950' }],
    });
    expect(res.status).toBe(201);
    expect((await accountOf('RM03')).transfer).toMatchObject({
      effectiveDate: date,
      departmentCode: '950',
      departmentName: '新設部',
    });
    const cancelled = await h.http.delete(`/api/reorganisations/${res.body.id}`).set(as(admin));
    expect(cancelled.status).toBe(200);
    expect((await accountOf('RM03')).transfer).toBeNull();
    expect((await departments(date)).has('950')).toBe(false);
  });

  it('refuses bad moves with the field at fault and changes nothing', async () => {
    await createAccount(h, admin, { code: 'RM04', current: inDepartment('930') });
    const transfer = await h.http
      .put('/api/accounts/RM04/transfer')
      .set(as(admin))
      .send({ ...inDepartment('920'), effectiveDate: await daysAhead(30) });
    expect(transfer.status).toBe(200);
    const count = () => h.db.orm.em.fork().count(Reorganisation);
    const before = await count();
    const cases: [Record<string, string>[], number, string, string][] = [
      [[{ accountCode: 'NOBODY', departmentCode: '920' }], 400, 'UNKNOWN_ACCOUNT', 'moves.0.accountCode'],
      [[{ accountCode: 'RM03', departmentCode: '999' }], 400, 'UNKNOWN_DEPARTMENT', 'moves.0.departmentCode'],
      [[{ accountCode: 'RM04', departmentCode: '920' }], 409, 'TRANSFER_PENDING', 'moves.0.accountCode'],
      [
        [
          { accountCode: 'RM03', departmentCode: '920' },
          { accountCode: 'RM03', departmentCode: '0' },
        ],
        400,
        'DUPLICATE_MOVE',
        'moves.1.accountCode',
      ],
      [[{ accountCode: 'RM03', departmentCode: '930' }], 409, 'DEPARTMENT_IN_USE', 'changes.0.code'],
      [[{ accountCode: 'RM03', departmentCode: 'x y' }], 400, 'VALIDATION_FAILED', 'moves.0.departmentCode'],
    ];
    for (const [moves, status, code, field] of cases) {
      const res = await register(await moveBody(25, moves, '930'));
      expect([JSON.stringify(moves), res.status, res.body.error?.code, res.body.error?.field]).toEqual([
        JSON.stringify(moves),
        status,
        code,
        field,
      ]);
    }
    expect(await count()).toBe(before);
    expect((await accountOf('RM03')).transfer).toBeNull();
    expect((await accountOf('RM04')).transfer).toMatchObject({ departmentCode: '920' });
    expect((await h.http.get('/api/departments/930').set(as(admin))).body.validTo).toBeNull();
  });

  it('asks the policy for every moved account: refuses roles without account rights, allows a custom role that has them', async () => {
    // Moves only (RM04, with a transfer of its own, still uses 930 after the date).
    const body = { effectiveDate: await daysAhead(12), moves: [{ accountCode: 'RM03', departmentCode: '920' }] };
    const count = () => h.db.orm.em.fork().count(Reorganisation);
    const before = await count();
    expect((await register(body, tokens.custom)).status).toBe(403); // 組織担当: organisation only
    expect((await register(body, tokens['user-admin'])).status).toBe(403); // accounts, no organisation
    expect((await register(body, tokens.employee)).status).toBe(403);
    // Admin is the system administrator's: a custom role may not move it.
    const admins = await register(
      { effectiveDate: body.effectiveDate, moves: [{ accountCode: 'Admin', departmentCode: '920' }] },
      tokens.mover,
    );
    expect([admins.status, admins.body.error?.code]).toEqual([403, 'SYSTEM_ADMINISTRATOR_ONLY']);
    expect(await count()).toBe(before);
    expect((await accountOf('RM03')).transfer).toBeNull();

    const allowed = await register(body, tokens.mover);
    expect(allowed.status).toBe(201);
    expect((await accountOf('RM03')).transfer).toMatchObject({
      departmentCode: '920',
      effectiveDate: body.effectiveDate,
    });
    expect((await h.http.delete(`/api/reorganisations/${allowed.body.id}`).set(as(tokens.mover!))).status).toBe(200);
  });

  it('changes the moves of a pending reorganisation: its transfers are replaced, through the policy, in this company only', async () => {
    await addDepartment('940', '第三閉鎖予定部');
    await createAccount(h, admin, { code: 'RM05', current: inDepartment('940') });
    await createAccount(h, admin, { code: 'RM06', current: inDepartment('940') });
    const registered = await register(
      await moveBody(
        18,
        [
          { accountCode: 'RM05', departmentCode: '920' },
          { accountCode: 'RM06', departmentCode: '920' },
        ],
        '940',
      ),
    );
    expect(registered.status).toBe(201);
    const change = (moves: Record<string, string>[], token = admin) =>
      h.http.put(`/api/reorganisations/${registered.body.id}/moves`).set(as(token)).send({ moves });
    const pendingMoves = async () =>
      (await h.http.get(`/api/reorganisations/${registered.body.id}`).set(as(admin))).body.moves.filter(
        (move: { status: string }) => move.status === 'pending',
      );

    // RM06 left out would stay in the department the reorganisation closes.
    const leftBehind = await change([{ accountCode: 'RM05', departmentCode: '0' }]);
    expect([leftBehind.status, leftBehind.body.error?.code, leftBehind.body.error?.field]).toEqual([
      409,
      'DEPARTMENT_IN_USE',
      'moves',
    ]);
    const refusedMoves = [
      { accountCode: 'RM05', departmentCode: '0' },
      { accountCode: 'RM06', departmentCode: '920' },
    ];
    expect((await change(refusedMoves, tokens['user-admin'])).status).toBe(403);
    expect((await change(refusedMoves, tokens.custom)).status).toBe(403);
    expect((await change(refusedMoves, tokens.employee)).status).toBe(403);
    expect((await change(refusedMoves, tokens.other)).status).toBe(404);
    expect((await accountOf('RM05')).transfer).toMatchObject({ departmentCode: '920' });
    expect(await pendingMoves()).toHaveLength(2);

    const changed = await change(refusedMoves, tokens.mover);
    expect(changed.status).toBe(200);
    expect((await accountOf('RM05')).transfer).toMatchObject({ departmentCode: '0', controlDepartmentCode: '0' });
    expect((await accountOf('RM06')).transfer).toMatchObject({ departmentCode: '920' });
    expect(await pendingMoves()).toMatchObject([
      { accountCode: 'RM05', departmentCode: '0' },
      { accountCode: 'RM06', departmentCode: '920' },
    ]);
    expect((await h.http.delete(`/api/reorganisations/${registered.body.id}`).set(as(admin))).status).toBe(200);
    expect((await accountOf('RM05')).transfer).toBeNull();
    const again = await change(refusedMoves);
    expect([again.status, again.body.error?.code]).toEqual([409, 'REORGANISATION_NOT_PENDING']);
  });

  it("does not let another company's administrator move this company's accounts", async () => {
    const other = tokens.other!;
    const res = await register(
      { effectiveDate: await daysAhead(12), moves: [{ accountCode: 'RM03', departmentCode: '0' }] },
      other,
    );
    expect([res.status, res.body.error?.code, res.body.error?.field]).toEqual([
      400,
      'UNKNOWN_ACCOUNT',
      'moves.0.accountCode',
    ]);
    expect((await accountOf('RM03')).transfer).toBeNull();
  });
});
