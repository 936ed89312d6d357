import type { Browser, BrowserContext, Page } from 'playwright-core';
import { todayIn, startOfDayIn } from '../lib/calendar';
import { addDays, sleepServerUntil } from './support/server-clock';
import { adminToken, assignment, createAccount, defaultInitialPassword, eventually, getAccount } from './support/api';
import { field, launchBrowser, logInToConsole, serveApp, withScreenshotOnFailure } from './support/browser';
import { companyCode, createHarness, type Harness } from './support/harness';

/**
 * 組織変更データ (seed 004 「人事異動が発生した場合のアカウント修正について」 2) and the employee's login pages, in
 * Chromium on the time-skipping server: a reorganisation's account moves show in each account's 異動 until the
 * date, and are applied when it begins.
 */
let h: Harness;
let admin: string;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveApp>>;

const timeZone = 'Asia/Tokyo';
const minute = 60 * 1000;
const sleepUntil = (instant: number) => sleepServerUntil(h, instant);

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  [h, browser] = await Promise.all([createHarness({ temporal: 'time-skipping' }), launchBrowser()]);
  admin = await adminToken(h);
  served = await serveApp(h);
  for (const [code, name] of [
    ['810', '旧営業部'],
    ['820', '新営業部'],
  ]) {
    const res = await h.http.post('/api/departments').set(as(admin)).send({ code, name, parentCode: '0' });
    expect(res.status).toBe(201);
  }
  const people: [string, string, string, string][] = [
    ['B0001', '810', '810', '青木'],
    ['B0002', '810', '0', '石井'],
    ['B0003', '820', '0', '上田'],
    ['B0004', '820', '0', '岡田'],
  ];
  for (const [code, departmentCode, controlDepartmentCode, lastName] of people) {
    await createAccount(h, admin, {
      code,
      lastName,
      firstName: '一郎',
      current: assignment('employee', { departmentCode, controlDepartmentCode }),
    });
  }
  await createAccount(h, admin, { code: 'B0009', lastName: '遠藤', firstName: '花子' });
  await createAccount(h, admin, { code: 'B0008', lastName: '大野', firstName: '次郎', roleCode: 'user-admin' });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await h?.teardown();
});

/** A fresh browser profile per scenario, Japanese, 1280 px wide unless told otherwise. */
async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP', baseURL: served.base });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** The page is no wider than the phone: nothing sticks out sideways. */
async function fitsWidth(page: Page, width: number): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

describe('組織変更データ in the console', () => {
  it('closes a department and moves its accounts: the 異動 fields show the move before the date, the account holds it after', async () => {
    const { context, page } = await newPage();
    const date = addDays(todayIn(timeZone, new Date(await h.env.currentTimeMs())), 10);
    await withScreenshotOnFailure(page, 'reorganisation-moves', async () => {
      await logInToConsole(page);
      await page.waitForURL('**/admin/accounts');
      await page.goto('/admin/reference');
      await page.getByRole('tab', { name: '組織変更' }).click();
      const form = page.getByRole('form', { name: '追加' });
      await field(form, '適用日').fill(date);
      await field(form, '備考').fill('営業部統合');
      await field(form, '対象部門').selectOption({ label: '810 旧営業部' });
      expect(await field(form, '変更内容').inputValue()).toBe('close');
      // The department's accounts, to tick; B0003 (another department) is not offered.
      await form.getByRole('checkbox', { name: 'B0001 青木 一郎' }).check();
      await form.getByRole('checkbox', { name: 'B0002 石井 一郎' }).check();
      expect(await form.getByRole('checkbox', { name: /B0003/ }).count()).toBe(0);
      await field(form, '異動先部門').selectOption({ label: '820 新営業部' });
      expect(await form.getByRole('checkbox', { name: 'コントロール部門も異動先部門にする' }).isChecked()).toBe(true);
      await form.getByRole('button', { name: '追加' }).click();

      const row = page.locator('table.list tbody tr', { hasText: date });
      await row.getByText('適用待ち').waitFor();
      expect(await row.innerText()).toContain('閉鎖 810');
      expect(await row.innerText()).toContain('B0001 青木 一郎 → 820');
      const listed = await h.http.get('/api/reorganisations').set(as(admin));
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).toMatchObject({
        effectiveDate: date,
        status: 'pending',
        note: '営業部統合',
        changes: [{ kind: 'close', code: '810' }],
        moves: [
          { accountCode: 'B0001', departmentCode: '820', controlDepartmentCode: '820', status: 'pending' },
          { accountCode: 'B0002', departmentCode: '820', controlDepartmentCode: '820', status: 'pending' },
        ],
      });

      // Before the date: the account's 異動 shows the move, its current assignment is unchanged.
      await page.goto('/admin/accounts/B0001');
      await page.getByText(`${date} に適用される異動があります。`).waitFor();
      const transfer = page.locator('section.panel', { has: page.getByRole('heading', { name: '(異動)' }) });
      expect(await field(transfer, '所属部門コード').inputValue()).toBe('820');
      expect(await field(transfer, 'コントロール部門コード').inputValue()).toBe('820');
      expect(await field(transfer, '適用日').inputValue()).toBe(date);
      // It says where the move comes from, and is changed there, not on the account.
      await transfer.getByText('組織変更データによる異動です。').waitFor();
      expect(await transfer.getByRole('button', { name: '異動を変更' }).count()).toBe(0);
      expect(await transfer.getByRole('button', { name: '異動を取消' }).count()).toBe(0);
      const before = await getAccount(h, admin, 'B0001');
      expect(before.current).toMatchObject({ departmentCode: '810', controlDepartmentCode: '810' });
      expect(before.transfer).toMatchObject({ effectiveDate: date, departmentCode: '820', departmentName: '新営業部' });

      // The date begins in Tokyo: the transfer workflows apply the moves, the department is closed.
      await sleepUntil(startOfDayIn(date, timeZone).getTime() + minute);
      await eventually(async () => {
        const after = await getAccount(h, admin, 'B0001');
        expect(after.current).toMatchObject({
          effectiveDate: date,
          departmentCode: '820',
          controlDepartmentCode: '820',
        });
        expect(after.transfer).toBeNull();
      }, 10_000);
      await eventually(async () => expect((await getAccount(h, admin, 'B0002')).current.departmentCode).toBe('820'));
      await page.reload();
      await page.getByText('異動は登録されていません。').waitFor();
      expect(await field(page, '所属部門コード').first().inputValue()).toBe('820');

      await page.goto('/admin/reference');
      await page.getByRole('tab', { name: '組織変更' }).click();
      await eventually(async () => expect(await row.innerText()).toContain('適用済'), 10_000);
      const closed = await h.http.get('/api/departments/810').set(as(admin));
      expect(closed.body.validTo).toBe(addDays(date, -1));
    });
    await context.close();
  });

  it("changes a pending reorganisation's account moves, then cancels it: the accounts' transfers follow", async () => {
    const { context, page } = await newPage();
    const date = addDays(todayIn(timeZone, new Date(await h.env.currentTimeMs())), 5);
    const registered = await h.http
      .post('/api/reorganisations')
      .set(as(admin))
      .send({
        effectiveDate: date,
        changes: [{ kind: 'rename', code: '820', name: '営業本部' }],
        moves: [{ accountCode: 'B0003', departmentCode: '0', controlDepartmentCode: '0' }],
      });
    expect(registered.status).toBe(201);
    await withScreenshotOnFailure(page, 'reorganisation-change-cancel', async () => {
      await logInToConsole(page);
      await page.waitForURL('**/admin/accounts');
      await page.goto('/admin/reference');
      await page.getByRole('tab', { name: '組織変更' }).click();
      await page.getByRole('button', { name: `異動を変更 ${date}` }).click();
      const form = page.getByRole('form', { name: `${date} の組織変更: アカウントの異動を変更` });
      expect(await form.getByRole('checkbox', { name: 'B0003 上田 一郎' }).isChecked()).toBe(true);
      await form.getByRole('checkbox', { name: 'B0004 岡田 一郎' }).check();
      expect(await field(form, '異動先部門').inputValue()).toBe('0');
      await form.getByRole('button', { name: '異動を保存' }).click();
      const row = page.locator('table.list tbody tr', { hasText: date });
      await row.getByText('B0004 岡田 一郎 → 0').waitFor();
      const changed = await h.http.get(`/api/reorganisations/${registered.body.id}`).set(as(admin));
      expect(changed.body.moves.filter((move: { status: string }) => move.status === 'pending')).toMatchObject([
        { accountCode: 'B0003', departmentCode: '0' },
        { accountCode: 'B0004', departmentCode: '0', controlDepartmentCode: '0' },
      ]);
      expect((await getAccount(h, admin, 'B0004')).transfer).toMatchObject({
        effectiveDate: date,
        departmentCode: '0',
      });

      await page.getByRole('button', { name: `組織変更を取消 ${date}` }).click();
      await page.getByText(`${date} の組織変更を取り消します。`).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: '組織変更を取消' }).click();
      await row.getByText('取消済').waitFor();
      const after = await h.http.get(`/api/reorganisations/${registered.body.id}`).set(as(admin));
      expect(after.body.status).toBe('cancelled');
      expect(after.body.moves.every((move: { status: string }) => move.status === 'cancelled')).toBe(true);
      expect((await getAccount(h, admin, 'B0003')).transfer).toBeNull();
      expect((await getAccount(h, admin, 'B0004')).transfer).toBeNull();
    });
    await context.close();
  });
});

describe("the employee's login pages on a 390 px phone", () => {
  const phone = { width: 390, height: 844 };

  it('keeps the login id after a wrong password, does not offer Azure AD (off), asks for 現在のパスワード and says パスワードを変更しました', async () => {
    const { context, page } = await newPage(phone);
    await withScreenshotOnFailure(page, 'employee-login-phone', async () => {
      await page.goto(`/login?company=${companyCode}`);
      await page.getByRole('heading', { name: 'ログイン' }).waitFor();
      expect(await page.getByRole('link', { name: /Azure AD/ }).count()).toBe(0);
      await fitsWidth(page, phone.width);
      await field(page, 'ログインID').fill('B0009');
      await field(page, 'パスワード').fill('Wrong-passw0rd');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByText('ログインIDまたはパスワードが正しくないか').waitFor();
      expect(await field(page, 'ログインID').inputValue()).toBe('B0009');
      expect(await field(page, '企業コード').inputValue()).toBe(companyCode);
      expect(await field(page, 'パスワード').inputValue()).toBe('');
      expect((await getAccount(h, admin, 'B0009')).failedLoginCount).toBe(1);

      await field(page, 'パスワード').fill(defaultInitialPassword);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
      await fitsWidth(page, phone.width);
      await field(page, '現在のパスワード').fill(defaultInitialPassword);
      await field(page, '新しいパスワード').fill('Phone-passw0rd-1');
      await field(page, '新しいパスワード(確認)').fill('Phone-passw0rd-1');
      await page.getByRole('button', { name: '変更する' }).click();
      await page.getByRole('heading', { name: 'ログインしました' }).waitFor();
      await page.getByText('パスワードを変更しました。').waitFor();
      await fitsWidth(page, phone.width);
      const account = await getAccount(h, admin, 'B0009');
      expect(account.mustChangePassword).toBe(false);
      expect(account.passwordChangedAt).not.toBeNull();
      const relogin = await h.http
        .post('/api/auth/login')
        .send({ companyCode, loginId: 'B0009', password: 'Phone-passw0rd-1' });
      expect(relogin.status).toBe(200);
    });
    await context.close();
  });

  it('leads back to the login form from the Azure AD page of a company that has it off', async () => {
    const { context, page } = await newPage(phone);
    await withScreenshotOnFailure(page, 'azure-off-phone', async () => {
      const answer = await page.goto(`/login/azure?company=${companyCode}`);
      expect(answer?.status()).toBe(404);
      await page.getByText('この企業では Azure AD でのサインインは利用できません。').waitFor();
      await fitsWidth(page, phone.width);
      await page.getByRole('link', { name: 'ログイン画面に戻る' }).click();
      await page.getByRole('heading', { name: 'ログイン' }).waitFor();
      expect(await field(page, '企業コード').inputValue()).toBe(companyCode);
      const settings = await h.http.get('/api/settings').set(as(admin));
      expect(settings.body.azureAdEnabled).toBe(false);
    });
    await context.close();
  });

  it('the console says パスワードを変更しました after the forced change, then goes on', async () => {
    const { context, page } = await newPage(phone);
    await withScreenshotOnFailure(page, 'console-password-change-phone', async () => {
      await logInToConsole(page, 'B0008', defaultInitialPassword);
      await page.getByRole('heading', { name: 'パスワード変更' }).waitFor();
      await field(page, '現在のパスワード').fill(defaultInitialPassword);
      await field(page, '新しいパスワード').fill('Console-passw0rd-1');
      await field(page, '新しいパスワード(確認)').fill('Console-passw0rd-1');
      await page.getByRole('button', { name: '変更する' }).click();
      await page.getByRole('status').filter({ hasText: 'パスワードを変更しました。' }).waitFor();
      expect((await getAccount(h, admin, 'B0008')).mustChangePassword).toBe(false);
      await page.getByRole('button', { name: '続ける' }).click();
      await page.waitForURL('**/admin/accounts');
    });
    await context.close();
  });
});
