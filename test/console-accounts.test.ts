import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { components } from '../console/src/api/schema';
import { todayIn } from '../lib/calendar';
import { seedDemoData } from '../lib/demo-data';
import {
  adminToken,
  createAccount,
  defaultInitialPassword,
  defineRole,
  enrolMfa,
  getAccount,
  login,
  otherCompanyAdmin,
  registerReady,
  sessionToken,
} from './support/api';
import { launchBrowser, serveApp, withScreenshotOnFailure } from './support/browser';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';

/*
 * 【アカウント登録】 and CSV取込 of seed 004 in Chromium, on the demo company (lib/demo-data.ts: departments, ranks,
 * a contractor, E0001–E0005). Each scenario does what an HR administrator does on the page, checks what the page
 * shows, and then what the API holds.
 */
let h: Harness;
let admin: string;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveApp>>;
const today = todayIn('Asia/Tokyo');

function daysFrom(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

beforeAll(async () => {
  [h, browser] = await Promise.all([createHarness({ temporal: 'local' }), launchBrowser()]);
  await seedDemoData(h.db.orm.em.fork(), companyCode);
  admin = await adminToken(h);
  served = await serveApp(h);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await h?.teardown();
});

const api = {
  get: (path: string) => h.http.get(path).set('Authorization', `Bearer ${admin}`),
  patch: (path: string, body: object) => h.http.patch(path).set('Authorization', `Bearer ${admin}`).send(body),
  post: (path: string, body: object) => h.http.post(path).set('Authorization', `Bearer ${admin}`).send(body),
};

async function settings(change: Record<string, unknown>): Promise<void> {
  const res = await api.patch('/api/settings', change);
  expect(res.status).toBe(200);
}

/** A fresh profile per scenario, Japanese, logged in as Admin on the given console page. */
async function openAsAdmin(path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    baseURL: served.base,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/admin/');
  await labelled(page, '企業コード').fill(companyCode);
  await labelled(page, 'ログインID').fill('Admin');
  await labelled(page, 'パスワード').fill(adminPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
  await page.goto(`/admin${path}`);
  return { context, page };
}

/** The control labelled exactly so, a required one's asterisk allowed. */
function labelled(scope: Page | ReturnType<Page['locator']>, label: string) {
  return scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
}

const current = (page: Page) => page.getByRole('group', { name: '(現在)所属' });
const transfer = (page: Page) => page.getByRole('region', { name: '(異動)' });
/** Waits until the name shown beside a code (所属部門名 …) reads so: the look-up answers after the typing. */
const nameReads = (scope: Page | ReturnType<Page['locator']>, label: string, name: string) =>
  scope
    .getByLabel(label, { exact: true })
    .filter({ hasText: new RegExp(`^${name}$`) })
    .waitFor();
const saved = (page: Page) => page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();

async function account(code: string): Promise<components['schemas']['Account']> {
  return (await getAccount(h, admin, code)) as components['schemas']['Account'];
}

describe('【アカウント登録】 in a browser (seed 004)', () => {
  it('registers an own account with every field (no password: 未発行), edits it, and saves Admin unchanged', async () => {
    await settings({ mfaEnabled: true, azureAdEnabled: true, smartphoneOptionEnabled: true, workStylePolicy: 'both' });
    const { context, page } = await openAsAdmin('/accounts/new');
    await withScreenshotOnFailure(page, 'accounts-register', async () => {
      await page.getByRole('heading', { name: 'アカウント登録 (新規)' }).waitFor();
      await labelled(page, 'アカウントコード').fill('N1001');
      await page.getByLabel('Webスマートフォン専用').check();
      await labelled(page, '姓').fill('新井');
      await labelled(page, '名').fill('一郎');
      await labelled(page, '姓(カナ)').fill('アライ');
      await labelled(page, '名(カナ)').fill('イチロウ');
      await labelled(page, '氏名略名').fill('新井一');
      await labelled(page, 'メールアドレス1').fill('n1001@example.test');
      await page.locator('#account-locale').selectOption('en');

      // Each code with its name as of the 適用日, from the look-ups.
      await labelled(current(page), '所属部門コード').fill('110');
      await labelled(current(page), 'コントロール部門コード').fill('100');
      await nameReads(current(page), '所属部門名', '東京営業部');
      await nameReads(current(page), 'コントロール部門名', '営業本部');
      await nameReads(current(page), '集計用コントロール部門名', '全社');
      await labelled(current(page), '所属部門コード').fill('999');
      await current(page).getByLabel('所属部門名', { exact: true }).getByText('該当なし').waitFor();
      await labelled(current(page), '所属部門コード').fill('110');

      // Registration offers active ranks only (課長 is made inactive in a later scenario; here all three are active).
      const rankGroup = page.getByRole('group', { name: '社員ランク' });
      await labelled(rankGroup, '社員ランク').selectOption({ label: '主任' });
      await labelled(page, 'Azure AD認証').fill('n1001@corp.example');
      await page.getByLabel('多要素認証:使用する').check();

      // 工数・勤怠一致対象 はい fixes both 入力省略 off.
      const matching = page.getByRole('radiogroup', { name: '工数・勤怠一致対象' });
      await matching.getByLabel('はい').check();
      await expect(page.getByLabel('勤務実績入力省略').isDisabled()).resolves.toBe(true);
      await expect(page.getByLabel('工数入力省略').isDisabled()).resolves.toBe(true);
      await page.getByText('工数・勤怠一致対象の間は、入力省略はチェックオフ固定です。').waitFor();
      await labelled(page, '勤務形態').selectOption({ label: 'フレックス勤務' });
      await labelled(page, '勤務実績入力方法').selectOption({ label: '月次一括入力' });
      await page.getByRole('radiogroup', { name: '裁量労働対象' }).getByLabel('はい').check();
      await page.getByLabel('稼働率・生産性の計算対象外とする').check();
      await labelled(page, '備考').fill('新卒');
      await page.getByText('空欄のまま登録すると、パスワードは「未発行」となり').waitFor();
      await page.getByRole('button', { name: '登録', exact: true }).click();
      await page.getByRole('heading', { name: 'アカウント登録 — N1001' }).waitFor();
      await nameReads(current(page), '所属部門名', '東京営業部');

      const created = await account('N1001');
      expect(created).toMatchObject({
        type: 'own',
        lastName: '新井',
        firstName: '一郎',
        lastNameKana: 'アライ',
        firstNameKana: 'イチロウ',
        shortName: '新井一',
        emails: ['n1001@example.test', null, null],
        locale: 'en',
        smartphoneOnly: true,
        azureAdId: 'n1001@corp.example',
        mfaEnabled: true,
        note: '新卒',
        passwordStatus: 'unissued',
        current: { departmentCode: '110', controlDepartmentCode: '100', reportingControlDepartmentCode: '0' },
        work: {
          effortAttendanceMatching: true,
          workStyle: 'flex',
          attendanceInputMethod: 'monthly',
          attendanceInputSkip: false,
          effortInputSkip: false,
          discretionaryLabour: true,
          excludedFromUtilization: true,
        },
      });
      expect(created.ranks.map((row) => row.rankCode)).toEqual(['R2']);

      // Edit: every change saved by 更新; 一致対象 いいえ frees 工数入力省略.
      await labelled(page, '氏名略名').fill('新井');
      await labelled(page, 'メールアドレス2').fill('n1001-home@example.test');
      await page.getByLabel('ログイン不可').check();
      await page.getByRole('radiogroup', { name: '工数・勤怠一致対象' }).getByLabel('いいえ').check();
      await page.getByLabel('工数入力省略').check();
      await labelled(page, '工数入力方法').selectOption({ label: '月次一括入力' });
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await saved(page);
      expect(await account('N1001')).toMatchObject({
        shortName: '新井',
        emails: ['n1001@example.test', 'n1001-home@example.test', null],
        loginDisabled: true,
        work: { effortAttendanceMatching: false, effortInputSkip: true, effortInputMethod: 'monthly' },
      });

      // An error names the screen's label, beside the field and in the message.
      await labelled(page, '氏名略名').fill('');
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '氏名略名' }).waitFor();
      expect(await page.getByRole('alert').first().innerText()).not.toContain('shortName');
      expect(await page.locator('.field-error').first().innerText()).not.toContain('shortName');
      // Beside the field, what is wrong in the screen's words (not the validator's English).
      expect(await page.locator('.field-error').first().innerText()).toBe('入力してください(必須)。');
      // In English too: the message names the label, not the API's field.
      await page.getByRole('banner').getByLabel('表示言語').selectOption('en');
      await page.getByRole('button', { name: 'Update', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Short name' }).waitFor();
      expect(await page.getByRole('alert').first().innerText()).not.toContain('shortName');
      expect(await page.getByRole('alert').first().innerText()).not.toMatch(/Too small|expected string/);
      expect(await page.locator('.field-error').first().innerText()).toBe('Required.');
      await page.getByRole('banner').getByLabel('Language').selectOption('ja');
      // キャンセル puts back what is saved.
      await page.getByRole('button', { name: 'キャンセル' }).click();
      await expect(labelled(page, '氏名略名').inputValue()).resolves.toBe('新井');

      // Admin as the bootstrap and demo data left it saves unchanged; its Azure AD id cannot be set.
      await page.goto('/admin/accounts/Admin');
      await page.getByRole('heading', { name: 'アカウント登録 — Admin' }).waitFor();
      await expect(labelled(page, 'Azure AD認証').isDisabled()).resolves.toBe(true);
      await page.getByText('システム管理者(Admin)には設定できません。').waitFor();
      const before = await account('Admin');
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await saved(page);
      const after = await account('Admin');
      expect(after).toMatchObject({ shortName: '管理者', azureAdId: null, work: before.work, current: before.current });
      expect(after.ranks).toEqual(before.ranks);
      // 新規 opens an empty registration.
      await page.getByRole('link', { name: '新規', exact: true }).click();
      await page.getByRole('heading', { name: 'アカウント登録 (新規)' }).waitFor();
      await expect(labelled(page, '姓').inputValue()).resolves.toBe('');
    });
    await context.close();
  });

  it('enters a transfer (異動) with the names as of its date, changes it and cancels it', async () => {
    const { context, page } = await openAsAdmin('/accounts/E0001');
    const first = daysFrom(today, 30);
    const second = daysFrom(today, 60);
    await withScreenshotOnFailure(page, 'accounts-transfer', async () => {
      await page.getByText('異動は登録されていません。').waitFor();
      await nameReads(current(page), '所属部門名', '東京営業部');
      // A date not after the current one: refused, and the message names (異動)適用日.
      await labelled(transfer(page), '適用日').fill(today);
      await labelled(transfer(page), '所属部門コード').fill('210');
      await page.getByRole('button', { name: '異動を登録' }).click();
      await page.getByRole('alert').filter({ hasText: 'TRANSFER_NOT_AFTER_CURRENT' }).waitFor();
      expect((await account('E0001')).transfer).toBeNull();

      await labelled(transfer(page), '適用日').fill(first);
      await labelled(transfer(page), 'コントロール部門コード').fill('200');
      await nameReads(transfer(page), '所属部門名', '第一開発部');
      await nameReads(transfer(page), 'コントロール部門名', '開発本部');
      await page.getByRole('button', { name: '異動を登録' }).click();
      await page.getByText('異動を保存しました。').waitFor();
      await page.getByText(`${first} に適用される異動があります。`).waitFor();
      expect((await account('E0001')).transfer).toMatchObject({
        effectiveDate: first,
        departmentCode: '210',
        controlDepartmentCode: '200',
        reportingControlDepartmentCode: '0',
        roleCode: 'employee',
      });

      await labelled(transfer(page), '適用日').fill(second);
      await labelled(transfer(page), '所属部門コード').fill('200');
      await nameReads(transfer(page), '所属部門名', '開発本部');
      await page.getByRole('button', { name: '異動を変更' }).click();
      await page.getByText(`${second} に適用される異動があります。`).waitFor();
      expect((await account('E0001')).transfer).toMatchObject({ effectiveDate: second, departmentCode: '200' });
      // The current assignment is untouched until the date.
      expect((await account('E0001')).current).toMatchObject({ departmentCode: '110' });

      // Asked first: キャンセル keeps it, 異動を取消 in the dialog cancels it.
      await page.getByRole('button', { name: '異動を取消' }).click();
      const confirm = page.getByRole('dialog', { name: '異動を取消' });
      await confirm.getByText(`${second} に適用される異動を取り消します。`).waitFor();
      await confirm.getByRole('button', { name: 'キャンセル' }).click();
      await confirm.waitFor({ state: 'hidden' });
      expect((await account('E0001')).transfer).toMatchObject({ effectiveDate: second });
      await page.getByRole('button', { name: '異動を取消' }).click();
      await confirm.getByRole('button', { name: '異動を取消' }).click();
      await page.getByText('異動を取り消しました。').waitFor();
      await page.getByText('異動は登録されていません。').waitFor();
      expect((await account('E0001')).transfer).toBeNull();
    });
    await context.close();
  });

  it('adds an inactive rank (*) to the history of an existing account; registration does not offer it', async () => {
    expect((await api.patch('/api/ranks/R3', { active: false })).status).toBe(200);
    const { context, page } = await openAsAdmin('/accounts/E0002');
    const month = daysFrom(today, 40).slice(0, 7);
    await withScreenshotOnFailure(page, 'accounts-rank', async () => {
      const history = page.getByRole('region', { name: '社員ランク' });
      await history.getByRole('cell', { name: '一般' }).waitFor();
      await labelled(history, '適用年月').fill(month);
      await labelled(history, '社員ランク').selectOption({ label: '課長 *' });
      await history.getByRole('button', { name: '行を追加' }).click();
      await saved(page);
      await history.getByRole('cell', { name: '課長 *' }).waitFor();
      const ranks = (await account('E0002')).ranks;
      expect(ranks.find((row) => row.effectiveMonth === month)).toMatchObject({ rankCode: 'R3', active: false });

      await page.goto('/admin/accounts/new');
      const registrationRanks = labelled(page.getByRole('group', { name: '社員ランク' }), '社員ランク');
      await registrationRanks.locator('option', { hasText: '一般' }).waitFor({ state: 'attached' });
      const offered = await registrationRanks.locator('option').allInnerTexts();
      expect(offered).toEqual(['—', '一般', '主任']);
    });
    await context.close();
    expect((await api.patch('/api/ranks/R3', { active: true })).status).toBe(200);
  });

  it('unlocks a locked-out account and clears its failed logins (ロックアウト解除, ログイン失敗クリア)', async () => {
    await settings({ lockoutThreshold: 3 });
    await createAccount(h, admin, { code: 'L0001', ranks: [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }] });
    for (let i = 0; i < 3; i++) expect((await login(h, 'L0001', 'wrong-passw0rd')).status).toBe(401);
    expect((await account('L0001')).lockedAt).not.toBeNull();
    const { context, page } = await openAsAdmin('/accounts/L0001');
    await withScreenshotOnFailure(page, 'accounts-lockout', async () => {
      await page.getByText(/日間に3回ログイン失敗/).waitFor();
      await page.getByRole('button', { name: 'ロックアウト解除' }).click();
      await page.getByText('L0001 のロックアウトを解除しました。').waitFor();
      expect((await account('L0001')).lockedAt).toBeNull();
      await expect(page.getByRole('button', { name: 'ロックアウト解除' }).isDisabled()).resolves.toBe(true);

      // Unlocking starts the count afresh; a failure before a lockout is cleared with ログイン失敗クリア.
      expect((await login(h, 'L0001', 'wrong-passw0rd')).status).toBe(401);
      await page.reload();
      await page.getByText(/日間に1回ログイン失敗/).waitFor();
      await page.getByRole('button', { name: 'ログイン失敗クリア' }).click();
      await page.getByText('L0001 のログイン失敗回数をクリアしました。').waitFor();
      expect((await account('L0001')).failedLoginCount).toBe(0);
      await expect(page.getByRole('button', { name: 'ログイン失敗クリア' }).isDisabled()).resolves.toBe(true);
    });
    await context.close();
    await settings({ lockoutThreshold: 10 });
  });

  it('resets the MFA of an account whose MFA is set (多要素認証設定初期化)', async () => {
    await settings({ mfaEnabled: true });
    const password = 'Mfa-account-passw0rd';
    await createAccount(h, admin, {
      code: 'M0001',
      password,
      mustChangePassword: false,
      mfaEnabled: true,
      ranks: [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }],
    });
    await enrolMfa(h, (await login(h, 'M0001', password)).body.token as string);
    expect((await account('M0001')).mfaStatus).toBe('set');

    const { context, page } = await openAsAdmin('/accounts/M0001');
    await withScreenshotOnFailure(page, 'accounts-mfa-reset', async () => {
      const security = page.getByRole('region', { name: 'ログイン・ロックアウト' });
      await security.getByText('設定済').waitFor();
      await page.getByRole('button', { name: '多要素認証設定初期化' }).click();
      await page.getByText('多要素認証設定を初期化しました。').waitFor();
      await security.getByText('未設定').waitFor();
      expect((await account('M0001')).mfaStatus).toBe('unset');
    });
    await context.close();
  });

  it('refuses to delete an account in use (a project member) and Admin; deletes an unused one', async () => {
    await createAccount(h, admin, { code: 'D0001', ranks: [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }] });
    await createAccount(h, admin, { code: 'D0002', ranks: [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }] });
    const project = await api.post('/api/projects', {
      code: 'P2026001-01',
      name: '基幹刷新',
      members: [{ accountCode: 'D0001', projectRole: 'member' }],
    });
    expect(project.status).toBe(201);
    const { context, page } = await openAsAdmin('/accounts/D0001');
    page.on('dialog', (dialog) => void dialog.accept());
    await withScreenshotOnFailure(page, 'accounts-delete', async () => {
      await page.getByRole('heading', { name: 'アカウント登録 — D0001' }).waitFor();
      await page.locator('form').getByRole('button', { name: '削除', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'ACCOUNT_IN_USE_PROJECT' }).waitFor();
      expect((await api.get('/api/accounts/D0001')).status).toBe(200);

      await page.goto('/admin/accounts/Admin');
      await page.getByRole('heading', { name: 'アカウント登録 — Admin' }).waitFor();
      await page.locator('form').getByRole('button', { name: '削除', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'SYSTEM_ADMINISTRATOR' }).waitFor();
      expect((await api.get('/api/accounts/Admin')).status).toBe(200);

      await page.goto('/admin/accounts/D0002');
      await page.getByRole('heading', { name: 'アカウント登録 — D0002' }).waitFor();
      await page.locator('form').getByRole('button', { name: '削除', exact: true }).click();
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
      expect((await api.get('/api/accounts/D0002')).status).toBe(404);
    });
    await context.close();
  });

  it('follows the settings: switched-off features are not shown, codes are numbered, work style by policy and type', async () => {
    await settings({
      mfaEnabled: false,
      azureAdEnabled: false,
      smartphoneOptionEnabled: false,
      accountCodeNumbering: 'auto',
      workStylePolicy: 'flex-only',
    });
    const { context, page } = await openAsAdmin('/accounts/new');
    try {
      await withScreenshotOnFailure(page, 'accounts-settings', async () => {
        await page.getByText('アカウントコードは登録時に自動で採番されます。').waitFor();
        for (const label of ['アカウントコード', 'Webスマートフォン専用', 'Azure AD認証', '多要素認証:使用する']) {
          expect(await labelled(page, label).count()).toBe(0);
        }
        expect(await labelled(page, '勤務形態').locator('option').allInnerTexts()).toEqual(['フレックス勤務']);

        // 委託先: both work styles, no 裁量労働; 顧客: no work style at all.
        await page.getByRole('radiogroup', { name: 'アカウント種別' }).getByLabel('委託先').check();
        expect(await labelled(page, '勤務形態').locator('option').allInnerTexts()).toEqual([
          '一般勤務',
          'フレックス勤務',
        ]);
        const discretionary = page.getByRole('radiogroup', { name: '裁量労働対象' });
        await expect(discretionary.getByLabel('はい').isDisabled()).resolves.toBe(true);
        await labelled(page, '委託先コード').fill('ACME-01');
        await nameReads(page, '委託先名', '株式会社アクメ');

        await page.getByRole('radiogroup', { name: 'アカウント種別' }).getByLabel('顧客').check();
        await expect(labelled(page, '勤務形態').isDisabled()).resolves.toBe(true);
        await page.getByText('顧客は勤務形態を選択できません。').waitFor();
        await labelled(page, '姓').fill('顧客');
        await labelled(page, '名').fill('花子');
        await labelled(page, '氏名略名').fill('顧客花');
        await page.getByRole('button', { name: '登録', exact: true }).click();
        await page.getByRole('heading', { name: /^アカウント登録 — \d{6}$/ }).waitFor();
        const code = (await page.getByRole('heading', { level: 1 }).innerText()).split('— ')[1]!;
        expect(await account(code)).toMatchObject({
          type: 'customer',
          work: { workStyle: null, discretionaryLabour: false },
          passwordStatus: 'unissued',
        });
        // On an existing account too: no MFA status or reset, no Azure AD id.
        expect(await page.getByText('多要素認証設定状況').count()).toBe(0);
        expect(await page.getByRole('button', { name: '多要素認証設定初期化' }).count()).toBe(0);
        await page.getByRole('button', { name: '更新', exact: true }).click();
        await saved(page);
      });
    } finally {
      await context.close();
      await settings({ accountCodeNumbering: 'manual', workStylePolicy: 'both' });
    }
  });

  it('CSV: the README sample imports cleanly; errors block 取込実行 and name the column; the column list and template', async () => {
    const { context, page } = await openAsAdmin('/import');
    const sample = readFileSync(join(__dirname, '..', 'samples', 'accounts.csv'));
    await withScreenshotOnFailure(page, 'accounts-csv', async () => {
      await page.getByRole('heading', { name: 'CSV取込' }).waitFor();
      // A file with an own account without a rank: the column is named as the header names it.
      const [header] = sample.toString('utf8').split('\r\n');
      const bad = `${header}\r\nB0001,自社,山田,太郎,ヤマダ,タロウ,山田太,b@example.test,2026-04-01,0,0,0,employee,,\r\n`;
      await page.getByLabel('CSVファイル').setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(bad, 'utf8'),
      });
      await page.getByRole('button', { name: '確認(取り込まずにチェック)' }).click();
      await page.getByText('1 行: 新規 0 / 更新 0 / 変更なし 0 / エラー 1').waitFor();
      const cells = await page.locator('tbody tr').first().locator('td').allInnerTexts();
      expect(cells.slice(0, 4)).toEqual(['2', 'B0001', 'エラー', '社員ランク']);
      expect(cells[4]).toContain('RANK_REQUIRED');
      await page.getByText('エラーの行があるため取込実行できません。').waitFor();
      await expect(page.getByRole('button', { name: '取込実行' }).isDisabled()).resolves.toBe(true);

      await page
        .getByLabel('CSVファイル')
        .setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: sample });
      await page.getByRole('button', { name: '確認(取り込まずにチェック)' }).click();
      await page.getByText('10 行: 新規 10 / 更新 0 / 変更なし 0 / エラー 0').waitFor();
      await page.getByRole('button', { name: '取込実行' }).click();
      const done = page.getByText('取込が完了しました: 新規 10 / 更新 0 / 変更なし 0 / エラー 0');
      await done.waitFor({ timeout: 30_000 });
      expect(await done.getAttribute('class')).toBe('notice');
      expect(await account('S0009')).toMatchObject({ shortName: '小林大輔', roleCode: 'user-admin' });
      expect((await account('S0001')).ranks).toEqual([
        { effectiveMonth: '2026-04', rankCode: 'R1', rankName: '一般', active: true },
      ]);

      // Rows that pass the check but fail when applied (the rank became inactive in between): the end is no success.
      const late = `${header}\r\nT0001,自社,松本,一,マツモト,ハジメ,松本一,,2026-04-01,0,0,0,employee,2026-04,R1\r\n`;
      await page.getByLabel('CSVファイル').setInputFiles({
        name: 'late.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(late, 'utf8'),
      });
      await page.getByRole('button', { name: '確認(取り込まずにチェック)' }).click();
      await page.getByText('1 行: 新規 1 / 更新 0 / 変更なし 0 / エラー 0').waitFor();
      expect((await api.patch('/api/ranks/R1', { active: false })).status).toBe(200);
      try {
        await page.getByRole('button', { name: '取込実行' }).click();
        const failed = page.getByText('取込が終了しましたが、1 行はエラーのため取り込まれていません', { exact: false });
        await failed.waitFor({ timeout: 30_000 });
        expect(await failed.getAttribute('class')).toBe('warning');
        expect((await api.get('/api/accounts/T0001')).status).toBe(404);
      } finally {
        expect((await api.patch('/api/ranks/R1', { active: true })).status).toBe(200);
      }

      // The column list, and a template whose header is the list's (in Japanese).
      await page.getByText('取込できる列').first().click();
      await page.getByRole('cell', { name: '社員ランク適用年月' }).waitFor();
      const typeRow = page.locator('tr', { has: page.getByRole('cell', { name: 'アカウント種別', exact: true }) });
      expect(await typeRow.locator('td').allInnerTexts()).toEqual(['アカウント種別', 'type', '自社 / 委託先 / 顧客']);
      const [template] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'テンプレート(CSV)をダウンロード' }).click(),
      ]);
      const [templateHeader] = parse(readFileSync((await template.path())!), { bom: true }) as string[][];
      expect(templateHeader!.slice(0, 3)).toEqual(['アカウントコード', 'アカウント種別', '委託先/顧客コード']);
      expect(templateHeader).toContain('社員ランク');
      expect(templateHeader).not.toContain('パスワード');
    });
    await context.close();

    // The export writes values in its header's language: 自社 under アカウント種別, own under type.
    const exported = async (language: string) =>
      parse((await api.get('/api/exports/accounts?code=S0001').set('Accept-Language', language)).text, {
        bom: true,
      }) as string[][];
    const [jaHeader, jaRow] = await exported('ja');
    expect(jaRow![jaHeader!.indexOf('アカウント種別')]).toBe('自社');
    expect(jaRow![jaHeader!.indexOf('勤務形態')]).toBe('一般');
    const [enHeader, enRow] = await exported('en');
    expect(enRow![enHeader!.indexOf('type')]).toBe('own');
  });
});

describe('what the account screens read of the company (GET /api/settings/features, the import columns and template)', () => {
  const rank = [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }];
  async function sessionOf(code: string, roleCode: string): Promise<string> {
    await registerReady(h, admin, code, roleCode, { ranks: rank });
    return sessionToken(h, companyCode, code, defaultInitialPassword);
  }
  const as = (token: string, path: string) => h.http.get(path).set('Authorization', `Bearer ${token}`);

  it('answers every account reader, a custom role too, with its own company’s switches; refuses the others', async () => {
    await settings({ minPasswordLength: 16, workStylePolicy: 'general-only' });
    await defineRole(h, admin, 'hr-viewer', ['accounts:read']);
    await defineRole(h, admin, 'hr-importer', ['accounts:read', 'accounts:write']);
    const employee = await sessionOf('F0001', 'employee');
    const viewer = await sessionOf('F0002', 'hr-viewer');
    const importer = await sessionOf('F0003', 'hr-importer');
    const other = await otherCompanyAdmin(h);

    const features = await as(viewer, '/api/settings/features');
    expect(features.status).toBe(200);
    expect(features.body).toMatchObject({ minPasswordLength: 16, workStylePolicy: 'general-only' });
    expect(features.body).not.toHaveProperty('azureAdClientId');
    const ofOther = await as(other, '/api/settings/features');
    expect(ofOther.status).toBe(200);
    expect(ofOther.body).toMatchObject({ workStylePolicy: 'both' });
    expect(ofOther.body.minPasswordLength).not.toBe(16);
    const refused = await as(employee, '/api/settings/features');
    expect(refused.status).toBe(403);

    // The import's columns and template: for those who may import (accounts:write).
    for (const path of ['/api/account-imports/columns', '/api/account-imports/template']) {
      expect((await as(employee, path)).status).toBe(403);
      expect((await as(viewer, path)).status).toBe(403);
      expect((await as(importer, path)).status).toBe(200);
    }
    const columns = (await as(importer, '/api/account-imports/columns')).body.items as { key: string }[];
    expect(columns.map((column) => column.key)).toContain('rankCode');
    expect(columns.map((column) => column.key)).not.toContain('passwordStatus');
    const template = await as(other, '/api/account-imports/template').set('Accept-Language', 'en');
    expect(template.status).toBe(200);
    expect(
      template.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(',')
        .slice(0, 2),
    ).toEqual(['code', 'type']);
    await settings({ minPasswordLength: 12, workStylePolicy: 'both' });
  });
});
