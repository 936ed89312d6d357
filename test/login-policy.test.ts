import { Account, Company } from '../entities';
import { adminToken, createAccount, login } from './support/api';
import { companyCode, createHarness, type Harness } from './support/harness';

let h: Harness;
let admin: string;

const password = 'Employee-passw0rd';

/** An error answer without the request's own id, to compare two answers. */
const answer = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });
const dayMs = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

async function newEmployee(code: string, extra: Record<string, unknown> = {}) {
  await createAccount(h, admin, { code, password, mustChangePassword: false, ...extra });
}

async function stored(code: string) {
  return h.db.orm.em.fork().findOneOrFail(Account, { company: { code: companyCode }, code });
}

async function failTimes(code: string, times: number) {
  for (let i = 0; i < times; i++) {
    const res = await login(h, code, `wrong-${i}`);
    expect(res.status).toBe(401);
  }
}

function asAdmin(method: 'delete', path: string) {
  return h.http[method](path).set('Authorization', `Bearer ${admin}`);
}

async function setWindowStart(code: string, startedAt: Date) {
  await h.db.orm.em
    .fork()
    .nativeUpdate(Account, { company: { code: companyCode }, code }, { failedLoginWindowStartedAt: startedAt });
}

describe('lockout (ロックアウト)', () => {
  it('locks at exactly the threshold of 5 failures, and then refuses even the right password', async () => {
    await newEmployee('L0001');
    await failTimes('L0001', 4);
    expect(await stored('L0001')).toMatchObject({ failedLoginCount: 4, lockedAt: null });

    const fifth = await login(h, 'L0001', 'wrong-again');
    expect(fifth.status).toBe(401);
    const locked = await stored('L0001');
    expect(locked.failedLoginCount).toBe(5);
    expect(locked.lockedAt).toBeInstanceOf(Date);
    expect(locked.lockedAt?.getTime()).toBe(locked.lastFailedLoginAt?.getTime());

    const right = await login(h, 'L0001', password);
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(h.logLines.some((line) => line.includes('"event":"account-locked"'))).toBe(true);
  });

  it('answers the right and a wrong password on a locked account exactly as on an unknown login id', async () => {
    const lockedWrong = await login(h, 'L0001', 'not-the-password');
    const lockedRight = await login(h, 'L0001', password);
    const unknown = await login(h, 'NOBODY', 'not-the-password');
    expect(lockedWrong.status).toBe(401);
    expect(lockedRight.status).toBe(401);
    // The same answer apart from each request's own id.
    expect(answer(lockedWrong.body)).toEqual(answer(unknown.body));
    expect(answer(lockedRight.body)).toEqual(answer(unknown.body));
    expect(lockedWrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers the right and a wrong password on a disabled account exactly as on an unknown login id', async () => {
    await newEmployee('L0009');
    const disabled = await h.http
      .patch('/api/accounts/L0009')
      .set('Authorization', `Bearer ${admin}`)
      .send({ loginDisabled: true });
    expect(disabled.status).toBe(200);
    const right = await login(h, 'L0009', password);
    const wrong = await login(h, 'L0009', 'not-the-password');
    const unknown = await login(h, 'NOBODY', 'not-the-password');
    expect(right.status).toBe(401);
    expect(answer(right.body)).toEqual(answer(unknown.body));
    expect(answer(wrong.body)).toEqual(answer(unknown.body));
  });

  it('resets the count at a successful login', async () => {
    await newEmployee('L0002');
    await failTimes('L0002', 4);
    expect((await login(h, 'L0002', password)).status).toBe(200);
    expect(await stored('L0002')).toMatchObject({ failedLoginCount: 0, failedLoginWindowStartedAt: null });
    await failTimes('L0002', 4);
    expect(await stored('L0002')).toMatchObject({ failedLoginCount: 4, lockedAt: null });
    expect((await login(h, 'L0002', password)).status).toBe(200);
  });

  it('follows the company threshold', async () => {
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(Company, { code: companyCode }, { lockoutThreshold: 2 });
    try {
      await newEmployee('L0003');
      await failTimes('L0003', 1);
      expect((await stored('L0003')).lockedAt).toBeNull();
      await failTimes('L0003', 1);
      expect((await stored('L0003')).lockedAt).toBeInstanceOf(Date);
    } finally {
      await em.nativeUpdate(Company, { code: companyCode }, { lockoutThreshold: 5 });
    }
  });
});

describe('the counting window (ロックアウト失敗対象日数)', () => {
  it('starts counting again at 1 once the window days have passed since the first failure', async () => {
    await newEmployee('W0001');
    await failTimes('W0001', 4);
    const firstWindow = new Date(Date.now() - dayMs - 60_000);
    await setWindowStart('W0001', firstWindow);

    await failTimes('W0001', 1);
    const after = await stored('W0001');
    expect(after.failedLoginCount).toBe(1);
    expect(after.lockedAt).toBeNull();
    expect(after.failedLoginWindowStartedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shows 『xx日間にxx回ログイン失敗』 for the open window only, on the account and in the list', async () => {
    const view = async () => (await h.http.get('/api/accounts/W0005').set('Authorization', `Bearer ${admin}`)).body;
    const listed = async () =>
      (await h.http.get('/api/accounts?code=W0005').set('Authorization', `Bearer ${admin}`)).body.items[0];
    await newEmployee('W0005');
    await failTimes('W0005', 3);
    expect(await view()).toMatchObject({ failedLoginCount: 3, failedLoginLabel: '1日間に3回ログイン失敗' });
    expect((await listed()).failedLoginCount).toBe(3);

    // Just inside the window the count still shows; once the window has passed nothing stale remains.
    await setWindowStart('W0005', new Date(Date.now() - dayMs + 60_000));
    expect((await view()).failedLoginCount).toBe(3);
    expect((await listed()).failedLoginCount).toBe(3);
    await setWindowStart('W0005', new Date(Date.now() - dayMs - 60_000));
    expect(await view()).toMatchObject({ failedLoginCount: 0, failedLoginLabel: '1日間に0回ログイン失敗' });
    expect((await listed()).failedLoginCount).toBe(0);

    // The window is the company's setting.
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(Company, { code: companyCode }, { lockoutWindowDays: 7 });
    try {
      expect(await view()).toMatchObject({ failedLoginCount: 3, failedLoginLabel: '7日間に3回ログイン失敗' });
      expect((await listed()).failedLoginCount).toBe(3);
    } finally {
      await em.nativeUpdate(Company, { code: companyCode }, { lockoutWindowDays: 1 });
    }
  });

  it('keeps counting within the window and locks at the threshold', async () => {
    await newEmployee('W0002');
    await failTimes('W0002', 4);
    await setWindowStart('W0002', new Date(Date.now() - dayMs + 60_000));
    await failTimes('W0002', 1);
    expect(await stored('W0002')).toMatchObject({ failedLoginCount: 5 });
    expect((await stored('W0002')).lockedAt).toBeInstanceOf(Date);
  });

  it('reads the window days from the company settings', async () => {
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(Company, { code: companyCode }, { lockoutWindowDays: 3 });
    try {
      await newEmployee('W0003');
      await newEmployee('W0004');
      await failTimes('W0003', 4);
      await failTimes('W0004', 4);
      await setWindowStart('W0003', new Date(Date.now() - 2 * dayMs));
      await setWindowStart('W0004', new Date(Date.now() - 3 * dayMs - 60_000));
      await failTimes('W0003', 1);
      await failTimes('W0004', 1);
      expect(await stored('W0003')).toMatchObject({ failedLoginCount: 5 });
      expect((await stored('W0003')).lockedAt).toBeInstanceOf(Date);
      expect(await stored('W0004')).toMatchObject({ failedLoginCount: 1, lockedAt: null });
    } finally {
      await em.nativeUpdate(Company, { code: companyCode }, { lockoutWindowDays: 1 });
    }
  });
});

describe('parallel wrong passwords (GHSA-7h8m-vrxx-vr4m)', () => {
  it('counts every one of 20 parallel failures once, locks, and then refuses the right password', async () => {
    await newEmployee('C0001');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(h, 'C0001', `parallel-${i}`)));
    expect(answers.map((res) => res.body.error?.code)).toEqual(Array(20).fill('INVALID_CREDENTIALS'));

    const account = await stored('C0001');
    // A read-then-write counter loses updates here and ends below 20.
    expect(account.failedLoginCount).toBe(20);
    expect(account.lockedAt).toBeInstanceOf(Date);
    expect(account.lockedAt!.getTime()).toBeLessThanOrEqual(account.lastFailedLoginAt!.getTime());

    const right = await login(h, 'C0001', password);
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('sets the lock time once: later failures count but do not move it', async () => {
    await newEmployee('C0002');
    await failTimes('C0002', 5);
    const lockedAt = (await stored('C0002')).lockedAt!;
    await Promise.all(Array.from({ length: 5 }, (_, i) => login(h, 'C0002', `later-${i}`)));
    const account = await stored('C0002');
    expect(account.failedLoginCount).toBe(10);
    expect(account.lockedAt!.getTime()).toBe(lockedAt.getTime());
  });
});

describe('administrator buttons', () => {
  it('ロックアウト状態解除 unlocks and clears the count; the right password works again', async () => {
    await newEmployee('A0001');
    await failTimes('A0001', 5);
    expect((await stored('A0001')).lockedAt).toBeInstanceOf(Date);

    const res = await asAdmin('delete', '/api/accounts/A0001/lockout');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'A0001', failedLoginCount: 0, lockedAt: null });
    expect(await stored('A0001')).toMatchObject({ failedLoginCount: 0, lockedAt: null });
    expect((await login(h, 'A0001', password)).status).toBe(200);
  });

  it('ログイン失敗クリア sets the count to zero, so the next failures start from 1', async () => {
    await newEmployee('A0002');
    await failTimes('A0002', 4);
    const res = await asAdmin('delete', '/api/accounts/A0002/login-failures');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ failedLoginCount: 0, lockedAt: null });
    await failTimes('A0002', 4);
    expect(await stored('A0002')).toMatchObject({ failedLoginCount: 4, lockedAt: null });
  });

  it('ログイン失敗クリア leaves a lock in place', async () => {
    await newEmployee('A0003');
    await failTimes('A0003', 5);
    const res = await asAdmin('delete', '/api/accounts/A0003/login-failures');
    expect(res.status).toBe(200);
    expect(res.body.failedLoginCount).toBe(0);
    expect(res.body.lockedAt).not.toBeNull();
    // Still locked: the right password gets the answer of a wrong one.
    expect((await login(h, 'A0003', password)).body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 404 for an unknown account', async () => {
    for (const path of ['lockout', 'login-failures', 'mfa']) {
      const res = await asAdmin('delete', `/api/accounts/NOPE/${path}`);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'ACCOUNT_NOT_FOUND']);
    }
  });

  it('is refused to an employee', async () => {
    await newEmployee('A0004');
    const employee = (await login(h, 'A0004', password)).body.token as string;
    const res = await h.http.delete('/api/accounts/A0001/lockout').set('Authorization', `Bearer ${employee}`);
    expect(res.status).toBe(403);
  });
});

describe('accounts that may not log in', () => {
  it.each([['disabled'], ['loginDisabled']] as const)(
    'refuses a %s account, even with the right password',
    async (flag) => {
      const code = flag === 'disabled' ? 'D0001' : 'D0002';
      await newEmployee(code, { [flag]: true });
      const right = await login(h, code, password);
      const wrong = await login(h, code, 'not-the-password');
      // The same answer for the right and a wrong password: nothing to learn by guessing.
      expect(right.status).toBe(401);
      expect(answer(right.body)).toEqual(answer(wrong.body));
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    },
  );
});

describe('the login page', () => {
  it('tells a locked employee, with the right or a wrong password alike, to contact the administrator', async () => {
    const right = await h.http
      .post('/login')
      .type('form')
      .send({ companyCode, loginId: 'L0001', password, lang: 'ja' });
    const wrong = await h.http
      .post('/login')
      .type('form')
      .send({ companyCode, loginId: 'L0001', password: 'not-the-password', lang: 'ja' });
    expect(right.status).toBe(401);
    expect(right.text).toContain('管理者にお問い合わせください');
    expect(right.text).toBe(wrong.text);
  });
});
