import type { EmailIssuanceResult } from '../contract';
import {
  adminToken,
  createAccount,
  credentialsFrom,
  getAccount,
  login,
  startIssuance,
  verificationPath,
} from './support/api';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'time-skipping' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

describe('verification validity, on the time-skipping server', () => {
  it('refuses the link after the validity period, shows 期限切れ, and a new issuance works', async () => {
    const settings = await h.http
      .patch('/api/settings')
      .set('Authorization', `Bearer ${admin}`)
      .send({ verificationValidityHours: 24 });
    expect(settings.status).toBe(200);
    await createAccount(h, admin, { code: 'X0001', emails: ['late@example.test'] });

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
});
