import { Account, Company } from '../entities';
import {
  adminToken,
  sessionToken,
  assignment,
  defaultInitialPassword,
  eventually,
  otherCompanyAdmin,
  registerReady,
} from './support/api';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';

/**
 * The one authorization policy, as a table: every write operation on an account × who acts × on whom,
 * with the exact status. Actors: the system administrator (Admin), a user administrator, an employee,
 * a custom role that may only issue (`issuance:issue`, no reissue), and another company's administrator.
 * Targets: the actor itself, Admin, another system-admin account, and an employee. Employee and
 * system-admin targets are registered afresh for each row, so no row depends on another.
 */

let h: Harness;
let admin: string;
const tokens: Record<string, string> = {};
let serial = 0;

const logIn = (company: string, loginId: string, password: string) => sessionToken(h, company, loginId, password);

/** A registered account that may log in at once (no forced change), with an address in slot 1. */
const register = (code: string, roleCode: string) => registerReady(h, admin, code, roleCode);

async function freshTarget(kind: 'system-admin' | 'employee'): Promise<string> {
  const code = `${kind === 'employee' ? 'T' : 'S'}${String(++serial).padStart(4, '0')}`;
  await register(code, kind);
  return code;
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  const role = await h.http
    .post('/api/roles')
    .set('Authorization', `Bearer ${admin}`)
    .send({ code: 'issuer', name: '発行担当', permissions: ['accounts:read', 'issuance:issue'] });
  expect(role.status).toBe(201);
  await register('UA01', 'user-admin');
  await register('EM01', 'employee');
  await register('CR01', 'issuer');
  // Inactive, so registrations need no rank, while the history may still hold it (as in 修正モード).
  const rank = await h.http
    .post('/api/ranks')
    .set('Authorization', `Bearer ${admin}`)
    .send({ code: 'AR1', name: '検証ランク', active: false });
  expect(rank.status).toBe(201);
  tokens['system-admin'] = admin;
  tokens['user-admin'] = await logIn(companyCode, 'UA01', defaultInitialPassword);
  tokens.employee = await logIn(companyCode, 'EM01', defaultInitialPassword);
  tokens.issuer = await logIn(companyCode, 'CR01', defaultInitialPassword);
  tokens.other = await otherCompanyAdmin(h);
  // Admin's own address (a step-up): the self rows of issuances then meet the policy, not a missing address.
  const own = await h.http
    .patch('/api/accounts/Admin')
    .set('Authorization', `Bearer ${admin}`)
    .send({ emails: ['admin@example.test'], currentPassword: adminPassword });
  expect(own.status).toBe(200);
});

afterAll(async () => {
  await h?.teardown();
});

type Actor = 'system-admin' | 'user-admin' | 'employee' | 'issuer' | 'other';
type Target = 'self' | 'Admin' | 'system-admin' | 'employee';
const selfCode: Record<Actor, string> = {
  'system-admin': 'Admin',
  'user-admin': 'UA01',
  employee: 'EM01',
  issuer: 'CR01',
  other: 'Admin',
};

async function currentAssignment(code: string) {
  const account = await h.http.get(`/api/accounts/${code}`).set('Authorization', `Bearer ${admin}`);
  const current = account.body.current;
  return {
    effectiveDate: current.effectiveDate,
    departmentCode: current.departmentCode,
    controlDepartmentCode: current.controlDepartmentCode,
    reportingControlDepartmentCode: current.reportingControlDepartmentCode,
  };
}

const operations: Record<string, (token: string, code: string) => Promise<{ status: number }>> = {
  'grant system-admin role': async (token, code) =>
    h.http
      .patch(`/api/accounts/${code}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ current: { ...(await currentAssignment(code)), roleCode: 'system-admin' } }),
  'set password': (token, code) =>
    h.http.patch(`/api/accounts/${code}`).set('Authorization', `Bearer ${token}`).send({ password: 'Chosen-by-4dmin' }),
  'change e-mail': (token, code) =>
    h.http
      .patch(`/api/accounts/${code}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ emails: ['attacker@example.test'] }),
  unlock: (token, code) => h.http.delete(`/api/accounts/${code}/lockout`).set('Authorization', `Bearer ${token}`),
  'reset MFA': (token, code) => h.http.delete(`/api/accounts/${code}/mfa`).set('Authorization', `Bearer ${token}`),
  'e-mail issuance': (token, code) =>
    h.http.post(`/api/accounts/${code}/email-issuances`).set('Authorization', `Bearer ${token}`).send({}),
  'credential mail (reissue B)': (token, code) =>
    h.http.post(`/api/accounts/${code}/credential-mails`).set('Authorization', `Bearer ${token}`).send({}),
  'PDF issuance': (token, code) =>
    h.http.post(`/api/accounts/${code}/pdf-issuances`).set('Authorization', `Bearer ${token}`).send({}),
  'transfer into system-admin role': (token, code) =>
    h.http
      .put(`/api/accounts/${code}/transfer`)
      .set('Authorization', `Bearer ${token}`)
      .send(assignment('system-admin', { effectiveDate: '2099-04-01' })),
  delete: (token, code) => h.http.delete(`/api/accounts/${code}`).set('Authorization', `Bearer ${token}`),
  'add rank row': (token, code) =>
    h.http
      .post(`/api/accounts/${code}/ranks`)
      .set('Authorization', `Bearer ${token}`)
      .send({ effectiveMonth: '2026-05', rankCode: 'AR1' }),
};
type Operation = keyof typeof operations;

async function rankRowCount(code: string): Promise<number> {
  const rows = await h.db.orm.em
    .fork()
    .getConnection()
    .execute<{ n: string }[]>(
      `select count(*) as n from account_rank r join account a on a.id = r.account_id
         join company c on c.id = a.company_id where c.code = ? and a.code = ?`,
      [companyCode, code],
    );
  return Number(rows[0]!.n);
}

/**
 * Expected statuses. Employee and system-admin targets are fresh accounts that never logged in, so an
 * issuance to them is a first issuance, and reissue B finds no password issued (409).
 */
const mayDo: Record<Operation, number> = {
  'grant system-admin role': 200,
  'set password': 200,
  'change e-mail': 200,
  unlock: 200,
  'reset MFA': 409, // MFA_NOT_CONFIGURED: allowed, but nothing to reset
  'e-mail issuance': 202,
  'credential mail (reissue B)': 409, // PASSWORD_NOT_ISSUED
  'PDF issuance': 202,
  'transfer into system-admin role': 200,
  delete: 204,
  'add rank row': 201,
};
const all = (status: number) =>
  Object.fromEntries(Object.keys(operations).map((op) => [op, status])) as Record<Operation, number>;

const expected: Record<Actor, Partial<Record<Target, Record<Operation, number>>>> = {
  'system-admin': {
    self: {
      ...mayDo,
      'set password': 403, // OWN_PASSWORD: the own password changes with the current one
      'change e-mail': 403, // STEP_UP_REQUIRED: the own addresses need the current password again
      'reset MFA': 403, // STEP_UP_REQUIRED
      'e-mail issuance': 403, // OWN_ACCOUNT
      'credential mail (reissue B)': 403,
      'PDF issuance': 403,
      delete: 409, // SYSTEM_ADMINISTRATOR
    },
    'system-admin': mayDo,
    employee: mayDo,
  },
  'user-admin': {
    self: {
      ...all(403), // OWN_ROLE, OWN_PASSWORD, OWN_ACCOUNT, ROLE_ABOVE_OWN, STEP_UP_REQUIRED
      unlock: 200,
      delete: 409, // OWN_ACCOUNT
      'add rank row': 201,
    },
    Admin: all(403), // SYSTEM_ADMINISTRATOR_ONLY
    'system-admin': all(403),
    employee: { ...mayDo, 'grant system-admin role': 403, 'transfer into system-admin role': 403 },
  },
  employee: { self: all(403), Admin: all(403), 'system-admin': all(403), employee: all(403) },
  issuer: {
    self: all(403),
    Admin: all(403),
    'system-admin': all(403),
    employee: { ...all(403), 'e-mail issuance': 202, 'PDF issuance': 202 },
  },
  // Another company's accounts do not exist for it (its own `Admin` would be itself: not a target here).
  other: { 'system-admin': all(404), employee: all(404) },
};

const rows: [Actor, Target, Operation, number][] = [];
for (const [actor, targets] of Object.entries(expected) as [
  Actor,
  Partial<Record<Target, Record<Operation, number>>>,
][]) {
  for (const [target, statuses] of Object.entries(targets) as [Target, Record<Operation, number>][]) {
    for (const [operation, status] of Object.entries(statuses) as [Operation, number][]) {
      rows.push([actor, target, operation, status]);
    }
  }
}

describe('the authorization table', () => {
  it.each(rows)('%s → %s: %s answers %i', async (actor, target, operation, status) => {
    const code =
      target === 'self'
        ? selfCode[actor]
        : target === 'Admin'
          ? 'Admin'
          : await freshTarget(target === 'system-admin' ? 'system-admin' : 'employee');
    const before = await h.db.orm.em.fork().findOne(
      Account,
      { company: { code: companyCode }, code },
      {
        populate: ['passwordHash'],
      },
    );
    const rankRowsBefore = await rankRowCount(code);
    const res = await operations[operation]!(tokens[actor]!, code);
    expect({ status: res.status }).toEqual({ status });
    if (status >= 400 && target !== 'self') {
      // A refusal changes nothing of the account.
      const after = await h.db.orm.em.fork().findOne(
        Account,
        { company: { code: companyCode }, code },
        {
          populate: ['passwordHash'],
        },
      );
      expect(after?.passwordHash).toBe(before?.passwordHash);
      expect(after?.email1).toBe(before?.email1);
      expect(after?.role.id).toBe(before?.role.id);
      expect(await rankRowCount(code)).toBe(rankRowsBefore);
    }
  });
});

describe('granting and defining roles', () => {
  it('refuses to register an account with a role above the caller’s, and lets the system administrator', async () => {
    const asUserAdmin = (roleCode: string, code: string) =>
      h.http
        .post('/api/accounts')
        .set('Authorization', `Bearer ${tokens['user-admin']}`)
        .send({
          code,
          type: 'own',
          lastName: '権限',
          firstName: '太郎',
          shortName: '権限',
          password: 'Known-passw0rd-1',
          current: assignment(roleCode),
        });
    const escalation = await asUserAdmin('system-admin', 'X0001');
    expect(escalation.status).toBe(403);
    expect(escalation.body.error).toMatchObject({ code: 'ROLE_ABOVE_OWN', field: 'current.roleCode' });
    expect(
      (await h.http.post('/api/auth/login').send({ companyCode, loginId: 'X0001', password: 'Known-passw0rd-1' }))
        .status,
    ).toBe(401);
    expect((await asUserAdmin('employee', 'X0002')).status).toBe(201);
    expect((await asUserAdmin('issuer', 'X0003')).status).toBe(201);
  });

  it('refuses a role definition holding a permission the caller lacks, and any change of the caller’s own role', async () => {
    const definer = await h.http
      .post('/api/roles')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'ref-admin', name: '参照管理', permissions: ['reference:read', 'reference:write'] });
    expect(definer.status).toBe(201);
    await register('RF01', 'ref-admin');
    const token = await logIn(companyCode, 'RF01', defaultInitialPassword);
    const define = (permissions: string[], code: string) =>
      h.http.post('/api/roles').set('Authorization', `Bearer ${token}`).send({ code, name: '新ロール', permissions });
    const above = await define(['reference:read', 'issuance:reissue'], 'sneaky');
    expect(above.status).toBe(403);
    expect(above.body.error).toMatchObject({ code: 'ROLE_ABOVE_OWN', field: 'permissions' });
    expect((await define(['reference:read'], 'readers')).status).toBe(201);
    const ownRole = await h.http
      .patch('/api/roles/ref-admin')
      .set('Authorization', `Bearer ${token}`)
      .send({ permissions: ['reference:read'] });
    expect(ownRole.status).toBe(403);
    expect(ownRole.body.error.code).toBe('OWN_ROLE');
    const upgrade = await h.http
      .patch('/api/roles/issuer')
      .set('Authorization', `Bearer ${token}`)
      .send({ permissions: ['accounts:read', 'issuance:issue', 'issuance:reissue'] });
    expect(upgrade.status).toBe(403);
  });
});

describe('every reissue path with an account left 再発行中 after an expired reissue A', () => {
  let code: string;
  beforeAll(async () => {
    code = await freshTarget('employee');
    // The state an expired reissue A leaves: the status stays 再発行中 (the old password was reset when it started).
    await h.db.orm.em
      .fork()
      .nativeUpdate(
        Account,
        { code, company: { code: companyCode } },
        { passwordStatus: 'reissuing', authStatus: 'expired' },
      );
  });
  const as = (who: 'issuer' | 'user-admin') => `Bearer ${tokens[who]}`;

  it('refuses the single e-mail, reissue B and single PDF paths without issuance:reissue', async () => {
    const email = await h.http
      .post(`/api/accounts/${code}/email-issuances`)
      .set('Authorization', as('issuer'))
      .send({});
    expect(email.status).toBe(403);
    const direct = await h.http
      .post(`/api/accounts/${code}/credential-mails`)
      .set('Authorization', as('issuer'))
      .send({});
    expect(direct.status).toBe(403);
    const pdf = await h.http.post(`/api/accounts/${code}/pdf-issuances`).set('Authorization', as('issuer')).send({});
    expect(pdf.status).toBe(403);
  });

  it('leaves it out of both bulk previews as already issued, whoever asks (reissue is one person at a time)', async () => {
    const emailPreview = await h.http
      .post('/api/email-issuances/preview')
      .set('Authorization', as('issuer'))
      .send({ accounts: [{ code }] });
    expect(emailPreview.status).toBe(200);
    expect(emailPreview.body.lines[0]).toMatchObject({
      reissue: true,
      included: false,
      exclusionReason: 'ALREADY_ISSUED',
    });
    const pdfPreview = await h.http
      .post('/api/pdf-issuances/preview')
      .set('Authorization', as('issuer'))
      .send({ accountCodes: [code] });
    expect(pdfPreview.status).toBe(200);
    expect(pdfPreview.body.lines[0]).toMatchObject({
      reissue: true,
      included: false,
      exclusionReason: 'ALREADY_ISSUED',
    });
    const userAdmin = await h.http
      .post('/api/pdf-issuances/preview')
      .set('Authorization', as('user-admin'))
      .send({ accountCodes: [code] });
    expect(userAdmin.body).toMatchObject({ included: 0, reissues: 0, excluded: 1 });
    expect(userAdmin.body.lines[0]).toMatchObject({ exclusionReason: 'ALREADY_ISSUED' });
  });

  it('leaves the employee out of both bulk runs: the PDF run has nobody left (409), the e-mail run skips it', async () => {
    const passwordBefore = (
      await h.db.orm.em
        .fork()
        .findOneOrFail(Account, { code, company: { code: companyCode } }, { populate: ['passwordHash'] })
    ).passwordHash;
    const bulkPdf = await h.http
      .post('/api/pdf-issuances')
      .set('Authorization', as('issuer'))
      .send({ accountCodes: [code] });
    expect(bulkPdf.status).toBe(409);
    expect(bulkPdf.body.error).toMatchObject({ code: 'NOTHING_TO_ISSUE', field: 'accountCodes' });
    expect(bulkPdf.body.error.message).toContain('ALREADY_ISSUED');
    const bulkEmail = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', as('issuer'))
      .send({ accounts: [{ code }] });
    expect(bulkEmail.status).toBe(202);
    const progress = await eventually(async () => {
      const res = await h.http
        .get(`/api/email-issuances/bulk/${bulkEmail.body.runId}`)
        .set('Authorization', `Bearer ${admin}`);
      expect(res.body.progress.skipped).toBe(1);
      return res.body;
    });
    expect(JSON.stringify(progress)).toContain('ALREADY_ISSUED');
    const after = await h.db.orm.em
      .fork()
      .findOneOrFail(Account, { code, company: { code: companyCode } }, { populate: ['passwordHash'] });
    expect(after.passwordHash).toBe(passwordBefore);
    expect(h.smtp.mails.filter((mail) => mail.to.includes(`${code.toLowerCase()}@example.test`))).toHaveLength(0);
  });

  it('lets the user administrator reissue it', async () => {
    const email = await h.http
      .post(`/api/accounts/${code}/email-issuances`)
      .set('Authorization', as('user-admin'))
      .send({});
    expect(email.status).toBe(202);
    expect(email.body.kind).toBe('reissue-verify');
  });
});

describe('another company', () => {
  it('sees nothing of this company in lists and previews', async () => {
    const list = await h.http.get('/api/accounts').set('Authorization', `Bearer ${tokens.other}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('UA01');
    const preview = await h.http
      .post('/api/pdf-issuances/preview')
      .set('Authorization', `Bearer ${tokens.other}`)
      .send({ accountCodes: ['UA01'] });
    expect(preview.status).toBe(400);
    expect(preview.body.error.field).toBe('accountCodes.0');
    expect(await h.db.orm.em.fork().count(Company)).toBe(2);
  });
});
