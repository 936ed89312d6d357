import { Account, PasswordNoticeItem } from '../entities';
import { bootstrapCompany } from '../lib/bootstrap';
import { adminToken, createAccount, defaultInitialPassword, eventually, sessionToken } from './support/api';
import { companyCode, createHarness, type Harness } from './support/harness';

/**
 * Issue 16 through HTTP: a bulk run's typed address is a change of the account, so it goes through the one
 * door of account changes (`changeAccountFields`, asked field by field by the policy). For an account the
 * starter may not change the employee is left out (ADDRESS_CHANGE_NOT_PERMITTED) and nothing is written;
 * the run goes on for the others. And a bulk run (e-mail or PDF) never reissues: an employee who already
 * has a password is left out (ALREADY_ISSUED, 「再発行は個別に行ってください」).
 */

let h: Harness;
let admin: string;
const tokens: Record<'userAdmin' | 'issuer' | 'secondSystemAdmin' | 'other', string> = {
  userAdmin: '',
  issuer: '',
  secondSystemAdmin: '',
  other: '',
};
let serial = 0;

const attacker = 'attacker@evil.example';

/** An account that may log in at once (no forced change); without an address unless given. */
async function register(code: string, roleCode: string, emails?: string[]): Promise<void> {
  await createAccount(h, admin, { code, roleCode, ...(emails ? { emails } : {}) });
  await h.db.orm.em.fork().nativeUpdate(Account, { code }, { mustChangePassword: false });
}

/** A target registered afresh for one test: without any address, never logged in (a first issuance). */
async function freshTarget(roleCode: string): Promise<string> {
  const code = `X${String(++serial).padStart(4, '0')}`;
  await register(code, roleCode);
  return code;
}

async function addressesOf(code: string, company = companyCode) {
  const account = await h.db.orm.em.fork().findOneOrFail(Account, { code, company: { code: company } });
  return [account.email1 ?? null, account.email2 ?? null, account.email3 ?? null];
}

const post = (token: string, path: string, body: object, language = 'ja') =>
  h.http.post(path).set('Authorization', `Bearer ${token}`).set('Accept-Language', language).send(body);

async function resultsFile(token: string, path: string, language = 'ja'): Promise<string> {
  const res = await h.http.get(path).set('Authorization', `Bearer ${token}`).set('Accept-Language', language);
  expect(res.status).toBe(200);
  return res.text;
}

async function finishedItems(token: string, runId: string) {
  return eventually(async () => {
    const status = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${token}`);
    expect(status.body.finishedAt).not.toBeNull();
    const items = await h.http.get(`/api/email-issuances/bulk/${runId}/items`).set('Authorization', `Bearer ${token}`);
    expect(items.status).toBe(200);
    return items.body.items as { accountCode: string; state: string; reason: string | null }[];
  }, 30_000);
}

const mailsTo = (address: string) => h.smtp.mails.filter((mail) => mail.to.includes(address));

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  for (const role of [
    { code: 'issuer', name: '発行担当', permissions: ['accounts:read', 'issuance:issue'] },
    { code: 'settings', name: '設定管理', permissions: ['accounts:read', 'settings:read', 'settings:write'] },
  ]) {
    expect((await post(admin, '/api/roles', role)).status).toBe(201);
  }
  await register('UA01', 'user-admin');
  await register('CR01', 'issuer');
  await register('SA01', 'system-admin');
  tokens.userAdmin = await sessionToken(h, companyCode, 'UA01', defaultInitialPassword);
  tokens.issuer = await sessionToken(h, companyCode, 'CR01', defaultInitialPassword);
  tokens.secondSystemAdmin = await sessionToken(h, companyCode, 'SA01', defaultInitialPassword);
  await bootstrapCompany(h.db.orm.em.fork(), { code: 'other', name: '他社', adminPassword: 'Other-Admin-passw0rd' });
  tokens.other = await sessionToken(h, 'other', 'Admin', 'Other-Admin-passw0rd');
});

afterAll(async () => {
  await h?.teardown();
});

describe('a typed address for an account the starter may not change is refused, and nothing is written', () => {
  /**
   * The preview and the run both leave the employee out with the reason; the run's items and its results
   * file say why; the account's addresses are as before and no mail goes to the typed address.
   */
  async function expectRefused(token: string, code: string, typedAddress: string): Promise<void> {
    const before = await addressesOf(code);
    const selection = { accounts: [{ code, typedAddress }] };

    const preview = await post(token, '/api/email-issuances/preview', selection);
    expect(preview.status).toBe(200);
    expect(preview.body.lines[0]).toMatchObject({
      code,
      included: false,
      action: 'excluded',
      exclusionReason: 'ADDRESS_CHANGE_NOT_PERMITTED',
      exclusionLabel: 'このアカウントのメールアドレスを変更する権限がないため対象外',
    });

    const run = await post(token, '/api/email-issuances/bulk', selection);
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ included: 0, excluded: 1 });
    expect(run.body.lines[0]).toMatchObject({ included: false, exclusionReason: 'ADDRESS_CHANGE_NOT_PERMITTED' });
    expect(await addressesOf(code)).toEqual(before);

    const items = await finishedItems(token, run.body.runId);
    expect(items).toEqual([
      expect.objectContaining({ accountCode: code, state: 'skipped', reason: 'ADDRESS_CHANGE_NOT_PERMITTED' }),
    ]);
    const results = await resultsFile(token, `/api/email-issuances/bulk/${run.body.runId}/results`);
    expect(results).toContain(
      'ADDRESS_CHANGE_NOT_PERMITTED: このアカウントのメールアドレスを変更する権限がないため対象外',
    );
    expect(await addressesOf(code)).toEqual(before);
    expect(mailsTo(typedAddress)).toHaveLength(0);
  }

  it('refuses Admin to a user administrator, and the account form refuses the same change (403)', async () => {
    await expectRefused(tokens.userAdmin, 'Admin', attacker);
    const patch = await h.http
      .patch('/api/accounts/Admin')
      .set('Authorization', `Bearer ${tokens.userAdmin}`)
      .send({ emails: [attacker] });
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('SYSTEM_ADMINISTRATOR_ONLY');
  });

  it('refuses Admin to a role holding only issuance:issue (no accounts:write)', async () => {
    await expectRefused(tokens.issuer, 'Admin', attacker);
  });

  it('refuses a system administrator account to an issuer-only custom role', async () => {
    await expectRefused(tokens.issuer, await freshTarget('system-admin'), attacker);
  });

  it('refuses a system administrator account to a user administrator', async () => {
    await expectRefused(tokens.userAdmin, await freshTarget('system-admin'), attacker);
  });

  it('refuses an account whose role holds a permission the starter lacks (above the starter’s role)', async () => {
    await expectRefused(tokens.userAdmin, await freshTarget('settings'), 'above@example.test');
  });

  it('refuses an ordinary employee to a role without accounts:write', async () => {
    await expectRefused(tokens.issuer, await freshTarget('employee'), 'issuer-typed@example.test');
  });

  it('leaves Admin out for a second system administrator too: a bulk run never reissues (ALREADY_ISSUED)', async () => {
    const before = await addressesOf('Admin');
    const run = await post(tokens.secondSystemAdmin, '/api/email-issuances/bulk', {
      accounts: [{ code: 'Admin', typedAddress: 'second-admin@example.test' }],
    });
    expect(run.status).toBe(202);
    expect(run.body.lines[0]).toMatchObject({ included: false, exclusionReason: 'ALREADY_ISSUED' });
    await finishedItems(tokens.secondSystemAdmin, run.body.runId);
    expect(await addressesOf('Admin')).toEqual(before);
    expect(mailsTo('second-admin@example.test')).toHaveLength(0);
  });

  it('treats another company’s account as absent: 400 naming the field, nothing written', async () => {
    const code = await freshTarget('employee');
    const before = await addressesOf(code);
    for (const path of ['/api/email-issuances/preview', '/api/email-issuances/bulk']) {
      const res = await post(tokens.other, path, { accounts: [{ code, typedAddress: attacker }] });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'accounts.0.code' });
    }
    expect(await addressesOf(code)).toEqual(before);
  });

  it('goes on for the others of the run, and saves and mails an address a user administrator may set', async () => {
    const refused = await freshTarget('system-admin');
    const allowed = await freshTarget('employee');
    const typed = `${allowed.toLowerCase()}@example.test`;
    const run = await post(tokens.userAdmin, '/api/email-issuances/bulk', {
      accounts: [
        { code: refused, typedAddress: attacker },
        { code: allowed, typedAddress: typed },
      ],
    });
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ included: 1, excluded: 1 });
    expect(run.body.lines[1]).toMatchObject({ code: allowed, included: true, action: 'first-issuance' });
    expect(await addressesOf(allowed)).toEqual([typed, null, null]);
    expect(await addressesOf(refused)).toEqual([null, null, null]);
    await eventually(async () => expect(mailsTo(typed)).toHaveLength(1));
    const items = await finishedItems(tokens.userAdmin, run.body.runId);
    expect(items.map((item) => [item.accountCode, item.state, item.reason])).toEqual([
      [refused, 'skipped', 'ADDRESS_CHANGE_NOT_PERMITTED'],
      [allowed, 'pendingVerification', null],
    ]);
    expect(mailsTo(attacker)).toHaveLength(0);
  });
});

describe('bulk runs leave out employees who already have a password (再発行は個別に行ってください)', () => {
  /** One employee never issued and one whose password was issued; both with an address. */
  async function issuedAndFresh(): Promise<{ issued: string; fresh: string; hashBefore: string | undefined }> {
    const issued = `I${String(++serial).padStart(4, '0')}`;
    const fresh = `F${String(++serial).padStart(4, '0')}`;
    await register(issued, 'employee', [`${issued.toLowerCase()}@example.test`]);
    await register(fresh, 'employee', [`${fresh.toLowerCase()}@example.test`]);
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(Account, { code: issued }, { passwordStatus: 'issued', authStatus: 'verified' });
    const hashBefore = (await em.findOneOrFail(Account, { code: issued }, { populate: ['passwordHash'] })).passwordHash;
    return { issued, fresh, hashBefore };
  }

  /** A preview line of an employee who already has a password. */
  const leftOutAsIssued = (code: string) => ({
    code,
    reissue: true,
    included: false,
    action: 'excluded',
    exclusionReason: 'ALREADY_ISSUED',
    exclusionLabel: '再発行は個別に行ってください',
  });

  async function hashOf(code: string) {
    return (await h.db.orm.em.fork().findOneOrFail(Account, { code }, { populate: ['passwordHash'] })).passwordHash;
  }

  it('e-mail: the preview, the run, its items and its results file say ALREADY_ISSUED; nothing is sent to it', async () => {
    const { issued, fresh, hashBefore } = await issuedAndFresh();
    const selection = { accounts: [{ code: issued }, { code: fresh }] };
    const preview = await post(tokens.userAdmin, '/api/email-issuances/preview', selection);
    expect(preview.status).toBe(200);
    expect(preview.body.lines[0]).toMatchObject(leftOutAsIssued(issued));
    expect(preview.body.lines[1]).toMatchObject({ code: fresh, included: true, action: 'first-issuance' });
    expect(preview.body.messages).toContainEqual({
      code: 'ALREADY_ISSUED',
      message: '1人はパスワード発行済みのため対象外です。再発行は個別に行ってください。',
    });

    const run = await post(tokens.userAdmin, '/api/email-issuances/bulk', selection);
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ included: 1, excluded: 1 });
    const items = await finishedItems(tokens.userAdmin, run.body.runId);
    expect(items[0]).toMatchObject({ accountCode: issued, state: 'skipped', reason: 'ALREADY_ISSUED' });
    const ja = await resultsFile(tokens.userAdmin, `/api/email-issuances/bulk/${run.body.runId}/results`);
    expect(ja).toContain('ALREADY_ISSUED: 再発行は個別に行ってください');
    const en = await resultsFile(tokens.userAdmin, `/api/email-issuances/bulk/${run.body.runId}/results`, 'en');
    expect(en).toContain('ALREADY_ISSUED: Reissue one person at a time');
    expect(await hashOf(issued)).toBe(hashBefore);
    expect(mailsTo(`${issued.toLowerCase()}@example.test`)).toHaveLength(0);
    await eventually(async () => expect(mailsTo(`${fresh.toLowerCase()}@example.test`)).toHaveLength(1));
  });

  it('e-mail: an employee who got a password after the start is left out by its chunk (ALREADY_ISSUED)', async () => {
    const code = `L${String(++serial).padStart(4, '0')}`;
    const address = `${code.toLowerCase()}@example.test`;
    await register(code, 'employee', [address]);
    // The chunk runs only once the worker is back: meanwhile the employee gets a password another way.
    await h.stopWorker();
    let runId: string;
    try {
      const run = await post(tokens.userAdmin, '/api/email-issuances/bulk', { accounts: [{ code }] });
      expect(run.status).toBe(202);
      expect(run.body).toMatchObject({ included: 1, excluded: 0 });
      runId = run.body.runId as string;
      await h.db.orm.em.fork().nativeUpdate(Account, { code }, { passwordStatus: 'issued', authStatus: 'none' });
    } finally {
      await h.startWorker();
    }
    const items = await finishedItems(tokens.userAdmin, runId);
    expect(items).toEqual([expect.objectContaining({ accountCode: code, state: 'skipped', reason: 'ALREADY_ISSUED' })]);
    const ja = await resultsFile(tokens.userAdmin, `/api/email-issuances/bulk/${runId}/results`);
    expect(ja).toContain('ALREADY_ISSUED: 再発行は個別に行ってください');
    expect(mailsTo(address)).toHaveLength(0);
    const account = await h.db.orm.em.fork().findOneOrFail(Account, { code });
    expect([account.passwordStatus, account.authStatus]).toEqual(['issued', 'none']);
  });

  it('PDF: the preview, the answer that starts the run and its results file say ALREADY_ISSUED; its password stays', async () => {
    const { issued, fresh, hashBefore } = await issuedAndFresh();
    const selection = { accountCodes: [issued, fresh] };
    const preview = await post(tokens.userAdmin, '/api/pdf-issuances/preview', selection);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ included: 1, reissues: 0, excluded: 1 });
    expect(preview.body.lines[0]).toMatchObject(leftOutAsIssued(issued));
    const en = await post(tokens.userAdmin, '/api/pdf-issuances/preview', selection, 'en');
    expect(en.body.messages).toContainEqual({
      code: 'ALREADY_ISSUED',
      message: '1 employee(s) already have a password and are left out. Reissue one person at a time.',
    });

    const run = await post(tokens.userAdmin, '/api/pdf-issuances', selection);
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ total: 1, reissues: 0, excluded: [{ code: issued, reason: 'ALREADY_ISSUED' }] });
    await eventually(async () => {
      const status = await h.http
        .get(`/api/pdf-issuances/${run.body.id}`)
        .set('Authorization', `Bearer ${tokens.userAdmin}`);
      expect(status.body.stage).toBe('ready');
    }, 30_000);
    const results = await resultsFile(tokens.userAdmin, `/api/pdf-issuances/${run.body.id}/results`);
    const lines = results.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(fresh);
    expect(lines[2]).toContain(issued);
    expect(lines[2]).toContain('skipped');
    expect(lines[2]).toContain('ALREADY_ISSUED: 再発行は個別に行ってください');
    expect(await hashOf(issued)).toBe(hashBefore);
  });

  it('PDF: an employee who got a password after the start is left out by its chunk, and the results say why', async () => {
    const { issued: late, fresh } = await issuedAndFresh();
    // Not issued yet when the run starts: the chunk runs only once the worker is back.
    await h.db.orm.em.fork().nativeUpdate(Account, { code: late }, { passwordStatus: 'unissued', authStatus: 'none' });
    await h.stopWorker();
    let runId: string;
    try {
      const run = await post(tokens.userAdmin, '/api/pdf-issuances', { accountCodes: [late, fresh] });
      expect(run.status).toBe(202);
      expect(run.body).toMatchObject({ total: 2, excluded: [] });
      runId = run.body.id as string;
      await h.db.orm.em.fork().nativeUpdate(Account, { code: late }, { passwordStatus: 'issued', authStatus: 'none' });
    } finally {
      await h.startWorker();
    }
    await eventually(async () => {
      const status = await h.http.get(`/api/pdf-issuances/${runId}`).set('Authorization', `Bearer ${tokens.userAdmin}`);
      expect(status.body.stage).toBe('ready');
    }, 30_000);
    const lines = (await resultsFile(tokens.userAdmin, `/api/pdf-issuances/${runId}/results`)).trim().split(/\r?\n/);
    const rowOf = (code: string) => lines.find((line) => line.includes(code)) ?? '';
    expect(rowOf(late)).toContain('skipped');
    expect(rowOf(late)).toContain('ALREADY_ISSUED: 再発行は個別に行ってください');
    expect(rowOf(fresh)).toContain('issued');
    const item = await h.db.orm.em.fork().findOneOrFail(PasswordNoticeItem, { notice: runId, account: { code: late } });
    expect([item.skipReason, item.issuance ?? null]).toEqual(['ALREADY_ISSUED', null]);
  });

  it('refuses a PDF run in which everybody already has a password (409 NOTHING_TO_ISSUE), changing nothing', async () => {
    const { issued, hashBefore } = await issuedAndFresh();
    const run = await post(tokens.userAdmin, '/api/pdf-issuances', { accountCodes: [issued] });
    expect(run.status).toBe(409);
    expect(run.body.error).toMatchObject({ code: 'NOTHING_TO_ISSUE', field: 'accountCodes' });
    expect(run.body.error.message).toContain('ALREADY_ISSUED');
    expect(await hashOf(issued)).toBe(hashBefore);
  });
});
