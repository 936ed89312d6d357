import { Account } from '../entities';
import { adminToken, createAccount, login } from './support/api';
import { createHarness, type Harness } from './support/harness';

/** The admin-facing texts 000 lists, and every error message, in Japanese (default) and English. */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  await createAccount(h, admin, { code: 'L0001', emails: ['same@example.test'] });
  await createAccount(h, admin, { code: 'L0002', emails: ['same@example.test'] });
});

afterAll(async () => {
  await h?.teardown();
});

const post = (path: string, body: object, language?: string) => {
  const req = h.http.post(path).set('Authorization', `Bearer ${admin}`);
  if (language) req.set('Accept-Language', language);
  return req.send(body);
};

async function setAdminLocale(locale: 'ja' | 'en' | null): Promise<void> {
  await h.db.orm.em.fork().nativeUpdate(Account, { code: 'Admin' }, { locale: locale ?? undefined });
}

it('says 認証要求メールを送信しました by default, in English for Accept-Language: en or an English account', async () => {
  const ja = await post('/api/accounts/L0001/email-issuances', {});
  expect(ja.status).toBe(202);
  expect(ja.body.message).toBe('認証要求メールを送信しました。');
  const en = await post('/api/accounts/L0001/email-issuances', {}, 'en-US,en;q=0.9');
  expect(en.body.message).toBe('The verification request mail was sent.');

  await setAdminLocale('en');
  try {
    expect((await post('/api/accounts/L0001/email-issuances', {})).body.message).toBe(
      'The verification request mail was sent.',
    );
    // The request's header wins over the account's locale.
    expect((await post('/api/accounts/L0001/email-issuances', {}, 'ja')).body.message).toBe(
      '認証要求メールを送信しました。',
    );
  } finally {
    await setAdminLocale(null);
  }
});

it('warns of duplicate addresses and confirms with the estimated seconds in the bulk preview, then reports the result', async () => {
  const selection = { accounts: [{ code: 'L0001' }, { code: 'L0002' }] };
  const ja = await post('/api/email-issuances/preview', selection);
  expect(ja.status).toBe(200);
  const seconds = ja.body.estimate.seconds as number;
  expect(ja.body.messages).toEqual([
    {
      code: 'DUPLICATE_ADDRESS',
      message:
        '同一のメールアドレス(same@example.test)が複数の社員(L0001, L0002)に設定されています。設定を確認してください。',
    },
    {
      code: 'BULK_CONFIRMATION',
      message: `2件の認証要求メールを送信します。送信完了までおおよそ${seconds}秒かかります。よろしいですか?`,
    },
  ]);
  const en = await post('/api/email-issuances/preview', selection, 'en');
  expect(en.body.messages.map((m: { message: string }) => m.message)).toEqual([
    'The same address (same@example.test) is set for several employees (L0001, L0002). Please check the settings.',
    `2 verification request mails will be sent, in about ${seconds} seconds. Proceed?`,
  ]);

  const run = await post('/api/email-issuances/bulk', selection);
  expect(run.status).toBe(202);
  expect(run.body.messages).toContainEqual({
    code: 'BULK_RESULT',
    message: '認証要求メール一括送信を実行しました。送信対象: 2件、対象外: 0件',
  });
});

it('says that employees who already have a password are left out of a bulk preview (再発行は個別に), in both languages', async () => {
  await createAccount(h, admin, { code: 'L0003' });
  // A password in use (logged in with the one set at registration): a bulk run leaves it out.
  expect((await login(h, 'L0003', 'Initial-passw0rd')).status).toBe(200);
  const ja = await post('/api/pdf-issuances/preview', { accountCodes: ['L0003'] });
  expect(ja.body.messages).toEqual([
    {
      code: 'ALREADY_ISSUED',
      message: '1人はパスワード発行済みのため対象外です。再発行は個別に行ってください。',
    },
  ]);
  const en = await post('/api/pdf-issuances/preview', { accountCodes: ['L0003'] }, 'en');
  expect(en.body.messages[0].message).toBe(
    '1 employee(s) already have a password and are left out. Reissue one person at a time.',
  );
});

it('answers errors in Japanese by default and in English on request, keeping the code and the field', async () => {
  const ja = await h.http.get('/api/accounts/NOPE').set('Authorization', `Bearer ${admin}`);
  expect(ja.status).toBe(404);
  expect(ja.body.error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', message: 'アカウントが見つかりません。' });
  const en = await h.http
    .get('/api/accounts/NOPE')
    .set('Authorization', `Bearer ${admin}`)
    .set('Accept-Language', 'en');
  expect(en.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  expect(en.body.error.message).toMatch(/NOPE/);

  const invalid = await post('/api/accounts/L0001/email-issuances', { emailSlot: 7 });
  expect(invalid.status).toBe(400);
  expect(invalid.body.error).toMatchObject({
    code: 'VALIDATION_FAILED',
    field: 'emailSlot',
    message: '入力内容に誤りがあります(emailSlot)。',
  });
  const unauthenticated = await h.http.get('/api/accounts').set('Accept-Language', 'en');
  expect(unauthenticated.status).toBe(401);
  expect(unauthenticated.body.error.message).toBe('A valid bearer token is required.');
  expect((await h.http.get('/api/accounts')).body.error.message).toBe('ログインが必要です。');
});
