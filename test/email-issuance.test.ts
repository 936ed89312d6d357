import { emailIssuanceStageQuery, type EmailIssuanceResult } from '../contract';
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
import { collectPayloadText } from './support/history';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

describe('e-mail issuance for one employee, end to end', () => {
  const issuedPasswords: string[] = [];
  const workflowIds: string[] = [];

  it('verifies the mailbox, mails the credentials, and the password logs in and must be changed', async () => {
    await createAccount(h, admin, { code: 'E0001', emails: ['taro.yamada@example.test', 'taro@home.example.test'] });

    const started = await startIssuance(h, admin, 'E0001');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      workflowId: 'issuance-acme-E0001-1',
      kind: 'initial',
      emailSlot: 1,
      emailAddress: 'taro.yamada@example.test',
      requestedBy: 'Admin',
    });
    workflowIds.push(started.body.workflowId);

    const verificationMail = await h.smtp.waitFor((m) => m.to.includes('taro.yamada@example.test'));
    expect(verificationMail.subject).toBe('【重要】anyplaceアカウント 認証のお願い');
    expect(verificationMail.text).toContain('山田 太郎 様');
    expect(verificationMail.text).toMatch(/有効期限: \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} JST/);
    const link = verificationPath(verificationMail);

    const pending = await eventually(async () => {
      const account = await getAccount(h, admin, 'E0001');
      expect(account.statusLabels).toEqual({ password: '発行中', auth: '認証待ち' });
      return account;
    });
    expect(Date.parse(pending.authRequestedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Opening the link (as a mail scanner would) shows the button and changes nothing.
    const page = await h.http.get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button type="submit">認証する</button>');
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await getAccount(h, admin, 'E0001')).authStatus).toBe('pending');
    const stage = await h.env.client.workflow.getHandle(workflowIds[0]!).query(emailIssuanceStageQuery);
    expect(stage).toBe('awaiting-verification');

    const confirmed = await h.http.post(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('認証が完了しました');
    // The page leads on to the company's login page (where the credentials mail's password is used).
    expect(confirmed.text).toMatch(/<a href="\/login\?company=acme&#38;lang=ja"[^>]*>ログイン画面へ<\/a>/);

    const credentialsMail = await h.smtp.waitFor(
      (m) => m.to.includes('taro.yamada@example.test') && m.subject.includes('ログイン情報のお知らせ'),
    );
    expect(credentialsMail.subject).toBe('【重要】anyplaceアカウント ログイン情報のお知らせ');
    const { loginId, password } = credentialsFrom(credentialsMail);
    issuedPasswords.push(password);
    expect(loginId).toBe('E0001');
    expect(password.length).toBeGreaterThanOrEqual(12);

    const result: EmailIssuanceResult = await h.env.client.workflow.getHandle(workflowIds[0]!).result();
    expect(result.outcome).toBe('issued');
    const issued = await getAccount(h, admin, 'E0001');
    expect(issued.statusLabels).toEqual({ password: '発行済', auth: '済' });
    expect(issued.mustChangePassword).toBe(true);

    // The link is single use.
    const again = await h.http.post(link);
    expect(again.status).toBe(410);
    expect(again.text).toContain('使用済み');

    // First login: the token only allows the password change.
    const first = await login(h, 'E0001', password);
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    const restricted = await h.http.get('/api/auth/me').set('Authorization', `Bearer ${first.body.token}`);
    expect(restricted.body.mustChangePassword).toBe(true);

    const changed = await h.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${first.body.token}`)
      .send({ currentPassword: password, newPassword: 'My-own-passw0rd' });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);

    expect((await login(h, 'E0001', password)).status).toBe(401);
    const second = await login(h, 'E0001', 'My-own-passw0rd');
    expect(second.status).toBe(200);
    expect(second.body.mustChangePassword).toBe(false);
    // The token of the first login was revoked by the change.
    expect((await h.http.get('/api/auth/me').set('Authorization', `Bearer ${first.body.token}`)).status).toBe(401);

    const history = await h.http.get('/api/accounts/E0001/issuances').set('Authorization', `Bearer ${admin}`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ status: 'issued', emailSlot: 1 });
    expect(history.body.items[0].verificationSentAt).not.toBeNull();
    expect(history.body.items[0].verifiedAt).not.toBeNull();
    expect(history.body.items[0].issuedAt).not.toBeNull();
  });

  it('sends to two address slots in one round: both links work, the first confirmed wins and ends the other', async () => {
    await createAccount(h, admin, {
      code: 'E0002',
      lastName: '佐藤',
      firstName: '花子',
      lastNameKana: 'サトウ',
      firstNameKana: 'ハナコ',
      emails: ['hanako@example.test', null, 'hanako.sato@example.test'],
      locale: 'en',
    });
    const first = await startIssuance(h, admin, 'E0002', { emailSlot: 3 });
    expect(first.status).toBe(202);
    expect(first.body.emailAddress).toBe('hanako.sato@example.test');
    const firstMail = await h.smtp.waitFor((m) => m.to.includes('hanako.sato@example.test'));
    expect(firstMail.subject).toBe('[Important] anyplace account: please verify your e-mail address');
    const firstLink = verificationPath(firstMail);

    const second = await startIssuance(h, admin, 'E0002', { emailSlot: 1 });
    expect(second.status).toBe(202);
    expect(second.body.workflowId).toBe('issuance-acme-E0002-2');
    workflowIds.push(first.body.workflowId, second.body.workflowId);
    const secondMail = await h.smtp.waitFor((m) => m.to.includes('hanako@example.test'));
    const secondLink = verificationPath(secondMail);

    // Both links of the round open the confirmation page; the first one is still waiting.
    const firstPage = await h.http.get(firstLink);
    expect(firstPage.status).toBe(200);
    expect(firstPage.text).toContain('<button type="submit">');
    expect((await h.http.get(secondLink)).status).toBe(200);
    const firstStage = await h.env.client.workflow.getHandle(first.body.workflowId).query(emailIssuanceStageQuery);
    expect(firstStage).toBe('awaiting-verification');

    const confirmed = await h.http.post(secondLink);
    expect(confirmed.status).toBe(200);
    const credentialsMail = await h.smtp.waitFor(
      (m) => m.to.includes('hanako@example.test') && m.subject.includes('login details'),
    );
    const { password } = credentialsFrom(credentialsMail);
    issuedPasswords.push(password);

    // The other link of the round ended with the confirmation: refused, and its workflow is over.
    const ended: EmailIssuanceResult = await h.env.client.workflow.getHandle(first.body.workflowId).result();
    expect(ended.outcome).toBe('superseded');
    const oldPage = await h.http.get(firstLink);
    expect(oldPage.status).toBe(410);
    expect(oldPage.text).toContain('no longer valid');
    expect((await h.http.post(firstLink)).status).toBe(410);

    // The employee follows the login link of the mail: first login forces the password change.
    const loginLink = /Log in: http:\/\/localhost:3999(\S+)/.exec(credentialsMail.text)![1]!;
    expect(loginLink).toBe('/login?company=acme&lang=en');
    const form = await h.http.get(loginLink);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="acme"');
    const wrong = await h.http
      .post('/login')
      .type('form')
      .send({ lang: 'en', companyCode: 'acme', loginId: 'E0002', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The login ID or password is wrong, or the account cannot log in now.');
    const changeForm = await h.http
      .post('/login')
      .type('form')
      .send({ lang: 'en', companyCode: 'acme', loginId: 'E0002', password });
    expect(changeForm.status).toBe(200);
    expect(changeForm.text).toContain('Change your password');
    const token = /name="token" id="token" value="([^"]+)"/.exec(changeForm.text)![1]!;
    const mismatch = await h.http.post('/login/password').type('form').send({
      lang: 'en',
      token,
      currentPassword: password,
      newPassword: 'Hanako-new-passw0rd',
      confirmPassword: 'different-passw0rd',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('The two new passwords differ.');
    const changed = await h.http.post('/login/password').type('form').send({
      lang: 'en',
      token,
      currentPassword: password,
      newPassword: 'Hanako-new-passw0rd',
      confirmPassword: 'Hanako-new-passw0rd',
    });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('Welcome, 佐藤 花子.');
    expect((await login(h, 'E0002', password)).status).toBe(401);
    const relogin = await login(h, 'E0002', 'Hanako-new-passw0rd');
    expect(relogin.status).toBe(200);
    expect(relogin.body.mustChangePassword).toBe(false);

    const history = await h.http.get('/api/accounts/E0002/issuances').set('Authorization', `Bearer ${admin}`);
    expect(history.body.items.map((i: { status: string }) => i.status)).toEqual(['issued', 'superseded']);
    // No credentials ever went to the other address, and only one credentials mail at all.
    expect(h.smtp.mails.filter((m) => m.to.includes('hanako.sato@example.test'))).toHaveLength(1);
    expect(
      h.smtp.mails.filter((m) => m.subject.includes('login details') && m.to.some((to) => to.includes('hanako'))),
    ).toHaveLength(1);
  });

  it("sending to the same address again replaces that address's earlier link", async () => {
    await createAccount(h, admin, {
      code: 'E0004',
      lastName: '伊藤',
      firstName: '誠',
      emails: ['makoto@example.test'],
    });
    const first = await startIssuance(h, admin, 'E0004', { emailSlot: 1 });
    const firstLink = verificationPath(await h.smtp.waitFor((m) => m.to.includes('makoto@example.test')));
    const second = await startIssuance(h, admin, 'E0004', { emailSlot: 1 });
    expect(second.status).toBe(202);
    const outcome: EmailIssuanceResult = await h.env.client.workflow.getHandle(first.body.workflowId).result();
    expect(outcome.outcome).toBe('superseded');
    expect((await h.http.get(firstLink)).status).toBe(410);
    await h.smtp.waitFor((m) => m.to.includes('makoto@example.test') && verificationPath(m) !== firstLink);
    await h.env.client.workflow.getHandle(second.body.workflowId).cancel();
  });

  it('a superseded issuance keeps no sealed secret, also when its mail was not out yet', async () => {
    await createAccount(h, admin, { code: 'E0009', emails: ['e0009@example.test'] });
    // No worker: the first issuance stays 'sending'; give it a kept token as a chunk or a send attempt would.
    await h.stopWorker();
    try {
      const first = await startIssuance(h, admin, 'E0009');
      expect(first.status).toBe(202);
      const connection = h.db.orm.em.getConnection();
      await connection.execute(`update issuance set sealed_token = 'sealed' where workflow_id = ?`, [
        first.body.workflowId,
      ]);
      const second = await startIssuance(h, admin, 'E0009');
      expect(second.status).toBe(202);
      const [row] = await connection.execute<{ status: string; sealed_token: string | null }[]>(
        `select status, sealed_token from issuance where workflow_id = ?`,
        [first.body.workflowId],
      );
      expect(row).toEqual({ status: 'superseded', sealed_token: null });
      await h.env.client.workflow.getHandle(second.body.workflowId).cancel();
    } finally {
      await h.startWorker();
    }
  });

  it('two clicks at once on the links to two addresses: exactly one wins and one credentials mail goes out', async () => {
    await createAccount(h, admin, {
      code: 'E0005',
      lastName: '渡辺',
      firstName: '翔',
      emails: ['sho@example.test', 'sho.w@example.test'],
    });
    const first = await startIssuance(h, admin, 'E0005', { emailSlot: 1 });
    const second = await startIssuance(h, admin, 'E0005', { emailSlot: 2 });
    workflowIds.push(first.body.workflowId, second.body.workflowId);
    const links = await Promise.all(
      ['sho@example.test', 'sho.w@example.test'].map(async (address) =>
        verificationPath(await h.smtp.waitFor((m) => m.to.includes(address))),
      ),
    );
    for (const link of links) expect((await h.http.get(link)).status).toBe(200);
    const answers = await Promise.all(links.map((link) => h.http.post(link)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    const winner = answers[0]!.status === 200 ? 'sho@example.test' : 'sho.w@example.test';
    const loser = winner === 'sho@example.test' ? 'sho.w@example.test' : 'sho@example.test';
    const credentialsMail = await h.smtp.waitFor((m) => m.to.includes(winner) && m.subject.includes('ログイン情報'));
    issuedPasswords.push(credentialsFrom(credentialsMail).password);
    const results: EmailIssuanceResult[] = await Promise.all(
      [first, second].map((started) => h.env.client.workflow.getHandle(started.body.workflowId).result()),
    );
    expect(results.map((result) => result.outcome).sort()).toEqual(['issued', 'superseded']);
    expect(
      h.smtp.mails.filter((m) => m.subject.includes('ログイン情報') && m.to.some((to) => to.startsWith('sho'))),
    ).toHaveLength(1);
    expect(h.smtp.mails.filter((m) => m.to.includes(loser))).toHaveLength(1);
    await eventually(async () =>
      expect((await getAccount(h, admin, 'E0005')).statusLabels).toEqual({ password: '発行済', auth: '済' }),
    );
  });

  it('shows 発行中/済 between the click and the credentials mail, and loses nothing when the worker stops there', async () => {
    await createAccount(h, admin, { code: 'E0003', lastName: '高橋', firstName: '健', emails: ['ken@example.test'] });
    const started = await startIssuance(h, admin, 'E0003');
    workflowIds.push(started.body.workflowId);
    const mail = await h.smtp.waitFor((m) => m.to.includes('ken@example.test'));

    await h.stopWorker();
    const confirmed = await h.http.post(verificationPath(mail));
    expect(confirmed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.smtp.mails.filter((m) => m.to.includes('ken@example.test'))).toHaveLength(1);
    const verified = await getAccount(h, admin, 'E0003');
    expect(verified.statusLabels).toEqual({ password: '発行中', auth: '済' });
    expect(verified).toMatchObject({ passwordStatus: 'issuing', authStatus: 'verified' });

    await h.startWorker();
    const credentialsMail = await h.smtp.waitFor(
      (m) => m.to.includes('ken@example.test') && m.subject.includes('ログイン情報'),
    );
    const { password } = credentialsFrom(credentialsMail);
    issuedPasswords.push(password);
    expect((await login(h, 'E0003', password)).status).toBe(200);
    expect(h.smtp.mails.filter((m) => m.to.includes('ken@example.test'))).toHaveLength(2);
    await eventually(async () =>
      expect((await getAccount(h, admin, 'E0003')).statusLabels).toEqual({ password: '発行済', auth: '済' }),
    );
  });

  it('keeps every issued password out of the database, the workflow histories and the logs', async () => {
    expect(issuedPasswords).toHaveLength(4);
    const dump = await h.db.dumpAllTables();
    expect(dump).toContain('E0001'); // the dump really holds the rows
    const histories: string[] = [];
    for (const workflowId of workflowIds) {
      const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
      histories.push(collectPayloadText(history));
    }
    expect(histories.join('\n')).toContain('issuanceId'); // the payloads were really decoded
    const logs = h.logLines.join('');
    expect(logs).toContain('credentials mail sent');
    for (const password of issuedPasswords) {
      expect(dump).not.toContain(password);
      for (const text of histories) expect(text).not.toContain(password);
      expect(logs).not.toContain(password);
    }
  });
});
