import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Account, Session } from '../entities';
import {
  adminToken,
  createAccount,
  defaultInitialPassword,
  eventually,
  login,
  startIssuance,
  verificationPath,
} from './support/api';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';

/** Every event after which an account's open sessions must end, and the operator's way back in for Admin. */

let h: Harness;
let admin: string;
let serial = 0;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const asAdmin = (method: 'patch' | 'post' | 'delete', path: string, body?: object) =>
  h.http[method](path).set('Authorization', `Bearer ${admin}`).send(body);

/** An employee with a working password and an open session. */
async function loggedInEmployee(): Promise<{ code: string; token: string; address: string }> {
  const code = `N${String(++serial).padStart(4, '0')}`;
  const address = `${code.toLowerCase()}@example.test`;
  await createAccount(h, admin, { code, emails: [address] });
  await h.db.orm.em.fork().nativeUpdate(Account, { code }, { mustChangePassword: false });
  const res = await login(h, code, defaultInitialPassword);
  expect(res.status).toBe(200);
  return { code, token: res.body.token as string, address };
}

/** Sessions of the account not revoked in the database (a refused token alone could be another check). */
const openSessions = (code: string) => h.db.orm.em.fork().count(Session, { account: { code }, revokedAt: null });

const sessionWorks = async (token: string) =>
  (await h.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status === 200;

describe('open sessions end', () => {
  it.each([
    [
      'an administrator sets the password',
      (code: string) => asAdmin('patch', `/api/accounts/${code}`, { password: 'Set-by-admin-1' }),
    ],
    [
      'the role changes',
      (code: string) =>
        asAdmin('patch', `/api/accounts/${code}`, {
          current: {
            effectiveDate: '2026-04-01',
            departmentCode: '0',
            controlDepartmentCode: '0',
            reportingControlDepartmentCode: '0',
            roleCode: 'user-admin',
          },
        }),
    ],
    ['the account is disabled', (code: string) => asAdmin('patch', `/api/accounts/${code}`, { disabled: true })],
    ['login is disabled', (code: string) => asAdmin('patch', `/api/accounts/${code}`, { loginDisabled: true })],
    ['a PDF notice is issued', (code: string) => asAdmin('post', `/api/accounts/${code}/pdf-issuances`, {})],
    ['a reissue B mail is sent', (code: string) => asAdmin('post', `/api/accounts/${code}/credential-mails`, {})],
  ])('when %s', async (_event, act) => {
    const { code, token } = await loggedInEmployee();
    expect(await sessionWorks(token)).toBe(true);
    const res = await act(code);
    expect(res.status).toBeLessThan(300);
    await eventually(async () => expect(await sessionWorks(token)).toBe(false));
    expect(await openSessions(code)).toBe(0);
  });

  it('when a reissue A starts (初期化: the old password and its sessions stop at once, not when the new one is mailed)', async () => {
    const { code, token, address } = await loggedInEmployee();
    expect(await sessionWorks(token)).toBe(true);
    expect((await startIssuance(h, admin, code)).status).toBe(202);
    expect(await sessionWorks(token)).toBe(false);
    expect(await openSessions(code)).toBe(0);
    // The employee confirms and gets the new password; the old session stays ended.
    const request = await h.smtp.waitFor((mail) => mail.to.includes(address) && mail.subject.includes('認証'));
    expect((await h.http.post(verificationPath(request))).status).toBe(200);
    await h.smtp.waitFor((mail) => mail.to.includes(address) && mail.subject.includes('ログイン情報'));
    expect(await sessionWorks(token)).toBe(false);
  });

  it('when failed logins lock the account', async () => {
    const { code, token } = await loggedInEmployee();
    for (let i = 0; i < 5; i++) expect((await login(h, code, `wrong-${i}`)).status).toBe(401);
    expect(await h.db.orm.em.fork().findOneOrFail(Account, { code })).toMatchObject({ lockedAt: expect.any(Date) });
    expect(await sessionWorks(token)).toBe(false);
    expect(await openSessions(code)).toBe(0);
  });

  it('but not by a bulk PDF run: it leaves an employee who has logged in out (ALREADY_ISSUED, reissue singly)', async () => {
    const { code, token } = await loggedInEmployee();
    const res = await asAdmin('post', '/api/pdf-issuances', { accountCodes: [code] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('ALREADY_ISSUED');
    expect(await sessionWorks(token)).toBe(true);
  });

  it('but not when an administrator only renames the account', async () => {
    const { code, token } = await loggedInEmployee();
    expect((await asAdmin('patch', `/api/accounts/${code}`, { lastName: '改名' })).status).toBe(200);
    expect(await sessionWorks(token)).toBe(true);
  });
});

describe('recovering Admin (operator command on the server)', () => {
  it('unlocks a locked-out Admin with a new password to change at once, and ends its sessions', async () => {
    const oldSession = admin;
    for (let i = 0; i < 5; i++) await login(h, 'Admin', `wrong-${i}`);
    expect((await login(h, 'Admin', adminPassword)).status).toBe(401);
    // Failed logins lock Admin only for a while and leave its sessions (hostile-access.test.ts); the recovery
    // still ends them.
    expect(await sessionWorks(oldSession)).toBe(true);

    const run = promisify(execFile);
    const root = resolve(__dirname, '..');
    const { stdout } = await run(
      resolve(root, 'node_modules/.bin/tsx'),
      ['scripts/recover-admin.ts', '--company', companyCode],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: h.db.url },
      },
    );
    const password = /password: (\S+)/.exec(stdout)?.[1];
    expect(password).toBeDefined();
    const res = await login(h, 'Admin', password!);
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    const changed = await h.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${res.body.token}`)
      .send({ currentPassword: password, newPassword: 'Recovered-Admin-passw0rd' });
    expect(changed.status).toBe(200);
    expect(await sessionWorks(oldSession)).toBe(false);
    admin = changed.body.token as string;
    expect(await sessionWorks(admin)).toBe(true);
  });

  it('refuses an unknown company with a clear message and exit code 1', async () => {
    const run = promisify(execFile);
    const root = resolve(__dirname, '..');
    await expect(
      run(resolve(root, 'node_modules/.bin/tsx'), ['scripts/recover-admin.ts', '--company', 'nosuch'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: h.db.url },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No company "nosuch"') });
  });
});
