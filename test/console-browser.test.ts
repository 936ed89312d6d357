import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { adminToken, createAccount, credentialsFrom, eventually, login, verificationPath } from './support/api';
import { field, launchBrowser, logInToConsole, serveApp, withScreenshotOnFailure } from './support/browser';
import { adminPassword, createHarness, type Harness } from './support/harness';

let h: Harness;
let admin: string;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  [h, browser] = await Promise.all([createHarness({ temporal: 'local' }), launchBrowser()]);
  admin = await adminToken(h);
  served = await serveApp(h);
  const accounts: Record<string, unknown>[] = [
    {
      code: 'S0001',
      lastName: '佐藤',
      firstName: '花子',
      lastNameKana: 'サトウ',
      firstNameKana: 'ハナコ',
      shortName: '佐藤花',
    },
    {
      code: 'S0002',
      lastName: '鈴木',
      firstName: '一郎',
      lastNameKana: 'スズキ',
      firstNameKana: 'イチロウ',
      shortName: '鈴木',
    },
    {
      code: 'S0003',
      type: 'customer',
      lastName: '佐藤',
      firstName: '次郎',
      lastNameKana: 'サトウ',
      firstNameKana: 'ジロウ',
      shortName: '佐藤次',
    },
    { code: 'E0001', lastName: '伊藤', firstName: '一', emails: ['e0001@example.test', 'e0001-home@example.test'] },
    { code: 'E0002', lastName: '伊藤', firstName: '二', emails: ['shared@example.test'] },
    { code: 'E0003', lastName: '伊藤', firstName: '三' },
    { code: 'E0004', lastName: '伊藤', firstName: '四', emails: ['shared@example.test'] },
    { code: 'P0001', lastName: '山本', firstName: '印刷' },
    { code: 'U0001', lastName: '管理', firstName: '花子', roleCode: 'user-admin' },
  ];
  for (const account of accounts) await createAccount(h, admin, account);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await h?.teardown();
});

/** A fresh browser profile (no cookies) per scenario, Japanese, 1280 px wide unless told otherwise. */
async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP', baseURL: served.base, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Waits until the cells of a column read exactly so (the list re-renders when its answer arrives). */
async function columnReads(page: Page, column: number, expected: string[]): Promise<void> {
  await eventually(async () => {
    expect(await page.locator(`table.list tbody tr td:nth-child(${column})`).allInnerTexts()).toEqual(expected);
  }, 10_000);
}

/** Searches the account list by code prefix and waits for the count. */
async function searchCode(page: Page, prefix: string, count: number): Promise<void> {
  await field(page, 'アカウントコード').fill(prefix);
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.getByText(`${count} 件中 1–${count} 件`).waitFor();
}

const logIn = logInToConsole;

describe('the admin console in a browser', () => {
  it('logs the admin in with a session cookie the page cannot read, switches to English and back, and logs out', async () => {
    const { context, page } = await newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      // 401s (before login, the wrong password) are answers the console expects, not script errors.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await withScreenshotOnFailure(page, 'login', async () => {
      await logIn(page, 'Admin', 'wrong-password-1');
      await page.getByRole('alert').filter({ hasText: 'INVALID_CREDENTIALS' }).waitFor();

      await field(page, 'パスワード').fill(adminPassword);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
      expect(page.url()).toBe(`${served.base}/admin/accounts`);

      const cookies = await context.cookies();
      expect(cookies.find((cookie) => cookie.name === 'wc_session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
      });
      expect(await page.evaluate('document.cookie')).not.toContain('wc_session');
      expect(await page.evaluate('JSON.stringify(localStorage)')).not.toMatch(/[A-Za-z0-9_-]{43}/);

      // English is the second language: the switch in the header, remembered on this browser.
      await page.getByLabel('表示言語').selectOption('en');
      await page.getByRole('heading', { name: 'Accounts' }).waitFor();
      await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
      await page.getByLabel('Language').selectOption('ja');
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();

      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('heading', { name: '管理者ログイン' }).waitFor();
      expect((await context.cookies()).find((cookie) => cookie.name === 'wc_session')).toBeUndefined();
      // No CSP violation or script error on the way (helmet's CSP: scripts from 'self' only).
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it('searches with the filters of アカウント一覧, pages and sorts on the server', async () => {
    const { context, page } = await newPage();
    await withScreenshotOnFailure(page, 'search', async () => {
      await logIn(page);
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
      await page.getByText('10 件中 1–10 件').waitFor();

      await field(page, '氏名').fill('佐藤');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('2 件中 1–2 件').waitFor();
      await columnReads(page, 2, ['S0001', 'S0003']);
      expect(page.url()).toContain('name=%E4%BD%90%E8%97%A4');

      await page.getByLabel('アカウント種別').selectOption('customer');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('1 件中 1–1 件').waitFor();
      await columnReads(page, 2, ['S0003']);

      await page.getByRole('button', { name: 'リセット' }).click();
      await field(page, '氏名カナ').fill('さとう');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('2 件中 1–2 件').waitFor();

      // Sorting by code, descending: the server orders the page.
      await page.getByRole('button', { name: /^アカウントコード/ }).click();
      await page.waitForURL(/order=desc/);
      await page
        .getByRole('columnheader', { name: /アカウントコード/ })
        .and(page.locator('[aria-sort=descending]'))
        .waitFor();
      await columnReads(page, 2, ['S0003', 'S0001']);

      // Paging: 50 a page over the whole list would be one page; the code prefix shows the pager's counts.
      await page.getByRole('button', { name: 'リセット' }).click();
      await searchCode(page, 'E', 4);
      await expect(page.getByRole('button', { name: '次へ' }).isDisabled()).resolves.toBe(true);
    });
    await context.close();
  });

  it('bulk e-mail: preview with 未設定 and duplicates, a typed address, confirmation, progress to the end, and the mail to the credentials', async () => {
    const { context, page } = await newPage();
    await withScreenshotOnFailure(page, 'bulk-email', async () => {
      await logIn(page);
      await searchCode(page, 'E', 4);
      await page.getByLabel('このページのアカウントをすべて選択').check();
      await page.getByText('4 件選択中').waitFor();
      await page.getByRole('button', { name: '選択してメールで発行' }).click();

      await page.getByRole('heading', { name: 'パスワード一括発行(メール)' }).waitFor();
      const line = (code: string) =>
        page.locator('tbody tr', { has: page.getByRole('cell', { name: code, exact: true }) });
      await line('E0003').getByText('未設定', { exact: true }).waitFor();
      await expect(page.getByLabel('E0003 に送信する').isDisabled()).resolves.toBe(true);
      await page.getByRole('alert').filter({ hasText: 'shared@example.test' }).waitFor();
      expect(await line('E0002').getByText('重複').count()).toBe(1);

      // Slot 2 for E0001, a typed address for E0003 (saved as メールアドレス1), then ticked.
      await page.getByLabel('E0001 の送信アドレス').selectOption('2');
      await line('E0001').getByText('e0001-home@example.test').waitFor();
      await page.getByRole('button', { name: 'E0003 のメールアドレスを入力' }).click();
      await page.getByLabel('E0003 のメールアドレス').fill('e0003@example.test');
      await line('E0003').getByRole('button', { name: '設定' }).click();
      await line('E0003').getByText('e0003@example.test').waitFor();
      await page.getByLabel('E0003 に送信する').check();
      await page.getByText('4 人中 4 人を選択').waitFor();

      await page.getByRole('button', { name: '認証要求メール送信' }).click();
      const dialog = page.getByRole('dialog', { name: '確認' });
      await dialog.getByText(/約 \d+ 秒/).waitFor();
      await dialog.getByText(/4/).first().waitFor();
      await dialog.getByRole('button', { name: 'OK' }).click();

      await page.getByRole('heading', { name: '認証要求メール一括送信' }).waitFor();
      await page.getByText('すべての認証要求メールの送信処理が完了しました。').waitFor({ timeout: 30_000 });
      await page.getByRole('heading', { name: '実行結果' }).waitFor();
      const results = page.locator('table.list tbody tr');
      await expect(results.count()).resolves.toBe(4);
      expect(await results.locator('td:nth-child(4)').allInnerTexts()).toEqual([
        '認証待ち',
        '認証待ち',
        '認証待ち',
        '認証待ち',
      ]);
      expect(await results.locator('td:nth-child(3)').allInnerTexts()).toEqual([
        'e0001-home@example.test',
        'shared@example.test',
        'e0003@example.test',
        'shared@example.test',
      ]);
    });

    // E0003 follows the mail (to the address typed in the console): 認証する, then the credentials log in.
    const mail = await h.smtp.waitFor(
      (m) => m.to.includes('e0003@example.test') && m.subject.includes('アカウント認証依頼'),
    );
    const employee = await context.newPage();
    await withScreenshotOnFailure(employee, 'bulk-email-verify', async () => {
      await employee.goto(verificationPath(mail));
      await employee.getByRole('button', { name: '認証する' }).click();
      await employee
        .getByText(/ログイン情報/)
        .first()
        .waitFor();
    });
    const credentials = credentialsFrom(
      await h.smtp.waitFor((m) => m.to.includes('e0003@example.test') && m.subject.includes('ログイン情報のお知らせ')),
    );
    expect(credentials.loginId).toBe('E0003');
    expect((await login(h, credentials.loginId, credentials.password)).status).toBe(200);
    await context.close();
  });

  it('issues one PDF notice from the 未発行 link and downloads it by clicking, once', async () => {
    const { context, page } = await newPage();
    await withScreenshotOnFailure(page, 'pdf', async () => {
      await logIn(page);
      await searchCode(page, 'P0001', 1);
      await page.locator('tbody tr').getByRole('link', { name: '未発行' }).click();
      await page.getByRole('heading', { name: 'パスワード通知書(PDF)' }).waitFor();
      await page.getByRole('cell', { name: '新規発行' }).waitFor();
      await page.getByRole('button', { name: '発行する' }).click();

      const link = page.getByRole('link', { name: 'ダウンロード' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByText('ダウンロードしました。発行ステータス:PDF発行済').waitFor();
      const path = (await link.count()) === 0 ? undefined : await link.getAttribute('href');
      expect(path).toBeUndefined();

      await page.getByRole('link', { name: 'アカウント一覧に戻る' }).last().click();
      await searchCode(page, 'P0001', 1);
      await page.locator('tbody tr td:nth-child(8)').getByText('発行済', { exact: true }).waitFor();

      // Reissue stays a per-account action: a bulk run leaves P0001 out (ALREADY_ISSUED), its own 再発行 does not.
      await page.locator('tbody tr').getByRole('link', { name: 'P0001' }).click();
      await page.getByRole('link', { name: 'パスワード通知書(PDF)' }).click();
      await page.getByRole('cell', { name: '再発行(現在のパスワードは初期化されます)' }).waitFor();
      await page.getByRole('button', { name: '発行する' }).click();
      await page.getByRole('link', { name: 'ダウンロード' }).waitFor();
    });
    await context.close();
  });

  it('a user-admin changes the forced password, sees no settings, cannot grant system-admin (hidden, and refused by the API), gets inline errors, and changes its own address only with its password again', async () => {
    const { context, page } = await newPage();
    await withScreenshotOnFailure(page, 'user-admin', async () => {
      await logIn(page, 'U0001', 'Initial-passw0rd');
      await page.getByRole('heading', { name: 'パスワード変更' }).waitFor();
      await field(page, '現在のパスワード').fill('Initial-passw0rd');
      await field(page, '新しいパスワード').fill('User-admin-passw0rd-1');
      await field(page, '新しいパスワード(確認)').fill('User-admin-passw0rd-1');
      await page.getByRole('button', { name: '変更する' }).click();
      await page.getByRole('status').filter({ hasText: 'パスワードを変更しました。' }).waitFor();
      await page.getByRole('button', { name: '続ける' }).click();
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();

      const menu = page.getByRole('navigation', { name: '管理者メニュー' });
      await menu.getByRole('link', { name: 'アカウント一覧' }).waitFor();
      expect(await menu.getByRole('link', { name: '基本設定' }).count()).toBe(0);
      await page.goto('/admin/settings');
      await page.getByRole('alert').filter({ hasText: 'この画面を使う権限がありません。' }).waitFor();
      // マスタ: readable, but without reference:write no add form and no edit or delete buttons.
      await page.goto('/admin/reference');
      await page.getByRole('treeitem').filter({ hasText: '全社' }).waitFor();
      expect(await page.getByRole('button', { name: /^(追加|編集|削除)/ }).count()).toBe(0);

      await page.goto('/admin/accounts/new');
      const roles = page.getByLabel('アカウントロール').first();
      await roles.locator('option', { hasText: 'user-admin' }).waitFor({ state: 'attached' });
      const offered = await roles.locator('option').allInnerTexts();
      expect(offered.some((text) => text.includes('system-admin'))).toBe(false);
      expect(offered.some((text) => text.includes('user-admin'))).toBe(true);

      // The API refuses it anyway, through the same cookie session and CSRF token the console uses.
      const refused = (await page.evaluate(`(async () => {
        const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('wc_csrf=')).slice(8));
        const res = await fetch('/api/accounts', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({ code: 'X0001', type: 'own', lastName: '上', firstName: '位', shortName: '上位',
            password: 'Initial-passw0rd', current: { effectiveDate: '2026-04-01', departmentCode: '0',
            controlDepartmentCode: '0', reportingControlDepartmentCode: '0', roleCode: 'system-admin' } }),
        });
        return { status: res.status, body: await res.json() };
      })()`)) as { status: number; body: { error: { code: string } } };
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('ROLE_ABOVE_OWN');

      // Registration: the API's field error appears beside its field.
      await field(page, 'アカウントコード').fill('N0001');
      await field(page, '姓').fill('新井');
      await field(page, '名').fill('登録');
      await field(page, 'パスワード').fill('New-account-passw0rd');
      await page.getByRole('button', { name: '登録', exact: true }).click();
      const shortName = field(page, '氏名略名');
      await page.locator('input[aria-invalid=true]').first().waitFor();
      expect(await shortName.getAttribute('aria-invalid')).toBe('true');
      await shortName.fill('新井');
      await page.getByRole('button', { name: '登録', exact: true }).click();
      await page.getByRole('heading', { name: /アカウント登録 — N0001/ }).waitFor();

      // Its own addresses change only with the current password again (本人確認, step-up).
      await page.goto('/admin/accounts/U0001');
      await field(page, 'メールアドレス1').fill('u0001-new@example.test');
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'STEP_UP_REQUIRED' }).waitFor();
      await field(page, '現在のパスワード').fill('User-admin-passw0rd-1');
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await page.getByText('保存しました。').waitFor();
    });
    await context.close();
  });

  it('CSV: uploads a UTF-8 file with Japanese names, reads the dry-run table, applies to the end, and exports them', async () => {
    const { context, page } = await newPage();
    const header =
      'アカウントコード,アカウント種別,姓,名,姓(カナ),名(カナ),氏名略名,メールアドレス1,適用日,所属部門コード,コントロール部門コード,集計用コントロール部門コード,アカウントロール';
    const csv = [
      header,
      'C0001,自社,渡辺,美咲,ワタナベ,ミサキ,渡辺美咲,c0001@example.test,2026-04-01,0,0,0,employee',
      'C0002,自社,小林,健太,コバヤシ,ケンタ,小林健太,,2026-04-01,0,0,0,employee',
      'C0003,自社,加藤,さくら,カトウ,サクラ,加藤さくら,not-an-address,2026-04-01,0,0,0,employee',
      'C0004,自社,吉田,翔,ヨシダ,ショウ,吉田翔,c0004@example.test,2026-04-01,0,0,0,employee',
    ].join('\r\n');
    await withScreenshotOnFailure(page, 'csv-import', async () => {
      await logIn(page);
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
      await page
        .getByRole('navigation', { name: '管理者メニュー' })
        .getByRole('link', { name: 'CSV取込/出力' })
        .click();
      await page.getByRole('heading', { name: 'CSV取込' }).waitFor();
      await page.getByLabel('CSVファイル').setInputFiles({
        name: '新入社員.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.getByRole('button', { name: '確認(取り込まずにチェック)' }).click();
      await page.getByText('4 行: 新規 3 / 更新 0 / 変更なし 0 / エラー 1').waitFor();
      const line = (code: string) =>
        page.locator('tbody tr', { has: page.getByRole('cell', { name: code, exact: true }) });
      expect(await line('C0001').locator('td').allInnerTexts()).toEqual(['2', 'C0001', '新規', '', '']);
      const bad = await line('C0003').locator('td').allInnerTexts();
      expect(bad.slice(0, 4)).toEqual(['4', 'C0003', 'エラー', 'email1']);
      expect(bad[4]).toBe('入力内容に誤りがあります(メールアドレス1)。 (VALIDATION_FAILED)');
      expect(await line('C0003').getAttribute('class')).toContain('error-row');

      await page.getByRole('button', { name: '取込実行' }).click();
      await page.getByText('取込が完了しました: 新規 3 / 更新 0 / 変更なし 0 / エラー 1').waitFor({ timeout: 30_000 });
      await page.getByText('処理済み 4 / 4 行').waitFor();
      expect(await page.locator('#import-progress').getAttribute('value')).toBe('4');
      const [results] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '結果ファイル(CSV)' }).click(),
      ]);
      const resultRows = parse(readFileSync((await results.path())!), { bom: true }) as string[][];
      expect(resultRows[0]).toEqual(['行', 'アカウントコード', '結果', '項目', 'エラーコード', 'メッセージ']);
      expect(resultRows.slice(1).map((cells) => cells.slice(0, 5))).toEqual([
        ['2', 'C0001', 'create', '', ''],
        ['3', 'C0002', 'create', '', ''],
        ['4', 'C0003', 'error', 'email1', 'VALIDATION_FAILED'],
        ['5', 'C0004', 'create', '', ''],
      ]);
      expect(resultRows[3]![5]).toBe('入力内容に誤りがあります(メールアドレス1)。');

      await page.getByRole('link', { name: 'アカウント一覧に戻る' }).click();
      await searchCode(page, 'C', 3);
      await columnReads(page, 2, ['C0001', 'C0002', 'C0004']);
      await page.getByRole('cell', { name: /^渡辺\s?美咲$/ }).waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSV出力' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const [head, ...lines] = parse(readFileSync((await download.path())!), { bom: true }) as string[][];
      const column = (name: string) => head!.indexOf(name);
      expect(column('アカウントコード')).toBeGreaterThanOrEqual(0);
      const exported = lines
        .filter((cells) => cells[column('アカウントコード')]!.startsWith('C'))
        .map((cells) =>
          ['アカウントコード', '姓', '名', '名(カナ)', 'メールアドレス1'].map((name) => cells[column(name)]),
        );
      expect(exported).toEqual([
        ['C0001', '渡辺', '美咲', 'ミサキ', 'c0001@example.test'],
        ['C0002', '小林', '健太', 'ケンタ', ''],
        ['C0004', '吉田', '翔', 'ショウ', 'c0004@example.test'],
      ]);
    });
    await context.close();
  });

  it('reference data: adds a department under 全社 and renames it, a role with two permissions, a partner, a project with its PM; a duplicate code and a role above the admin’s own (a custom role) are refused beside their fields', async () => {
    const { context, page } = await newPage();
    await withScreenshotOnFailure(page, 'reference', async () => {
      await logIn(page);
      await page.getByRole('navigation', { name: '管理者メニュー' }).getByRole('link', { name: 'マスタ' }).click();
      await page.getByRole('treeitem').filter({ hasText: '全社' }).waitFor();

      // 部門: a new department under the root (全社 = 0 is the parent offered first), then renamed.
      await field(page, 'コード').fill('900');
      await field(page, '名称').fill('営業部');
      await field(page, '表示順').fill('5');
      await page.getByRole('button', { name: '追加', exact: true }).click();
      await page.getByRole('treeitem').filter({ hasText: '営業部' }).waitFor();
      await page.getByRole('button', { name: '編集 900' }).click();
      await page.getByRole('heading', { name: '900 を編集' }).waitFor();
      expect(await field(page, 'コード').isDisabled()).toBe(true);
      await field(page, '名称').fill('営業本部');
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await page.getByRole('treeitem').filter({ hasText: '営業本部' }).waitFor();

      // The same code again: the API's field error, in Japanese, beside the code field; nothing is added.
      await field(page, 'コード').fill('900');
      await field(page, '名称').fill('重複');
      await page.getByRole('button', { name: '追加', exact: true }).click();
      await page.getByText('この部門コードは既に使われています。').waitFor();
      expect(await field(page, 'コード').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('treeitem').filter({ hasText: '重複' }).count()).toBe(0);

      // ロール: two permissions ticked.
      await page.getByRole('tab', { name: 'ロール' }).click();
      await page.getByRole('cell', { name: 'system-admin', exact: true }).waitFor();
      await field(page, 'コード').fill('viewer');
      await field(page, '名称').fill('閲覧者');
      await page.getByLabel('アカウント参照').check();
      await page.getByLabel('マスタ参照').check();
      await page.getByRole('button', { name: '追加', exact: true }).click();
      await page.getByRole('cell', { name: 'viewer', exact: true }).waitFor();

      // 委託先/顧客: a customer.
      await page.getByRole('tab', { name: '委託先/顧客' }).click();
      await field(page, '区分').selectOption('customer');
      await field(page, 'コード').fill('C900-01');
      await field(page, '名称').fill('顧客九百');
      await page.getByRole('button', { name: '追加', exact: true }).click();
      await page.getByRole('cell', { name: 'C900-01', exact: true }).waitFor();

      // プロジェクト: a new project, then E0001 added to it as PM while it is edited.
      await page.getByRole('tab', { name: 'プロジェクト' }).click();
      await field(page, 'コード').fill('P900-01');
      await field(page, '名称').fill('九百案件');
      await page.getByRole('button', { name: '追加', exact: true }).click();
      await page.getByRole('button', { name: '編集 P900-01' }).click();
      await field(page, 'アカウントコード').fill('E0001');
      await field(page, 'プロジェクト内役割').selectOption('pm');
      await page.getByRole('button', { name: 'メンバを追加' }).click();
      await page.getByRole('cell', { name: '伊藤 一 (PM)' }).waitFor();
    });
    await context.close();

    // A custom role with reference:write but without settings:write: the API refuses a role above it, and the
    // console shows that refusal beside the permission checkboxes.
    const roleAdmin = await h.http
      .post('/api/roles')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'ref-admin', name: 'マスタ管理者', permissions: ['reference:read', 'reference:write'] });
    expect(roleAdmin.status).toBe(201);
    await createAccount(h, admin, {
      code: 'R0001',
      lastName: '参照',
      firstName: '管理',
      roleCode: 'ref-admin',
      mustChangePassword: false,
    });
    const second = await newPage();
    await withScreenshotOnFailure(second.page, 'reference-custom-role', async () => {
      const { page } = second;
      await logIn(page, 'R0001', 'Initial-passw0rd');
      // Without accounts:read the console opens on the first screen the role may use: マスタ.
      await page.getByRole('treeitem').filter({ hasText: '全社' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/admin/reference');
      await page.getByRole('tab', { name: 'ロール' }).click();
      await field(page, 'コード').fill('above');
      await field(page, '名称').fill('上位');
      await page.getByLabel('基本設定変更').check();
      await page.getByRole('button', { name: '追加', exact: true }).click();
      await page.getByText('ご自身のロールより権限の大きいロールは設定できません。').waitFor();
      expect(await page.getByRole('group', { name: '権限' }).getAttribute('class')).toBe('invalid');
    });
    await second.context.close();
    expect((await h.http.get('/api/roles/above').set('Authorization', `Bearer ${admin}`)).status).toBe(404);

    const read = (path: string) => h.http.get(path).set('Authorization', `Bearer ${admin}`);
    expect((await read('/api/departments/900')).body).toMatchObject({
      name: '営業本部',
      parentCode: '0',
      sortOrder: 5,
    });
    expect((await read('/api/departments')).body.items.some((unit: { name: string }) => unit.name === '重複')).toBe(
      false,
    );
    expect((await read('/api/roles/viewer')).body).toMatchObject({
      name: '閲覧者',
      permissions: expect.arrayContaining(['accounts:read', 'reference:read']),
    });
    expect((await read('/api/roles/viewer')).body.permissions).toHaveLength(2);
    expect((await read('/api/projects/P900-01')).body.members).toEqual([
      { accountCode: 'E0001', lastName: '伊藤', firstName: '一', projectRole: 'pm' },
    ]);
    expect((await read('/api/partners/customer/C900-01')).body).toMatchObject({ kind: 'customer', name: '顧客九百' });
  });

  it('keeps the list usable at 390 px: cards instead of columns, no sideways scrolling, selection and actions reachable', async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await withScreenshotOnFailure(page, 'list-390px', async () => {
      await logIn(page);
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
      // The filters start folded on a phone.
      expect(await field(page, 'アカウントコード').isVisible()).toBe(false);
      await page.getByText('検索条件', { exact: true }).click();
      await searchCode(page, 'S', 3);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const first = page.locator('table.list tbody tr').first();
      const box = (await first.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      // Each value carries its column's name on a card.
      await first.getByText('S0001').waitFor();
      const label = `getComputedStyle(document.querySelector('table.list tbody td:nth-child(2)'), '::before').content`;
      expect(await page.evaluate(label)).toBe('"アカウントコード"');
      await page.getByLabel('S0001 を選択').check();
      await page.getByText('1 件選択中').waitFor();
      const bulk = page.getByRole('button', { name: '選択してメールで発行' });
      await bulk.scrollIntoViewIfNeeded();
      expect(await bulk.isEnabled()).toBe(true);
      await first.getByRole('link', { name: 'S0001' }).click();
      await page.getByRole('heading', { name: /アカウント登録 — S0001/ }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    });
    await context.close();
  });
});
