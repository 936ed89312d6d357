import { generate } from 'otplib';
import { Account, Company } from '../entities';
import { adminToken, createAccount, getAccount, login } from './support/api';
import { companyCode, createHarness, testSecretBox, type Harness } from './support/harness';

let h: Harness;
let admin: string;

const password = 'Employee-passw0rd';

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  const enabled = await h.http
    .patch('/api/settings')
    .set('Authorization', `Bearer ${admin}`)
    .send({ mfaEnabled: true });
  expect(enabled.status).toBe(200);
});

afterAll(async () => {
  await h?.teardown();
});

async function newMfaAccount(code: string) {
  await createAccount(h, admin, {
    code,
    password,
    mustChangePassword: false,
    roleCode: 'user-admin',
    mfaEnabled: true,
  });
}

async function stored(code: string) {
  return h.db.orm.em
    .fork()
    .findOneOrFail(Account, { company: { code: companyCode }, code }, { populate: ['mfaSecret'] });
}

function withToken(method: 'get' | 'post' | 'delete', path: string, token: string) {
  return h.http[method](path).set('Authorization', `Bearer ${token}`);
}

function logInWithCode(code: string, mfaCode?: string, pass = password) {
  return h.http.post('/api/auth/login').send({ companyCode, loginId: code, password: pass, mfaCode });
}

/** A 6-digit code that is valid in no step the service accepts (now ± 30 s, and a little beyond). */
async function wrongCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = new Set(await Promise.all([-60, -30, 0, 30, 60].map((s) => generate({ secret, epoch: now + s }))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/**
 * A code the service has not seen yet: each code works once (the account keeps the step of the last one),
 * so a test that logs in again within the same 30 s takes the next step's code, which the ±30 s drift
 * allows. A third use within one step would need a minute of waiting; the stored step is moved back as if
 * that minute had passed.
 */
async function unusedCode(accountCode: string, secret: string): Promise<string> {
  const nowStep = Math.floor(Date.now() / 1000 / 30);
  const last = (await stored(accountCode)).mfaLastTimeStep;
  if (last != null && last >= nowStep + 1) {
    await h.db.orm.em
      .fork()
      .nativeUpdate(Account, { company: { code: companyCode }, code: accountCode }, { mfaLastTimeStep: nowStep - 2 });
  }
  const step = last != null && last === nowStep ? nowStep + 1 : nowStep;
  return generate({ secret, epoch: step * 30 + 1 });
}

/** Enrols through the API and returns the secret and a full token. */
async function enrol(code: string): Promise<{ secret: string; token: string }> {
  const limited = (await login(h, code, password)).body.token as string;
  const started = await withToken('post', '/api/auth/mfa/enrolment', limited);
  expect(started.status).toBe(200);
  const secret = started.body.secret as string;
  const confirmed = await withToken('post', '/api/auth/mfa/enrolment/confirm', limited).send({
    code: await generate({ secret }),
  });
  expect(confirmed.status).toBe(200);
  return { secret, token: confirmed.body.token as string };
}

describe('before MFA is set up (未設定)', () => {
  it('the password alone gives a token without any permission, good only for the set-up', async () => {
    await newMfaAccount('M0001');
    const res = await login(h, 'M0001', password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mfaEnrolmentRequired: true, permissions: [] });
    const token = res.body.token as string;
    expect((await withToken('get', '/api/accounts/M0001', token)).status).toBe(403);
    expect((await withToken('get', '/api/auth/me', token)).body).toMatchObject({ mfaStatus: 'unset', permissions: [] });
  });
});

describe('enrolment by the employee', () => {
  let limited: string;
  let secret: string;

  beforeAll(async () => {
    await newMfaAccount('M0002');
    limited = (await login(h, 'M0002', password)).body.token as string;
  });

  it('returns a secret and an otpauth URI, stores the secret sealed, and stays 未設定', async () => {
    const res = await withToken('post', '/api/auth/mfa/enrolment', limited);
    expect(res.status).toBe(200);
    secret = res.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(res.body.otpauthUri).toBe(`otpauth://totp/anyplace:M0002%40acme?secret=${secret}&issuer=anyplace`);

    const account = await stored('M0002');
    expect(account.mfaSecret).toBeDefined();
    expect(account.mfaSecret).not.toContain(secret);
    expect(testSecretBox.open(account.mfaSecret!, account.id)).toBe(secret);
    expect(account.mfaConfiguredAt).toBeNull();
    expect((await getAccount(h, admin, 'M0002')).mfaStatus).toBe('unset');
    // Until confirmed, the password alone still leads to the set-up, not to a code prompt.
    expect((await login(h, 'M0002', password)).body.mfaEnrolmentRequired).toBe(true);
  });

  it('refuses a wrong code at confirmation and stays 未設定', async () => {
    const res = await withToken('post', '/api/auth/mfa/enrolment/confirm', limited).send({
      code: await wrongCode(secret),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_MFA_CODE', field: 'code' });
    expect((await stored('M0002')).mfaConfiguredAt).toBeNull();
  });

  it('confirms with a code from the app: 設定済, a full token, and the limited one revoked', async () => {
    const res = await withToken('post', '/api/auth/mfa/enrolment/confirm', limited).send({
      code: await generate({ secret }),
    });
    expect(res.status).toBe(200);
    expect(res.body.mfaEnrolmentRequired).toBe(false);
    expect(res.body.permissions).toContain('accounts:write');
    expect((await withToken('get', '/api/accounts/M0002', res.body.token)).status).toBe(200);
    expect((await withToken('get', '/api/auth/me', limited)).status).toBe(401);
    expect((await getAccount(h, admin, 'M0002')).mfaStatus).toBe('set');
  });

  it('refuses a second set-up until an administrator resets it', async () => {
    const full = await logInWithCode('M0002', await unusedCode('M0002', secret));
    const res = await withToken('post', '/api/auth/mfa/enrolment', full.body.token);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('MFA_ALREADY_CONFIGURED');
  });

  it('never writes the secret to a log or another answer', async () => {
    expect(h.logLines.join('\n')).not.toContain(secret);
    expect(JSON.stringify(await getAccount(h, admin, 'M0002'))).not.toContain(secret);
    const list = await withToken('get', '/api/accounts?code=M0002', admin);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { code: string }) => item.code)).toContain('M0002');
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('is refused when MFA does not apply to the account', async () => {
    await createAccount(h, admin, { code: 'M0009', password, mustChangePassword: false });
    const token = (await login(h, 'M0009', password)).body.token as string;
    const res = await withToken('post', '/api/auth/mfa/enrolment', token);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('MFA_NOT_ENABLED');
  });
});

describe('login with MFA set up (設定済)', () => {
  let secret: string;

  beforeAll(async () => {
    await newMfaAccount('M0003');
    ({ secret } = await enrol('M0003'));
  });

  it('asks for the code only after the right password', async () => {
    const missing = await login(h, 'M0003', password);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('MFA_REQUIRED');
    const wrongPassword = await login(h, 'M0003', 'not-the-password');
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await stored('M0003')).failedLoginCount).toBe(1);
  });

  it('logs in with the right code, with the full permissions, and resets the count', async () => {
    const res = await logInWithCode('M0003', await unusedCode('M0003', secret));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mfaEnrolmentRequired: false });
    expect(res.body.permissions).toContain('accounts:write');
    expect((await stored('M0003')).failedLoginCount).toBe(0);
  });

  it('refuses a wrong code and counts it as a failed login', async () => {
    const res = await logInWithCode('M0003', await wrongCode(secret));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_MFA_CODE');
    expect((await stored('M0003')).failedLoginCount).toBe(1);
  });

  it('locks the account after wrong codes reach the threshold', async () => {
    for (let i = 0; i < 4; i++) expect((await logInWithCode('M0003', await wrongCode(secret))).status).toBe(401);
    expect((await stored('M0003')).lockedAt).toBeInstanceOf(Date);
    const right = await logInWithCode('M0003', await generate({ secret }));
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await withToken('delete', '/api/accounts/M0003/lockout', admin)).status).toBe(200);
    expect((await logInWithCode('M0003', await unusedCode('M0003', secret))).status).toBe(200);
  });

  it('refuses a code used once already (replay), and an older one, counting them as failed logins', async () => {
    const code = await unusedCode('M0003', secret);
    expect((await logInWithCode('M0003', code)).status).toBe(200);
    const step = (await stored('M0003')).mfaLastTimeStep!;
    expect(step).toBeGreaterThan(0);
    const before = (await stored('M0003')).failedLoginCount;
    const replay = await logInWithCode('M0003', code);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('INVALID_MFA_CODE');
    const older = await logInWithCode('M0003', await generate({ secret, epoch: (step - 1) * 30 + 1 }));
    expect(older.status).toBe(401);
    expect(older.body.error.code).toBe('INVALID_MFA_CODE');
    expect((await stored('M0003')).failedLoginCount).toBe(before + 2);
    expect((await stored('M0003')).mfaLastTimeStep).toBe(step);
    // Two logins racing with one fresh code: exactly one gets in.
    const fresh = await unusedCode('M0003', secret);
    const raced = await Promise.all([logInWithCode('M0003', fresh), logInWithCode('M0003', fresh)]);
    expect(raced.map((res) => res.status).sort()).toEqual([200, 401]);
    await withToken('delete', '/api/accounts/M0003/login-failures', admin);
  });

  it('asks for no code while the company has MFA switched off', async () => {
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(Company, { code: companyCode }, { mfaEnabled: false });
    try {
      const res = await login(h, 'M0003', password);
      expect(res.status).toBe(200);
      expect(res.body.permissions).toContain('accounts:write');
    } finally {
      await em.nativeUpdate(Company, { code: companyCode }, { mfaEnabled: true });
    }
  });
});

describe('多要素認証設定初期化 by an administrator', () => {
  it('forgets the secret, returns to 未設定, and the next login leads to the set-up again', async () => {
    await newMfaAccount('M0004');
    await enrol('M0004');
    const res = await withToken('delete', '/api/accounts/M0004/mfa', admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'M0004', mfaEnabled: true, mfaStatus: 'unset' });
    const account = await stored('M0004');
    expect(account.mfaSecret).toBeNull();
    expect(account.mfaConfiguredAt).toBeNull();
    expect((await login(h, 'M0004', password)).body).toMatchObject({ mfaEnrolmentRequired: true, permissions: [] });
  });

  it('answers 409 while the status is not 設定済', async () => {
    await newMfaAccount('M0005');
    const res = await withToken('delete', '/api/accounts/M0005/mfa', admin);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('MFA_NOT_CONFIGURED');
  });
});

describe('the login page with MFA', () => {
  const hidden = (html: string, name: string) =>
    new RegExp(`name="${name}" id="${name}" value="([^"]+)"`).exec(html)?.[1];

  it('sets MFA up on the page, then asks for the code at the next login', async () => {
    await newMfaAccount('M0006');
    const first = await h.http.post('/login').type('form').send({ companyCode, loginId: 'M0006', password });
    expect(first.status).toBe(200);
    expect(first.text).toContain('多要素認証の設定');
    const secret = /キー: ([A-Z2-7]{32})/.exec(first.text)?.[1];
    expect(secret).toBeDefined();
    expect(first.text).toContain('href="otpauth://totp/');

    const wrong = await h.http
      .post('/login/mfa')
      .type('form')
      .send({ token: hidden(first.text, 'token'), code: await wrongCode(secret!) });
    expect(wrong.status).toBe(400);
    expect(wrong.text).not.toContain(secret);
    const done = await h.http
      .post('/login/mfa')
      .type('form')
      .send({ token: hidden(wrong.text, 'token'), code: await generate({ secret: secret! }) });
    expect(done.status).toBe(200);
    expect(done.text).toContain('ようこそ');

    const withoutCode = await h.http.post('/login').type('form').send({ companyCode, loginId: 'M0006', password });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.text).toContain('name="mfaCode"');
    expect(withoutCode.text).toContain('value="M0006"');
    const withCode = await h.http
      .post('/login')
      .type('form')
      .send({ companyCode, loginId: 'M0006', password, mfaCode: await unusedCode('M0006', secret!) });
    expect(withCode.status).toBe(200);
    expect(withCode.text).toContain('ようこそ');
  });
});
