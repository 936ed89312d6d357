import {
  adminToken,
  createAccount,
  credentialsFrom,
  eventually,
  getAccount,
  login,
  otherCompanyAdmin,
  startIssuance,
  verificationPath,
} from './support/api';
import { createHarness, type Harness } from './support/harness';
import type { ReceivedMail } from './support/smtp';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const work = 'reiko@example.test';
const home = 'reiko@home.example.test';

/** Waits for the next mail to an address with the subject part, after those already seen. */
async function nextMail(to: string, subject: string, seen: number): Promise<ReceivedMail> {
  return eventually(async () => {
    const mails = h.smtp.mails.filter((m) => m.to.includes(to) && m.subject.includes(subject));
    expect(mails.length).toBeGreaterThan(seen);
    return mails[seen]!;
  }, 30_000);
}
const count = (to: string, subject: string) =>
  h.smtp.mails.filter((m) => m.to.includes(to) && m.subject.includes(subject)).length;

async function credentialMail(code: string, body: Record<string, unknown>) {
  return h.http.post(`/api/accounts/${code}/credential-mails`).set('Authorization', `Bearer ${admin}`).send(body);
}

describe('password reissue by e-mail (パスワード再発行処理)', () => {
  let current = '';

  beforeAll(async () => {
    await createAccount(h, admin, { code: 'R0001', emails: [work, home] });
    expect((await startIssuance(h, admin, 'R0001')).status).toBe(202);
    const link = verificationPath(await nextMail(work, '認証のお願い', 0));
    expect((await h.http.post(link)).status).toBe(200);
    current = credentialsFrom(await nextMail(work, 'ログイン情報', 0)).password;
    expect((await login(h, 'R0001', current)).status).toBe(200);
  });

  it('B refuses an account that never had a password issued', async () => {
    await createAccount(h, admin, { code: 'R0002', emails: ['fresh@example.test'] });
    const res = await credentialMail('R0002', { emailSlot: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PASSWORD_NOT_ISSUED');
  });

  it('A (認証要求メール送信) is 初期化: 再発行中/認証待ち, the old password and its sessions end when it starts, earlier links refused, the new password works once mailed', async () => {
    const session = await login(h, 'R0001', current);
    const me = () => h.http.get('/api/auth/me').set('Authorization', `Bearer ${session.body.token as string}`);
    expect((await me()).status).toBe(200);

    const first = await startIssuance(h, admin, 'R0001');
    expect(first.status).toBe(202);
    expect(first.body.kind).toBe('reissue-verify');
    // The product document: 再発行処理を実行した時点で「旧パスワード」によるログインが不可能となります.
    expect((await login(h, 'R0001', current)).status).toBe(401);
    expect((await me()).status).toBe(401);
    const firstMail = await nextMail(work, '認証のお願い', 1);
    // The mail says it is a reissue and that the old password already stopped (the first issuance's did not).
    expect(firstMail.text).toContain('パスワードを再発行いたします');
    expect(firstMail.text).toContain('以前のパスワードは、再発行の手続きを開始した時点で使用できなくなっています');
    expect((await nextMail(work, '認証のお願い', 0)).text).not.toContain('再発行');
    const firstLink = verificationPath(firstMail);
    await eventually(async () =>
      expect((await getAccount(h, admin, 'R0001')).statusLabels).toEqual({ password: '再発行中', auth: '認証待ち' }),
    );

    expect((await startIssuance(h, admin, 'R0001')).status).toBe(202);
    const secondLink = verificationPath(await nextMail(work, '認証のお願い', 2));
    const refused = await h.http.post(firstLink);
    expect(refused.status).toBe(410);

    expect((await h.http.post(secondLink)).status).toBe(200);
    const renewedMail = await nextMail(work, 'ログイン情報', 1);
    expect(renewedMail.text).toContain('パスワードを再発行しました。以前のパスワードは使用できません。');
    const renewed = credentialsFrom(renewedMail).password;
    await eventually(async () =>
      expect((await getAccount(h, admin, 'R0001')).statusLabels).toEqual({ password: '発行済', auth: '済' }),
    );
    expect((await login(h, 'R0001', current)).status).toBe(401);
    expect((await login(h, 'R0001', renewed)).status).toBe(200);
    current = renewed;
  });

  it('B (アカウント通知メール送信): old password and sessions fail at once, status stays 発行済/済, warns for an unverified address', async () => {
    const session = await login(h, 'R0001', current);
    const me = () => h.http.get('/api/auth/me').set('Authorization', `Bearer ${session.body.token as string}`);
    // An open A link is ended by B.
    expect((await startIssuance(h, admin, 'R0001')).status).toBe(202);
    const openLink = verificationPath(await nextMail(work, '認証のお願い', 3));
    expect((await me()).status).toBe(401);

    const res = await credentialMail('R0001', { emailSlot: 2 });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'reissue-direct', emailSlot: 2, emailAddress: home });
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'ADDRESS_NOT_VERIFIED' })]);
    expect((await login(h, 'R0001', current)).status).toBe(401);
    expect((await h.http.post(openLink)).status).toBe(410);

    const direct = credentialsFrom(await nextMail(home, 'ログイン情報', 0));
    expect(direct.loginId).toBe('R0001');
    expect((await login(h, 'R0001', direct.password)).status).toBe(200);
    await eventually(async () => {
      const account = await getAccount(h, admin, 'R0001');
      expect(account.statusLabels).toEqual({ password: '発行済', auth: '済' });
    });
    expect(count(home, '認証のお願い')).toBe(0);

    // To the verified address there is no warning; the previous direct password stops at once.
    const verified = await credentialMail('R0001', {});
    expect(verified.status).toBe(202);
    expect(verified.body.warnings).toEqual([]);
    expect((await login(h, 'R0001', direct.password)).status).toBe(401);
    const again = credentialsFrom(await nextMail(work, 'ログイン情報', 2));
    expect((await login(h, 'R0001', again.password)).status).toBe(200);
    current = again.password;
    const history = await h.http.get('/api/accounts/R0001/issuances').set('Authorization', `Bearer ${admin}`);
    expect(history.body.items.slice(0, 2).map((i: { kind: string; status: string }) => [i.kind, i.status])).toEqual([
      ['reissue-direct', 'issued'],
      ['reissue-direct', 'issued'],
    ]);
  });

  it('only user administrators may reissue', async () => {
    await createAccount(h, admin, { code: 'R0003', emails: ['staff@example.test'] });
    const staff = await login(h, 'R0003', 'Initial-passw0rd');
    const token = staff.body.token as string;
    const res = await h.http
      .post('/api/accounts/R0001/credential-mails')
      .set('Authorization', `Bearer ${token}`)
      .send({ emailSlot: 1 });
    expect([401, 403]).toContain(res.status);
  });

  it('A for an account whose only password was typed at registration: refused for a role that may not reissue (a custom role), then 初期化 at once', async () => {
    const leaked = 'leaked@example.test';
    await createAccount(h, admin, { code: 'R0004', emails: [leaked] });
    const session = await login(h, 'R0004', 'Initial-passw0rd');
    expect(session.status).toBe(200);
    const me = () => h.http.get('/api/auth/me').set('Authorization', `Bearer ${session.body.token as string}`);
    expect((await me()).status).toBe(200);

    // A role that may issue but not reissue is refused before anything changes.
    const role = await h.http
      .post('/api/roles')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'issuer', name: '発行担当', permissions: ['accounts:read', 'issuance:issue'] });
    expect(role.status).toBe(201);
    await createAccount(h, admin, { code: 'R0005', roleCode: 'issuer', emails: ['issuer@example.test'] });
    const issuer = (await login(h, 'R0005', 'Initial-passw0rd')).body.token as string;
    const refused = await h.http
      .post('/api/accounts/R0004/email-issuances')
      .set('Authorization', `Bearer ${issuer}`)
      .send({});
    expect(refused.status).toBe(403);
    expect((await login(h, 'R0004', 'Initial-passw0rd')).status).toBe(200);
    expect((await me()).status).toBe(200);

    const started = await startIssuance(h, admin, 'R0004');
    expect(started.status).toBe(202);
    expect(started.body.kind).toBe('reissue-verify');
    expect((await login(h, 'R0004', 'Initial-passw0rd')).status).toBe(401);
    expect((await me()).status).toBe(401);

    expect((await h.http.post(verificationPath(await nextMail(leaked, '認証のお願い', 0)))).status).toBe(200);
    const renewed = credentialsFrom(await nextMail(leaked, 'ログイン情報', 0)).password;
    expect((await login(h, 'R0004', renewed)).status).toBe(200);
  });

  it('a first issuance is no reissue: the account has no password in use, and the old option is refused as an unknown field', async () => {
    await createAccount(h, admin, { code: 'R0006', emails: ['first@example.test'] });
    const res = await startIssuance(h, admin, 'R0006', { revokeCurrentPassword: true });
    expect(res.status).toBe(400);
    expect(count('first@example.test', '認証のお願い')).toBe(0);
    const first = await startIssuance(h, admin, 'R0006');
    expect(first.status).toBe(202);
    expect(first.body.kind).toBe('initial');
  });

  it('refuses a reissue of an account of another company (not found there)', async () => {
    const other = await h.http
      .post('/api/accounts/R0001/email-issuances')
      .set('Authorization', `Bearer ${await otherCompanyAdmin(h)}`)
      .send({});
    expect(other.status).toBe(404);
    expect((await login(h, 'R0001', current)).status).toBe(200);
  });
});
