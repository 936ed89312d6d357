import { generate } from 'otplib';
import { Account, Company } from '../entities';
import {
  adminToken,
  defaultInitialPassword,
  defineRole,
  enrolMfa,
  login,
  otherCompanyAdmin,
  readySession,
  registerReady,
} from './support/api';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';

/**
 * Issue 17, access: what an outsider or a stolen session can do to an account, tried through HTTP as an
 * attacker would. Setting another account's password is the reissue right; refused roles, a custom role and
 * another company are asked for each operation.
 */

let h: Harness;
let admin: string;
const tokens: Record<string, string> = {};
/** The API's clock runs this far ahead of the real one: a temporary lock ends without waiting for it. */
let clockAheadMs = 0;
const lockout = { delaySeconds: 60, maxDelaySeconds: 240 };

const register = (code: string, roleCode: string, extra: Record<string, unknown> = {}) =>
  registerReady(h, admin, code, roleCode, extra);

async function stored(code: string) {
  return h.db.orm.em
    .fork()
    .findOneOrFail(Account, { company: { code: companyCode }, code }, { populate: ['passwordHash'] });
}

beforeAll(async () => {
  h = await createHarness({
    temporal: 'local',
    clock: () => new Date(Date.now() + clockAheadMs),
    adminLockout: lockout,
  });
  admin = await adminToken(h);
  await defineRole(h, admin, 'writer', ['accounts:read', 'accounts:write']);
  for (const [code, role] of [
    ['UA01', 'user-admin'],
    ['EM01', 'employee'],
    ['WR01', 'writer'],
  ] as const) {
    tokens[role] = await readySession(h, admin, code, role);
  }
  tokens.other = await otherCompanyAdmin(h);
});

afterAll(async () => {
  await h?.teardown();
});

afterEach(() => {
  clockAheadMs = 0;
});

describe("another account's password is the reissue right (issuance:reissue), not accounts:write", () => {
  const setPassword = (token: string, code: string) =>
    h.http
      .patch(`/api/accounts/${code}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ note: 'changed', password: 'Chosen-by-4dmin' });

  it.each([
    ['employee', 403, 'FORBIDDEN', undefined],
    ['writer', 403, 'REISSUE_NOT_PERMITTED', 'password'],
    ['other', 404, 'ACCOUNT_NOT_FOUND', undefined],
  ] as const)('%s → %i %s, nothing changed', async (actor, status, code, field) => {
    await register(`P${actor.slice(0, 3).toUpperCase()}`, 'employee');
    const before = await stored(`P${actor.slice(0, 3).toUpperCase()}`);
    const res = await setPassword(tokens[actor]!, before.code);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, ...(field ? { field } : {}) });
    const after = await stored(before.code);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.note ?? null).toBe(before.note ?? null);
  });

  it('the custom role keeps every other field it may write; a user administrator (reissue) sets the password', async () => {
    await register('P0001', 'employee');
    const note = await h.http
      .patch('/api/accounts/P0001')
      .set('Authorization', `Bearer ${tokens.writer}`)
      .send({ note: 'writer may' });
    expect(note.status).toBe(200);
    const set = await setPassword(tokens['user-admin']!, 'P0001');
    expect(set.status).toBe(200);
    expect((await login(h, 'P0001', 'Chosen-by-4dmin')).status).toBe(200);
  });

  it('answers in English with the same code and field', async () => {
    await register('P0002', 'employee');
    const res = await setPassword(tokens.writer!, 'P0002').set('Accept-Language', 'en');
    expect(res.body.error).toMatchObject({ code: 'REISSUE_NOT_PERMITTED', field: 'password' });
    expect(res.body.error.message).toContain('issuance:reissue');
  });
});

describe('lockout that protects without being a weapon', () => {
  const guess = (code: string, password: string) => login(h, code, password);
  const guessWrong = async (code: string, times: number) => {
    for (let i = 0; i < times; i++)
      expect((await guess(code, `wrong-${i}`)).body.error.code).toBe('INVALID_CREDENTIALS');
  };
  const advance = (seconds: number) => {
    clockAheadMs += seconds * 1000;
  };

  it("Admin still able to log in after an anonymous client's guesses", async () => {
    const before = await h.http.get('/api/auth/me').set('Authorization', `Bearer ${admin}`);
    expect(before.status).toBe(200);
    await guessWrong('Admin', 30);
    // Locked for a while: the right password gets the answer of a wrong one, nothing to learn.
    const during = await guess('Admin', adminPassword);
    expect(during.status).toBe(401);
    expect(during.body.error.code).toBe('INVALID_CREDENTIALS');
    const locked = await stored('Admin');
    expect(locked.failedLoginCount).toBe(30);
    expect(locked.lockedAt).toBeInstanceOf(Date);
    expect(locked.lockedUntil!.getTime() - locked.lockedAt!.getTime()).toBe(lockout.delaySeconds * 1000);
    // The session Admin had keeps working: guesses from outside say nothing about who holds it.
    const view = await h.http.get('/api/accounts/Admin').set('Authorization', `Bearer ${admin}`);
    expect(view.status).toBe(200);
    expect(view.body.lockedUntil).toBe(locked.lockedUntil!.toISOString());
    expect(h.logLines.some((line) => line.includes('"event":"account-locked-temporarily"'))).toBe(true);

    advance(lockout.delaySeconds + 1);
    const after = await guess('Admin', adminPassword);
    expect(after.status).toBe(200);
    expect(await stored('Admin')).toMatchObject({
      failedLoginCount: 0,
      lockedAt: null,
      lockedUntil: null,
      temporaryLockouts: 0,
    });
  });

  it('each further lock without a login in between lasts twice as long, at most the maximum', async () => {
    await registerReady(h, admin, 'LA01', 'user-admin');
    await guessWrong('LA01', 5);
    const lengths: number[] = [];
    for (let lock = 0; lock < 4; lock++) {
      const account = await stored('LA01');
      lengths.push((account.lockedUntil!.getTime() - account.lockedAt!.getTime()) / 1000);
      advance(lengths.at(-1)! + 1);
      // One more wrong guess once the lock has ended locks again at once (the count is still over the threshold).
      await guessWrong('LA01', 1);
    }
    expect(lengths).toEqual([60, 120, 240, 240]);
    expect((await guess('LA01', defaultInitialPassword)).status).toBe(401);
    advance(241);
    expect((await guess('LA01', defaultInitialPassword)).status).toBe(200);
  });

  it.each([
    ['user-admin', 'temporary'],
    ['writer', 'temporary'],
    ['employee', 'for good'],
  ] as const)('a %s account is locked %s', async (role, kind) => {
    const code = `LK${role.slice(0, 2).toUpperCase()}`;
    const session = await readySession(h, admin, code, role);
    await guessWrong(code, 5);
    advance(lockout.maxDelaySeconds + 1);
    const right = await guess(code, defaultInitialPassword);
    const me = await h.http.get('/api/auth/me').set('Authorization', `Bearer ${session}`);
    if (kind === 'temporary') {
      expect([right.status, me.status]).toEqual([200, 200]);
    } else {
      // The product's rule: until an administrator unlocks it, and its sessions end with the lock.
      expect([right.status, me.status]).toEqual([401, 401]);
      expect((await stored(code)).lockedUntil).toBeNull();
      const unlocked = await h.http.delete(`/api/accounts/${code}/lockout`).set('Authorization', `Bearer ${admin}`);
      expect(unlocked.body).toMatchObject({ lockedAt: null, lockedUntil: null });
      expect((await guess(code, defaultInitialPassword)).status).toBe(200);
    }
  });

  it('ロックアウト状態解除 ends a temporary lock at once', async () => {
    await registerReady(h, admin, 'LA02', 'user-admin');
    await guessWrong('LA02', 5);
    expect((await stored('LA02')).lockedUntil).toBeInstanceOf(Date);
    const res = await h.http.delete('/api/accounts/LA02/lockout').set('Authorization', `Bearer ${admin}`);
    expect(res.body).toMatchObject({ lockedAt: null, lockedUntil: null, failedLoginCount: 0 });
    expect((await guess('LA02', defaultInitialPassword)).status).toBe(200);
  });
});

describe('the current password asked again of a session counts like a login', () => {
  const changePassword = (token: string, currentPassword: string) =>
    h.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword, newPassword: 'Brand-new-passw0rd' });

  it('five wrong current passwords lock an employee and end the stolen session; nothing changed', async () => {
    const session = await readySession(h, admin, 'CP01', 'employee');
    const hashBefore = (await stored('CP01')).passwordHash;
    for (let i = 0; i < 5; i++) {
      const res = await changePassword(session, `guess-${i}`);
      expect(res.body.error).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD', field: 'currentPassword' });
    }
    expect((await stored('CP01')).lockedAt).toBeInstanceOf(Date);
    expect((await changePassword(session, defaultInitialPassword)).status).toBe(401);
    expect((await stored('CP01')).passwordHash).toBe(hashBefore);
  });

  it('an administrator’s session is refused even the right current password during its temporary lock', async () => {
    const session = await readySession(h, admin, 'CP02', 'user-admin');
    for (let i = 0; i < 5; i++) await changePassword(session, `guess-${i}`);
    const during = await changePassword(session, defaultInitialPassword);
    expect(during.body.error).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD', field: 'currentPassword' });
    clockAheadMs += (lockout.delaySeconds + 1) * 1000;
    expect((await changePassword(session, defaultInitialPassword)).status).toBe(200);
  });
});

describe('step-up for security changes on oneself', () => {
  const patch = (token: string, code: string, body: Record<string, unknown>) =>
    h.http.patch(`/api/accounts/${code}`).set('Authorization', `Bearer ${token}`).send(body);
  const resetMfa = (token: string, code: string, body?: Record<string, unknown>) => {
    const req = h.http.delete(`/api/accounts/${code}/mfa`).set('Authorization', `Bearer ${token}`);
    return body ? req.send(body) : req;
  };
  const sessionWorks = async (token: string) =>
    (await h.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status === 200;
  const setCompanyMfa = (mfaEnabled: boolean) =>
    h.db.orm.em.fork().nativeUpdate(Company, { code: companyCode }, { mfaEnabled });
  const setCompanyFeatures = (enabled: boolean) =>
    h.db.orm.em.fork().nativeUpdate(Company, { code: companyCode }, { mfaEnabled: enabled, azureAdEnabled: enabled });

  /** A user administrator with MFA set up; returns its secret and a full session. */
  async function mfaAdmin(code: string): Promise<{ secret: string; token: string }> {
    await registerReady(h, admin, code, 'user-admin', { mfaEnabled: true });
    return enrolMfa(h, (await login(h, code, defaultInitialPassword)).body.token as string);
  }
  /** The next step's code: the enrolment used the current one, and each code works once. */
  const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 30_000) * 30 + 31 });

  it.each([
    ['mfaEnabled', { mfaEnabled: false }],
    ['azureAdId', { azureAdId: 'stolen-session-oid' }],
    ['emails', { emails: ['attacker@example.test'] }],
  ] as const)(
    'a stolen session cannot change its own %s: 403 STEP_UP_REQUIRED, nothing changed',
    async (field, body) => {
      const code = `SU${field.slice(0, 2).toUpperCase()}`;
      const token = await readySession(h, admin, code, 'user-admin');
      await setCompanyFeatures(true);
      expect((await patch(admin, code, { mfaEnabled: true })).status).toBe(200);
      const before = await stored(code);
      const refused = await patch(token, code, body);
      expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([
        403,
        'STEP_UP_REQUIRED',
        field,
      ]);
      expect(refused.body.error.message).toContain('現在のパスワード');
      const wrong = await patch(token, code, { ...body, currentPassword: 'not-mine' });
      expect([wrong.status, wrong.body.error.code, wrong.body.error.field]).toEqual([
        400,
        'WRONG_CURRENT_PASSWORD',
        'currentPassword',
      ]);
      const after = await stored(code);
      expect([after.mfaEnabled, after.azureAdId ?? null, after.email1]).toEqual([
        before.mfaEnabled,
        before.azureAdId ?? null,
        before.email1,
      ]);
      expect(after.failedLoginCount).toBe(1);
      const stepped = await patch(token, code, { ...body, currentPassword: defaultInitialPassword });
      await setCompanyFeatures(false);
      expect(stepped.status).toBe(200);
    },
  );

  it('the own form sent back unchanged, or other own fields, need no step-up', async () => {
    const token = await readySession(h, admin, 'SU01', 'user-admin');
    const res = await patch(token, 'SU01', { emails: ['su01@example.test'], mfaEnabled: false, note: 'mine' });
    expect(res.status).toBe(200);
  });

  it('with MFA set up, the step-up also needs the code; then the own MFA may be turned off', async () => {
    await setCompanyMfa(true);
    try {
      const { secret, token } = await mfaAdmin('SU02');
      const passwordOnly = await patch(token, 'SU02', { mfaEnabled: false, currentPassword: defaultInitialPassword });
      expect(passwordOnly.body.error).toMatchObject({ code: 'MFA_CODE_REQUIRED', field: 'mfaCode' });
      const wrongCode = await patch(token, 'SU02', {
        mfaEnabled: false,
        currentPassword: defaultInitialPassword,
        mfaCode: (await nextCode(secret)) === '000000' ? '000001' : '000000',
      });
      expect(wrongCode.body.error).toMatchObject({ code: 'INVALID_MFA_CODE', field: 'mfaCode' });
      expect(wrongCode.status).toBe(400);
      expect((await stored('SU02')).mfaEnabled).toBe(true);
      const done = await patch(token, 'SU02', {
        mfaEnabled: false,
        currentPassword: defaultInitialPassword,
        mfaCode: await nextCode(secret),
      });
      expect(done.status).toBe(200);
      expect((await login(h, 'SU02', defaultInitialPassword)).status).toBe(200);
    } finally {
      await setCompanyMfa(false);
    }
  });

  it('resetting one’s own MFA needs the step-up, and ends the other sessions of the account', async () => {
    await setCompanyMfa(true);
    try {
      const { secret, token } = await mfaAdmin('SU03');
      const other = (
        await h.http
          .post('/api/auth/login')
          .send({ companyCode, loginId: 'SU03', password: defaultInitialPassword, mfaCode: await nextCode(secret) })
      ).body.token as string;
      const refused = await resetMfa(token, 'SU03');
      expect([refused.status, refused.body.error.code]).toEqual([403, 'STEP_UP_REQUIRED']);
      expect((await stored('SU03')).mfaConfiguredAt).toBeInstanceOf(Date);
      clockAheadMs = 60_000;
      const done = await resetMfa(token, 'SU03', {
        currentPassword: defaultInitialPassword,
        mfaCode: await generate({ secret, epoch: Math.floor(Date.now() / 30_000) * 30 + 61 }),
      });
      expect(done.status).toBe(200);
      expect(done.body.mfaStatus).toBe('unset');
      expect([await sessionWorks(token), await sessionWorks(other)]).toEqual([true, false]);
    } finally {
      await setCompanyMfa(false);
    }
  });

  it("an administrator's MFA reset of another account ends that account's sessions", async () => {
    await setCompanyMfa(true);
    try {
      const { token } = await mfaAdmin('SU04');
      expect(await sessionWorks(token)).toBe(true);
      const res = await resetMfa(admin, 'SU04');
      expect(res.status).toBe(200);
      expect(await sessionWorks(token)).toBe(false);
      // Refused roles, a custom role below the target and another company change nothing.
      const { token: again } = await mfaAdmin('SU05');
      expect((await resetMfa(tokens.employee!, 'SU05')).status).toBe(403);
      expect((await resetMfa(tokens.writer!, 'SU05')).body.error.code).toBe('TARGET_ABOVE_OWN_ROLE');
      expect((await resetMfa(tokens.other!, 'SU05')).status).toBe(404);
      expect(await sessionWorks(again)).toBe(true);
      expect((await stored('SU05')).mfaConfiguredAt).toBeInstanceOf(Date);
    } finally {
      await setCompanyMfa(false);
    }
  });
});
