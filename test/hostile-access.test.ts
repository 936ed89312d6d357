import { Account } from '../entities';
import {
  adminToken,
  defaultInitialPassword,
  defineRole,
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
