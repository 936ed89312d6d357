import { generate } from 'otplib';
import { Account, Company } from '../entities';
import { accountRow, importHeader, toCsv } from './support/account-csv';
import {
  adminToken,
  assignment,
  createAccount,
  defaultInitialPassword,
  enrolMfa,
  eventually,
  login,
  registerReady,
  startIssuance,
} from './support/api';
import { auditEvents, auditTrailText, latestAuditEvent } from './support/audit';
import { companyCode, createHarness, type Harness } from './support/harness';

/**
 * Each action family of the audit trail (issue 21) through HTTP: the event, its actor, its target and the fields
 * changed. The trail's reading, refusals, chain and secrets: audit-trail.test.ts.
 */
let h: Harness;
let admin: string;

const clientSecret = 'audit-client-secret-0123456789';
const newPassword = 'Changed-audit-passw0rd';

function api(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, token = admin) {
  return h.http[method](path).set('Authorization', `Bearer ${token}`);
}

const latest = (action: string, query: Record<string, string> = {}) => latestAuditEvent(h, admin, action, query);
const adminActor = { kind: 'account', code: 'Admin', role: 'system-admin' };

async function expectStatus(request: PromiseLike<{ status: number; body: unknown }>, status: number) {
  const res = await request;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

it('settings: the fields before → after, the client secret only as changed', async () => {
  await expectStatus(
    api('patch', '/api/settings').send({ lockoutThreshold: 3, azureAdClientSecret: clientSecret }),
    200,
  );
  const event = await latest('settings.update');
  expect(event).toMatchObject({ actor: adminActor, target: { type: 'settings', code: companyCode } });
  expect(event.changes).toEqual(
    expect.arrayContaining([
      { field: 'lockoutThreshold', before: 5, after: 3 },
      { field: 'azureAdClientSecret', changed: true },
    ]),
  );
});

it('roles and their permissions, and reference data: created, changed, deleted', async () => {
  await expectStatus(
    api('post', '/api/roles').send({ code: 'aud-r', name: '監査', permissions: ['accounts:read'] }),
    201,
  );
  await expectStatus(api('patch', '/api/roles/aud-r').send({ permissions: ['accounts:read', 'audit:read'] }), 200);
  const changed = await latest('role.update');
  expect(changed).toMatchObject({ actor: adminActor, target: { type: 'role', code: 'aud-r', name: '監査' } });
  expect(changed.changes).toEqual([
    { field: 'permissions', before: ['accounts:read'], after: ['accounts:read', 'audit:read'] },
  ]);
  await expectStatus(api('delete', '/api/roles/aud-r'), 204);
  expect((await latest('role.delete')).target.code).toBe('aud-r');

  await expectStatus(api('post', '/api/departments').send({ code: 'AD1', name: '監査部', parentCode: '0' }), 201);
  expect((await latest('department.create')).changes).toEqual(
    expect.arrayContaining([{ field: 'name', before: null, after: '監査部' }]),
  );
  await expectStatus(api('patch', '/api/departments/AD1').send({ name: '内部監査部' }), 200);
  expect((await latest('department.update')).changes).toEqual([
    { field: 'name', before: '監査部', after: '内部監査部' },
  ]);
  await expectStatus(api('post', '/api/ranks').send({ code: 'AR1', name: '主任' }), 201);
  expect((await latest('rank.create')).target).toMatchObject({ type: 'rank', code: 'AR1' });
  // Deleted again: with an active rank, every own account would need one.
  await expectStatus(api('delete', '/api/ranks/AR1'), 204);
  expect((await latest('rank.delete')).target.code).toBe('AR1');
  await expectStatus(api('post', '/api/partners').send({ kind: 'contractor', code: 'AC1-01', name: '委託先' }), 201);
  expect((await latest('partner.create')).target).toMatchObject({ type: 'partner', code: 'AC1-01' });
  await expectStatus(api('post', '/api/projects').send({ code: 'AP1-01', name: '監査案件' }), 201);
  await expectStatus(api('delete', '/api/projects/AP1-01'), 204);
  expect((await latest('project.delete')).changes).toEqual(
    expect.arrayContaining([{ field: 'name', before: '監査案件', after: null }]),
  );
});

it('a transfer: scheduled, cancelled, and one dated today applied at once (department and role before → after)', async () => {
  await createAccount(h, admin, { code: 'AT001' });
  await expectStatus(
    api('put', '/api/accounts/AT001/transfer').send(assignment('user-admin', { effectiveDate: '2099-04-01' })),
    200,
  );
  const scheduled = await latest('transfer.schedule', { account: 'AT001' });
  expect(scheduled).toMatchObject({ actor: adminActor, details: { effectiveDate: '2099-04-01' } });
  expect(scheduled.changes).toEqual(
    expect.arrayContaining([
      { field: 'effectiveDate', before: '2026-04-01', after: '2099-04-01' },
      { field: 'role', before: 'employee', after: 'user-admin' },
    ]),
  );
  await expectStatus(api('delete', '/api/accounts/AT001/transfer'), 204);
  expect((await latest('transfer.cancel', { account: 'AT001' })).details).toMatchObject({
    effectiveDate: '2099-04-01',
  });

  const today = new Date().toISOString().slice(0, 10);
  await expectStatus(
    api('put', '/api/accounts/AT001/transfer').send(assignment('user-admin', { effectiveDate: today })),
    200,
  );
  const applied = await latest('transfer.apply', { account: 'AT001' });
  expect(applied.actor).toMatchObject(adminActor);
  expect(applied.changes).toEqual(expect.arrayContaining([{ field: 'role', before: 'employee', after: 'user-admin' }]));
});

it('an e-mail issuance: its start by the administrator and its outcome by the service, per transition', async () => {
  await registerReady(h, admin, 'AI001', 'employee');
  await expectStatus(startIssuance(h, admin, 'AI001'), 202);
  const started = await latest('issuance.start', { account: 'AI001' });
  expect(started).toMatchObject({
    actor: adminActor,
    target: { type: 'account', code: 'AI001' },
    changes: [{ field: 'status', before: null, after: 'sending' }],
    details: { channel: 'email', kind: 'initial' },
  });
  await h.smtp.waitFor((mail) => mail.to.includes('ai001@example.test'));
  const sent = await eventually(() => latest('issuance.verification-sent', { account: 'AI001' }));
  expect(sent).toMatchObject({
    actor: { kind: 'system', code: 'issuance' },
    changes: [{ field: 'status', before: 'sending', after: 'pending' }],
  });
});

it('an import: one event for the run, and one per account it created', async () => {
  const csv = toCsv([importHeader, accountRow(1, 'AM'), accountRow(2, 'AM')]);
  const res = await expectStatus(
    api('post', '/api/account-imports').set('Content-Type', 'text/csv').send(Buffer.from(csv, 'utf8')),
    202,
  );
  const run = await latest('import.run');
  expect(run).toMatchObject({
    actor: adminActor,
    target: { type: 'import', id: (res.body as { importId: string }).importId },
    details: { rows: 2 },
  });
  const created = await eventually(async () => {
    const events = await auditEvents(h, admin, { action: 'account.create', actor: 'Admin' });
    const imported = events.filter((event) => event.target.code?.startsWith('AM'));
    if (imported.length < 2) throw new Error(`${imported.length} imported`);
    return imported;
  });
  expect(created.map((event) => event.target.code).sort()).toEqual(['AM00001', 'AM00002']);
});

it('logins: success, failures, the lock by the service, the unlock and the failure-count clear by an administrator', async () => {
  await registerReady(h, admin, 'AL001', 'employee');
  expect((await login(h, 'AL001', defaultInitialPassword)).status).toBe(200);
  expect(await latest('login.succeeded', { account: 'AL001' })).toMatchObject({
    actor: { kind: 'account', code: 'AL001', role: 'employee' },
    target: { code: 'AL001' },
  });
  expect((await login(h, 'NOBODY', 'whatever-password')).status).toBe(401);
  expect(await latest('login.failed', { actor: 'NOBODY' })).toMatchObject({
    outcome: 'failed',
    reason: 'UNKNOWN_LOGIN_ID',
  });
  // lockoutThreshold is 3 since the settings test.
  for (let attempt = 0; attempt < 3; attempt++) expect((await login(h, 'AL001', 'wrong-password-x')).status).toBe(401);
  expect(await latest('login.failed', { account: 'AL001' })).toMatchObject({
    actor: { kind: 'anonymous', code: 'AL001' },
    outcome: 'failed',
    reason: 'WRONG_PASSWORD',
  });
  expect(await latest('login.locked', { account: 'AL001' })).toMatchObject({
    actor: { kind: 'system', code: 'lockout' },
  });
  await expectStatus(api('delete', '/api/accounts/AL001/lockout'), 200);
  const unlocked = await latest('account.unlock', { account: 'AL001' });
  expect(unlocked.actor).toMatchObject(adminActor);
  expect(unlocked.changes).toEqual(expect.arrayContaining([{ field: 'failedLoginCount', before: 3, after: 0 }]));
  expect((await login(h, 'AL001', 'wrong-password-x')).status).toBe(401);
  await expectStatus(api('delete', '/api/accounts/AL001/login-failures'), 200);
  expect((await latest('account.failures-cleared', { account: 'AL001' })).changes).toEqual([
    { field: 'failedLoginCount', before: 1, after: 0 },
  ]);
});

it('the own password changed, MFA enrolled and reset: the secrets only as changed', async () => {
  await registerReady(h, admin, 'AP001', 'employee');
  const token = (await login(h, 'AP001', defaultInitialPassword)).body.token as string;
  await expectStatus(
    api('post', '/api/auth/password', token).send({ currentPassword: defaultInitialPassword, newPassword }),
    200,
  );
  expect(await latest('password.changed', { account: 'AP001' })).toMatchObject({
    actor: { kind: 'account', code: 'AP001' },
    changes: [{ field: 'password', changed: true }],
  });

  const em = h.db.orm.em.fork();
  await em.nativeUpdate(Company, { code: companyCode }, { mfaEnabled: true });
  await em.nativeUpdate(Account, { code: 'AP001', company: { code: companyCode } }, { mfaEnabled: true });
  try {
    const limited = (await login(h, 'AP001', newPassword)).body.token as string;
    const { secret } = await enrolMfa(h, limited);
    expect(await latest('mfa.enrolled', { account: 'AP001' })).toMatchObject({
      actor: { kind: 'account', code: 'AP001' },
      changes: [
        { field: 'mfaStatus', before: 'unset', after: 'set' },
        { field: 'mfaSecret', changed: true },
      ],
    });
    await expectStatus(api('delete', '/api/accounts/AP001/mfa'), 200);
    expect(await latest('account.mfa-reset', { account: 'AP001' })).toMatchObject({ actor: adminActor });
    const text = await auditTrailText(h);
    for (const value of [
      secret,
      await generate({ secret }),
      clientSecret,
      newPassword,
      defaultInitialPassword,
      token,
    ]) {
      expect(text).not.toContain(value);
    }
  } finally {
    await em.nativeUpdate(Company, { code: companyCode }, { mfaEnabled: false });
  }
});
