import type { EmailIssuanceResult } from '../contract';
import {
  adminToken,
  createAccount,
  credentialsFrom,
  eventually,
  getAccount,
  login,
  startIssuance,
  verificationPath,
} from './support/api';
import { createHarness, type Harness } from './support/harness';
import { metricValue } from './support/metrics';
import type { ReceivedMail } from './support/smtp';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'time-skipping' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

/** The n-th (from 0) mail to an address whose subject holds the part. */
async function nthMail(to: string, subject: string, n: number): Promise<ReceivedMail> {
  return eventually(async () => {
    const mails = h.smtp.mails.filter((m) => m.to.includes(to) && m.subject.includes(subject));
    expect(mails.length).toBeGreaterThan(n);
    return mails[n]!;
  });
}

describe('verification validity, on the time-skipping server', () => {
  it('refuses the link after the validity period, shows 期限切れ, and a new issuance works', async () => {
    const settings = await h.http
      .patch('/api/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ verificationValidityHours: 24 });
    expect(settings.status).toBe(200);
    await createAccount(h, admin, { code: 'X0001', emails: ['late@example.test'] });
    const expiredCount = async () =>
      metricValue((await h.http.get('/metrics')).text, 'issuances_expired_total', { channel: 'email' });
    const expiredBefore = await expiredCount();

    const first = await startIssuance(h, admin, 'X0001');
    expect(first.status).toBe(202);
    const firstMail = await h.smtp.waitFor((m) => m.to.includes('late@example.test'));
    const firstLink = verificationPath(firstMail);

    const handle = h.env.client.workflow.getHandle(first.body.workflowId);
    // 23 hours in: still open.
    await h.env.sleep('23 hours');
    expect((await h.http.get(firstLink)).status).toBe(200);
    expect((await getAccount(h, admin, 'X0001')).authStatus).toBe('pending');

    // Waiting for the result lets the server skip past the 24-hour timer.
    const result: EmailIssuanceResult = await handle.result();
    expect(result.outcome).toBe('expired');
    // The expiry transition is counted once (the worker runs in this process; /metrics serves its registry).
    await eventually(async () => expect(await expiredCount()).toBe(expiredBefore + 1));

    const expiredPage = await h.http.get(firstLink);
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.text).toContain('有効期限が切れています');
    expect(expiredPage.text).toContain('管理者に認証要求メールの再送信を依頼してください');
    const refused = await h.http.post(firstLink);
    expect(refused.status).toBe(410);

    const expired = await getAccount(h, admin, 'X0001');
    expect(expired.authStatus).toBe('expired');
    expect(expired.statusLabels.auth).toBe('期限切れ');
    expect(h.smtp.mails.filter((m) => m.subject.includes('ログイン情報'))).toHaveLength(0);

    const second = await startIssuance(h, admin, 'X0001');
    expect(second.status).toBe(202);
    expect(second.body.workflowId).toBe('issuance-acme-X0001-2');
    const secondMail = await h.smtp.waitFor((m) => m.to.includes('late@example.test') && m !== firstMail);
    const confirmed = await h.http.post(verificationPath(secondMail));
    expect(confirmed.status).toBe(200);
    const issued: EmailIssuanceResult = await h.env.client.workflow.getHandle(second.body.workflowId).result();
    expect(issued.outcome).toBe('issued');
    const credentials = credentialsFrom(
      await h.smtp.waitFor((m) => m.to.includes('late@example.test') && m.subject.includes('ログイン情報')),
    );
    expect((await login(h, 'X0001', credentials.password)).status).toBe(200);

    const history = await h.http.get('/api/accounts/X0001/issuances').set('Authorization', `Bearer ${admin}`);
    expect(history.body.items.map((i: { status: string }) => i.status)).toEqual(['issued', 'expired']);
  });

  it('reissue A after its link expired: 期限切れ, the old password stays reset (初期化 at the start), and a new A replaces it', async () => {
    await h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send({ verificationValidityHours: 24 });
    const address = 'again@example.test';
    await createAccount(h, admin, { code: 'X0002', emails: [address] });
    const initial = await startIssuance(h, admin, 'X0002');
    await h.http.post(verificationPath(await h.smtp.waitFor((m) => m.to.includes(address))));
    await h.env.client.workflow.getHandle(initial.body.workflowId).result();
    const { password: old } = credentialsFrom(
      await h.smtp.waitFor((m) => m.to.includes(address) && m.subject.includes('ログイン情報')),
    );

    const reissue = await startIssuance(h, admin, 'X0002');
    expect(reissue.status).toBe(202);
    expect(reissue.body.kind).toBe('reissue-verify');
    const link = verificationPath(await nthMail(address, '認証のお願い', 1));
    const mailsBefore = h.smtp.mails.filter((m) => m.to.includes(address)).length;
    // The labels are written once the SMTP server has accepted the mail, a moment after it arrives here.
    await eventually(async () =>
      expect((await getAccount(h, admin, 'X0002')).statusLabels).toEqual({ password: '再発行中', auth: '認証待ち' }),
    );
    const expired: EmailIssuanceResult = await h.env.client.workflow.getHandle(reissue.body.workflowId).result();
    expect(expired.outcome).toBe('expired');

    expect((await h.http.post(link)).status).toBe(410);
    const account = await getAccount(h, admin, 'X0002');
    expect(account.authStatus).toBe('expired');
    expect(account.statusLabels.auth).toBe('期限切れ');
    expect((await login(h, 'X0002', old)).status).toBe(401);
    expect(h.smtp.mails.filter((m) => m.to.includes(address))).toHaveLength(mailsBefore);

    const second = await startIssuance(h, admin, 'X0002');
    expect(second.body.kind).toBe('reissue-verify');
    const secondMail = await nthMail(address, '認証のお願い', 2);
    expect((await h.http.post(verificationPath(secondMail))).status).toBe(200);
    expect(
      ((await h.env.client.workflow.getHandle(second.body.workflowId).result()) as EmailIssuanceResult).outcome,
    ).toBe('issued');
    const renewed = credentialsFrom(await nthMail(address, 'ログイン情報', 1));
    expect((await login(h, 'X0002', old)).status).toBe(401);
    expect((await login(h, 'X0002', renewed.password)).status).toBe(200);
    expect((await getAccount(h, admin, 'X0002')).statusLabels).toEqual({ password: '発行済', auth: '済' });
  });
});
