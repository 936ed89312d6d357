import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import {
  adminToken,
  assignment,
  createAccount,
  credentialsFrom,
  eventually,
  getAccount,
  login,
  verificationPath,
} from './support/api';
import { launchBrowser, serveApp, withScreenshotOnFailure } from './support/browser';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';
import type { ReceivedMail } from './support/smtp';

// pdf-parse's package entry point reads a sample file when required; its library module does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

/**
 * The flows of the product document 000 (パスワード発行) in Chromium, each on the issuance channel it belongs to:
 * what the administrator sees, then what the API holds, and for mails the mail from the SMTP server with its link
 * followed and its password used.
 */

let h: Harness;
let admin: string;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveApp>>;

const timeZone = 'Asia/Tokyo';

beforeAll(async () => {
  [h, browser] = await Promise.all([createHarness({ temporal: 'local' }), launchBrowser()]);
  admin = await adminToken(h);
  served = await serveApp(h);
  const department = await h.http
    .post('/api/departments')
    .set('Authorization', `Bearer ${admin}`)
    .send({ code: '100', name: '東京営業部', parentCode: '0' });
  expect(department.status).toBe(201);
  const salesDepartment = { current: assignment('employee', { departmentCode: '100' }) };
  const accounts: Record<string, unknown>[] = [
    { code: 'P0001', lastName: '岡田', firstName: '典子' },
    { code: 'P0002', lastName: '山本', firstName: '二郎' },
    { code: 'P0003', lastName: '山本', firstName: '三郎' },
    {
      code: 'M0001',
      lastName: '伊藤',
      firstName: '一',
      emails: ['m1@example.test', 'm1-home@example.test', 'm1-3@example.test'],
    },
    {
      code: 'B0001',
      lastName: '加藤',
      firstName: '一',
      emails: ['b1@example.test', 'b1-home@example.test'],
      ...salesDepartment,
    },
    { code: 'B0002', lastName: '加藤', firstName: '二', emails: ['shared@example.test'], ...salesDepartment },
    { code: 'B0003', lastName: '加藤', firstName: '三', ...salesDepartment },
    { code: 'B0004', lastName: '加藤', firstName: '四', emails: ['shared@example.test'], ...salesDepartment },
  ];
  for (const account of accounts) await createAccount(h, admin, account);
  await setChannel('pdf');
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await h?.teardown();
});

async function setChannel(issuanceChannel: 'pdf' | 'email'): Promise<void> {
  const res = await h.http
    .patch('/api/settings')
    .set('Authorization', `Bearer ${admin}`)
    .send({ issuanceChannel, timeZone });
  expect(res.status).toBe(200);
}

/**
 * A fresh browser profile per scenario, Japanese; the browser's clock is in New York so that a date shown in the
 * company's zone (Tokyo) differs from one in the browser's.
 */
async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    timezoneId: 'America/New_York',
    baseURL: served.base,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
}

async function logIn(page: Page): Promise<void> {
  await page.goto('/admin/');
  await field(page, '企業コード').fill(companyCode);
  await field(page, 'ログインID').fill('Admin');
  await field(page, 'パスワード').fill(adminPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
}

/** A scenario: a fresh page, the admin logged in, then the steps (a screenshot of the page if they fail). */
async function asAdmin(name: string, steps: (page: Page) => Promise<void>) {
  const { context, page } = await newPage();
  await withScreenshotOnFailure(page, name, async () => {
    await logIn(page);
    await steps(page);
  });
  return { context, page };
}

async function searchCode(page: Page, prefix: string, count: number): Promise<void> {
  await field(page, 'アカウントコード').fill(prefix);
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.getByText(`${count} 件中 1–${count} 件`).waitFor();
}

const row = (page: Page, code: string) =>
  page.locator('table.list tbody tr', { has: page.getByRole('cell', { name: code, exact: true }) });

/** The password in a notice (a bulk notice holds one per page). */
async function passwordsIn(download: Download): Promise<string[]> {
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await pdfParse(pdf);
  return [...text.matchAll(/パスワード: (\S+)/g)].map((match) => match[1]!);
}

/** Presses a button that saves a file and returns the download. */
async function downloadBy(page: Page, name: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  return download;
}

/** The mail to an address with the subject part, the nth of them (0 first). */
async function mailTo(address: string, subject: string, nth = 0): Promise<ReceivedMail> {
  return eventually(async () => {
    const mails = h.smtp.mails.filter((m) => m.to.includes(address) && m.subject.includes(subject));
    expect(mails.length).toBeGreaterThan(nth);
    return mails[nth]!;
  }, 30_000);
}

/** The employee's side: the link of the mail in a browser, 認証する, then the credentials mail's password. */
async function verifyInBrowser(context: BrowserContext, mail: ReceivedMail, address: string, nth = 0) {
  const employee = await context.newPage();
  await withScreenshotOnFailure(employee, `verify-${address}`, async () => {
    await employee.goto(verificationPath(mail));
    await employee.getByRole('button', { name: '認証する' }).click();
    await employee
      .getByText(/ログイン情報/)
      .first()
      .waitFor();
  });
  await employee.close();
  return credentialsFrom(await mailTo(address, 'ログイン情報のお知らせ', nth));
}

/** 再発行 starts on the account: the name in the list opens it, then its issuance screen for the channel. */
async function openReissue(page: Page, code: string, channel: 'pdf' | 'email'): Promise<void> {
  await searchCode(page, code, 1);
  await row(page, code).getByRole('link').first().click();
  await page.getByRole('heading', { name: new RegExp(`アカウント登録 — ${code}`) }).waitFor();
  // 再発行 on the 共通 part opens the issuance screen of the company's channel.
  await page.getByRole('link', { name: '再発行', exact: true }).click();
  await page.getByRole('heading', { name: channel === 'pdf' ? 'パスワード通知書(PDF)' : 'パスワード再発行' }).waitFor();
}

let p0001Password = '';
let m0001Password = '';

describe('PDF channel (パスワードの発行手段: PDF)', () => {
  it('●PDFで且つ個別発行: the 未発行 link, one ダウンロード that saves the notice, PDF発行済, then 発行済 in the list; no e-mail way offered', async () => {
    const { context } = await asAdmin('pdf-single', async (page) => {
      await searchCode(page, 'P', 3);
      // The channel decides: the 未発行 links open PDF, 未 is no link, one issue button.
      expect(await row(page, 'P0001').getByRole('link', { name: '未発行' }).count()).toBe(1);
      expect(await row(page, 'P0001').getByRole('link', { name: '未', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /メール/ }).count()).toBe(0);
      await page.getByRole('button', { name: '選択してパスワードを発行' }).waitFor();

      await row(page, 'P0001').getByRole('link', { name: '未発行' }).click();
      await page.getByRole('heading', { name: 'パスワード通知書(PDF)' }).waitFor();
      await page.getByRole('cell', { name: '新規発行' }).waitFor();
      expect(await page.getByRole('button', { name: '発行する' }).count()).toBe(0);
      const download = await downloadBy(page, 'ダウンロード');
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const [password] = await passwordsIn(download);
      await page.getByText('ダウンロードしました。発行ステータス:PDF発行済').waitFor();
      expect(await page.getByRole('button', { name: 'ダウンロード' }).count()).toBe(0);

      await page.getByRole('link', { name: '社員情報管理に戻る' }).click();
      await searchCode(page, 'P0001', 1);
      await row(page, 'P0001').getByText('発行済', { exact: true }).waitFor();
      expect((await getAccount(h, admin, 'P0001')).statusLabels).toEqual({ password: '発行済', auth: '未' });
      expect((await login(h, 'P0001', password!)).status).toBe(200);
      p0001Password = password!;
    });
    await context.close();
  });

  it('a lost answer: the console sends the PDF issuance again with the same Idempotency-Key, and the API issues once', async () => {
    await createAccount(h, admin, { code: 'Q0001', lastName: '岡田', firstName: '四郎' });
    const keys: (string | null)[] = [];
    const { context } = await asAdmin('pdf-lost-answer', async (page) => {
      // The first POST reaches the API (the issuance starts), but its answer never reaches the browser.
      await page.route('**/api/accounts/Q0001/pdf-issuances', async (route) => {
        keys.push(await route.request().headerValue('idempotency-key'));
        if (keys.length > 1) return route.continue();
        await route.fetch();
        return route.abort('connectionreset');
      });
      await searchCode(page, 'Q0001', 1);
      await row(page, 'Q0001').getByRole('link', { name: '未発行' }).click();
      await page.getByRole('heading', { name: 'パスワード通知書(PDF)' }).waitFor();
      const [password] = await passwordsIn(await downloadBy(page, 'ダウンロード'));
      await page.getByText('ダウンロードしました。発行ステータス:PDF発行済').waitFor();
      expect((await login(h, 'Q0001', password!)).status).toBe(200);
    });
    await context.close();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const history = await h.http.get('/api/accounts/Q0001/issuances').set('Authorization', `Bearer ${admin}`);
    expect(history.body.items).toHaveLength(1);
  });

  it('●PDF且つ一括発行: 選択してパスワードを発行, ダウンロード, PDF一括ダウンロード実行結果 with OK, 社員情報管理に戻る; one PDF for both', async () => {
    const { context } = await asAdmin('pdf-bulk', async (page) => {
      await searchCode(page, 'P', 3);
      await page.getByLabel('P0002 を選択').check();
      await page.getByLabel('P0003 を選択').check();
      await page.getByRole('button', { name: '選択してパスワードを発行' }).click();
      await page.getByRole('heading', { name: 'パスワード一括発行(PDF)' }).waitFor();
      await page.getByRole('cell', { name: 'P0003', exact: true }).waitFor();
      expect(await page.getByRole('cell', { name: '新規発行' }).count()).toBe(2);

      const download = await downloadBy(page, 'ダウンロード');
      const passwords = await passwordsIn(download);
      expect(passwords).toHaveLength(2);
      const dialog = page.getByRole('dialog', { name: 'PDF一括ダウンロード実行結果' });
      await dialog.getByText('2 人分のパスワード通知書(1つのPDFファイル)をダウンロードしました。').waitFor();
      await dialog.getByRole('button', { name: 'OK' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('link', { name: '社員情報管理に戻る' }).click();
      await searchCode(page, 'P000', 3);
      expect(await page.locator('table.list tbody tr td:nth-child(8)').allInnerTexts()).toEqual([
        '発行済',
        '発行済',
        '発行済',
      ]);
      for (const code of ['P0002', 'P0003'])
        expect((await getAccount(h, admin, code)).statusLabels).toEqual({ password: '発行済', auth: '未' });
      // Each employee's page of the one PDF holds a password that logs that employee in.
      for (const code of ['P0002', 'P0003']) {
        const statuses = await Promise.all(passwords.map(async (password) => (await login(h, code, password)).status));
        expect(statuses.sort()).toEqual([200, 401]);
      }
    });
    await context.close();
  });

  it('再発行 (PDF): from the account, the screen says the password is 初期化, ダウンロード; the old password stops, the new one works', async () => {
    const { context } = await asAdmin('pdf-reissue', async (page) => {
      await openReissue(page, 'P0001', 'pdf');
      await page.getByRole('cell', { name: '再発行(現在のパスワードは初期化されます)' }).waitFor();
      await page.getByText(/現在の暗号化処理されたパスワードを初期化して再発行します/).waitFor();
      const [password] = await passwordsIn(await downloadBy(page, 'ダウンロード'));
      await page.getByText('ダウンロードしました。発行ステータス:PDF発行済').waitFor();
      expect(password).not.toBe(p0001Password);
      expect((await login(h, 'P0001', p0001Password)).status).toBe(401);
      expect((await login(h, 'P0001', password!)).status).toBe(200);
      const history = await h.http.get('/api/accounts/P0001/issuances').set('Authorization', `Bearer ${admin}`);
      expect(history.body.items.map((i: { kind: string; channel: string }) => [i.kind, i.channel])).toEqual([
        ['reissue-direct', 'pdf'],
        ['initial', 'pdf'],
      ]);
    });
    await context.close();
  });
});

describe('e-mail channel (パスワードの発行手段: メール)', () => {
  beforeAll(async () => {
    await setChannel('email');
  });

  it('●メール且つ個別送信: the 未 link, メールアドレス1 preselected, two addresses, the sent dialog, 発行中/認証待ち with the send time in the company’s zone; the employee confirms and logs in', async () => {
    const { context } = await asAdmin('mail-single', async (page) => {
      await searchCode(page, 'M0001', 1);
      expect(await row(page, 'M0001').getByRole('link', { name: '未発行' }).count()).toBe(0);
      await row(page, 'M0001').getByRole('link', { name: '未', exact: true }).click();
      await page.getByRole('heading', { name: 'メール通知' }).waitFor();
      await expect(page.getByLabel('メールアドレス1: m1@example.test').isChecked()).resolves.toBe(true);

      // One employee, two addresses: the steps again for the second.
      for (const slot of ['メールアドレス2: m1-home@example.test', 'メールアドレス1: m1@example.test']) {
        await page.getByLabel(slot).check();
        await page.getByRole('button', { name: '認証要求メール送信' }).click();
        const dialog = page.getByRole('dialog', { name: 'お知らせ' });
        await dialog.getByText('認証要求メールを送信しました。').waitFor();
        await dialog.getByRole('button', { name: 'OK' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await page
        .getByTestId('issuance-status')
        .getByText(/発行中 \/ 認証待ち/)
        .waitFor();

      await page.getByRole('link', { name: '社員情報管理に戻る' }).click();
      await searchCode(page, 'M0001', 1);
      const pending = row(page, 'M0001').getByRole('link', { name: /^認証待ち/ });
      const account = await getAccount(h, admin, 'M0001');
      expect(account.statusLabels).toEqual({ password: '発行中', auth: '認証待ち' });
      const tokyo = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(account.authRequestedAt as string),
      );
      expect(await pending.getAttribute('title')).toBe(`認証要求メール送信: ${tokyo}`);
    });

    await mailTo('m1@example.test', '認証のお願い');
    const credentials = await verifyInBrowser(
      context,
      await mailTo('m1-home@example.test', '認証のお願い'),
      'm1-home@example.test',
    );
    expect(credentials.loginId).toBe('M0001');
    expect((await login(h, 'M0001', credentials.password)).status).toBe(200);
    await eventually(async () =>
      expect((await getAccount(h, admin, 'M0001')).statusLabels).toEqual({ password: '発行済', auth: '済' }),
    );
    m0001Password = credentials.password;
    await context.close();
  });

  it('●メール且つ一括送信: 未設定 with a typed address, another slot, 重複警告, the estimate, the result dialog and 発行中/認証待ち per employee', async () => {
    const { context } = await asAdmin('mail-bulk', async (page) => {
      await searchCode(page, 'B', 4);
      await page.getByLabel('このページのアカウントをすべて選択').check();
      await page.getByText('4 件選択中').waitFor();
      expect(await page.getByRole('button', { name: /PDF/ }).count()).toBe(0);
      await page.getByRole('button', { name: '選択してパスワードを発行' }).click();

      await page.getByRole('heading', { name: 'パスワード一括発行(メール)' }).waitFor();
      const line = (code: string) =>
        page.locator('tbody tr', { has: page.getByRole('cell', { name: code, exact: true }) });
      await line('B0003').getByText('未設定', { exact: true }).waitFor();
      await expect(page.getByLabel('B0003 に送信する').isDisabled()).resolves.toBe(true);
      await page.getByRole('alert').filter({ hasText: 'shared@example.test' }).waitFor();
      expect(await line('B0002').getByText('重複').count()).toBe(1);

      await page.getByLabel('B0001 の送信アドレス').selectOption('2');
      await line('B0001').getByText('b1-home@example.test').waitFor();
      await page.getByRole('button', { name: 'B0003 のメールアドレスを入力' }).click();
      await page.getByLabel('B0003 のメールアドレス').fill('b3@example.test');
      await line('B0003').getByRole('button', { name: '設定' }).click();
      await line('B0003').getByText('b3@example.test').waitFor();
      await page.getByLabel('B0003 に送信する').check();
      await page.getByText('4 人中 4 人を選択').waitFor();

      await page.getByRole('button', { name: '認証要求メール送信' }).click();
      const confirm = page.getByRole('dialog', { name: '確認' });
      await confirm.getByText(/約 \d+ 秒/).waitFor();
      await confirm.getByRole('button', { name: 'OK' }).click();

      const result = page.getByRole('dialog', { name: '認証要求メール一括送信実行結果' });
      await result.getByText('すべての認証要求メールの送信処理が完了しました。').waitFor({ timeout: 30_000 });
      await result.getByRole('button', { name: 'OK' }).click();
      await page.getByRole('heading', { name: '実行結果' }).waitFor();
      const results = page.locator('table.list tbody tr');
      await expect(results.count()).resolves.toBe(4);
      expect(await results.locator('td:nth-child(3)').allInnerTexts()).toEqual([
        'b1-home@example.test',
        'shared@example.test',
        'b3@example.test',
        'shared@example.test',
      ]);
      expect(await results.locator('td:nth-child(4)').allInnerTexts()).toEqual([
        '発行中',
        '発行中',
        '発行中',
        '発行中',
      ]);
      expect(await results.locator('td:nth-child(5)').allInnerTexts()).toEqual([
        '認証待ち',
        '認証待ち',
        '認証待ち',
        '認証待ち',
      ]);
      await page.getByRole('link', { name: '社員情報管理に戻る' }).click();
      await searchCode(page, 'B', 4);
      expect(await page.locator('table.list tbody tr td:nth-child(9)').allInnerTexts()).toEqual([
        '認証待ち',
        '認証待ち',
        '認証待ち',
        '認証待ち',
      ]);

      // The list finds them again by the department chosen by name and by パスワード/認証状態; nothing, in words.
      await page.getByRole('button', { name: 'リセット' }).click();
      await page.getByLabel('所属部門', { exact: true }).selectOption({ label: '\u3000東京営業部 (100)' });
      await page.getByLabel('パスワード/認証状態', { exact: true }).selectOption({ label: '認証待ち' });
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('4 件中 1–4 件').waitFor();
      expect(page.url()).toMatch(/departmentCode=100/);
      expect(page.url()).toMatch(/issuanceStatus=auth-pending/);
      await page.getByLabel('パスワード/認証状態', { exact: true }).selectOption({ label: '発行済' });
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('該当するアカウントはありません。').waitFor();
      expect(await page.locator('table.list tbody tr').count()).toBe(0);
    });

    for (const code of ['B0001', 'B0002', 'B0003', 'B0004'])
      expect((await getAccount(h, admin, code)).statusLabels).toEqual({ password: '発行中', auth: '認証待ち' });
    const found = await h.http
      .get('/api/accounts?departmentCode=100&issuanceStatus=auth-pending')
      .set('Authorization', `Bearer ${admin}`);
    expect(found.body.total).toBe(4);
    // The typed address is B0003's メールアドレス1 now.
    expect((await getAccount(h, admin, 'B0003')).emails[0]).toBe('b3@example.test');
    const credentials = await verifyInBrowser(
      context,
      await mailTo('b3@example.test', 'アカウント認証依頼'),
      'b3@example.test',
    );
    expect(credentials.loginId).toBe('B0003');
    expect((await login(h, 'B0003', credentials.password)).status).toBe(200);
    await context.close();
  });

  it('再発行 A (認証要求メール送信): the screen says the password stops, 再発行中/認証待ち at once and the old password refused; the new one works after 認証する', async () => {
    const { context } = await asAdmin('reissue-a', async (page) => {
      await openReissue(page, 'M0001', 'email');
      await page.getByRole('heading', { name: 'パスワード再発行' }).waitFor();
      await page
        .getByText('再発行を開始すると現在のパスワードは使えなくなり、ログイン中のセッションも終了します。')
        .waitFor();
      await page.getByRole('button', { name: 'A 認証要求メール送信' }).click();
      const dialog = page.getByRole('dialog', { name: 'お知らせ' });
      await dialog.getByText('認証要求メールを送信しました。').waitFor();
      await dialog.getByRole('button', { name: 'OK' }).click();
      await page
        .getByTestId('issuance-status')
        .getByText(/再発行中 \/ 認証待ち/)
        .waitFor();
    });
    expect((await login(h, 'M0001', m0001Password)).status).toBe(401);
    expect((await getAccount(h, admin, 'M0001')).statusLabels).toEqual({ password: '再発行中', auth: '認証待ち' });
    const credentials = await verifyInBrowser(
      context,
      await mailTo('m1@example.test', '認証のお願い', 1),
      'm1@example.test',
      0,
    );
    expect((await login(h, 'M0001', credentials.password)).status).toBe(200);
    await eventually(async () =>
      expect((await getAccount(h, admin, 'M0001')).statusLabels).toEqual({ password: '発行済', auth: '済' }),
    );
    m0001Password = credentials.password;
    await context.close();
  });

  it('再発行 B (アカウント通知メール送信): an unverified address asks first (cancel sends nothing), then the mail goes, the old password stops at once, 発行済/済 stays; a verified address asks nothing', async () => {
    const issuances = async () =>
      (await h.http.get('/api/accounts/M0001/issuances').set('Authorization', `Bearer ${admin}`)).body.items.length;
    const before = await issuances();
    const { context, page } = await asAdmin('reissue-b', async (page) => {
      await openReissue(page, 'M0001', 'email');
      await page.getByLabel('メールアドレス3: m1-3@example.test').check();
      await page.getByRole('button', { name: 'B アカウント通知メール送信' }).click();
      const warning = page.getByRole('dialog', { name: '認証済みではないメールアドレス' });
      await warning.getByText(/m1-3@example.test は認証済みのメールアドレスではありません/).waitFor();
      expect(await warning.locator('.warning').count()).toBe(1);
      await warning.getByRole('button', { name: 'キャンセル' }).click();
      await warning.waitFor({ state: 'hidden' });
      expect(await issuances()).toBe(before);
      expect((await login(h, 'M0001', m0001Password)).status).toBe(200);

      await page.getByRole('button', { name: 'B アカウント通知メール送信' }).click();
      await warning.getByRole('button', { name: 'B アカウント通知メール送信' }).click();
      const done = page.getByRole('dialog', { name: 'お知らせ' });
      await done.getByText('m1-3@example.test にアカウント通知メールを送信しました。').waitFor();
      await done.getByRole('button', { name: 'OK' }).click();
      await page
        .getByTestId('issuance-status')
        .getByText(/発行済 \/ 済/)
        .waitFor();
    });
    expect((await login(h, 'M0001', m0001Password)).status).toBe(401);
    const direct = credentialsFrom(await mailTo('m1-3@example.test', 'ログイン情報のお知らせ'));
    expect(direct.loginId).toBe('M0001');
    expect((await login(h, 'M0001', direct.password)).status).toBe(200);
    expect(h.smtp.mails.filter((m) => m.to.includes('m1-3@example.test') && m.subject.includes('認証'))).toEqual([]);
    expect((await getAccount(h, admin, 'M0001')).statusLabels).toEqual({ password: '発行済', auth: '済' });

    // To メールアドレス1, verified by A: no question, the mail goes at once.
    await withScreenshotOnFailure(page, 'reissue-b-verified', async () => {
      await page.getByLabel('メールアドレス1: m1@example.test').check();
      await page.getByRole('button', { name: 'B アカウント通知メール送信' }).click();
      const done = page.getByRole('dialog', { name: 'お知らせ' });
      await done.getByText('m1@example.test にアカウント通知メールを送信しました。').waitFor();
      await done.getByRole('button', { name: 'OK' }).click();
    });
    expect((await login(h, 'M0001', direct.password)).status).toBe(401);
    const again = credentialsFrom(await mailTo('m1@example.test', 'ログイン情報のお知らせ', 1));
    expect((await login(h, 'M0001', again.password)).status).toBe(200);
    await context.close();
  });
});
