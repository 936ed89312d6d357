import type { BrowserContext, Page } from 'playwright-core';
import { todayIn } from '../lib/calendar';
import { defaultInitialPassword, defineRole, getAccount, registerReady, sessionToken } from './support/api';
import {
  field,
  openConsole,
  startConsoleSuite,
  stopConsoleSuite,
  withScreenshotOnFailure,
  type ConsoleSuite,
} from './support/browser';
import { companyCode, publicBaseUrl, type Harness } from './support/harness';

/*
 * 「SCIM プロビジョニング」 of issue 22 under 基本設定, in Chromium on the demo company (lib/demo-data.ts): an
 * administrator sets the provisioning defaults, makes a token and reads its secret off the page; the test then
 * provisions with it as Entra ID would (a real SCIM POST) and finds the account through the normal API; the list
 * shows the token's last use; revoked, the same token is refused. A custom role without settings:write sees no
 * section. Each step checks what the page shows and then what the API holds.
 */
const today = todayIn('Asia/Tokyo');
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
let suite: ConsoleSuite;
let h: Harness;
let admin: string;

beforeAll(async () => {
  suite = await startConsoleSuite();
  h = suite.h;
  admin = suite.admin;
  const settings = await h.http
    .patch('/api/settings')
    .set('Authorization', `Bearer ${admin}`)
    .send({ azureAdEnabled: true });
  expect(settings.status).toBe(200);
  await defineRole(h, admin, 'staff', ['accounts:read']);
});

afterAll(() => stopConsoleSuite(suite ?? {}));

/** A fresh console as `loginId` (Admin unless told otherwise) on 基本設定. */
async function openSettings(loginId?: string, password?: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openConsole(suite, loginId, password);
  await opened.page.getByRole('navigation', { name: '管理者メニュー' }).waitFor();
  await opened.page.goto('/admin/settings');
  await opened.page.getByRole('heading', { name: '基本設定', level: 1 }).waitFor();
  return opened;
}

const section = (page: Page) => page.getByRole('region', { name: 'SCIM プロビジョニング' });
const tokenRow = (page: Page, name: string) =>
  section(page).locator('table.list > tbody > tr').filter({ hasText: name });

/** What Entra ID sends to create a user, with the secret read off the page, to the app's real port. */
function provision(secret: string, userName: string, employeeNumber: string): Promise<Response> {
  return fetch(`${suite.served.base}/scim/v2/Users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
      userName,
      externalId: `ext-${employeeNumber}`,
      active: true,
      name: { familyName: '高橋', givenName: '健' },
      emails: [{ value: userName, type: 'work', primary: true }],
      [enterprise]: { employeeNumber, department: '210' },
    }),
  });
}

describe('「SCIM プロビジョニング」 in the console', () => {
  it('sets the provisioning defaults, which the API then holds', async () => {
    const { context, page } = await openSettings();
    await withScreenshotOnFailure(page, 'scim-defaults', async () => {
      const defaults = section(page).getByRole('form', { name: 'プロビジョニングの既定値' });
      await field(defaults, 'ロール').selectOption('staff');
      await field(defaults, 'コントロール部門コード').fill('100');
      await field(defaults, '社員ランクコード(空欄: なし)').fill('R2');
      await defaults.getByLabel('登録時にパスワード発行を開始する(メール発行の企業のみ)').check();
      await defaults.getByRole('button', { name: '既定値を保存' }).click();
      await defaults.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    });
    await context.close();
    const held = await h.http.get('/api/scim/provisioning').set('Authorization', `Bearer ${admin}`);
    expect(held.body).toEqual({
      type: 'own',
      roleCode: 'staff',
      departmentCode: '0',
      controlDepartmentCode: '100',
      reportingControlDepartmentCode: '0',
      rankCode: 'R2',
      issueOnCreate: true,
    });

    // A code the company does not have: the field says so, and nothing changes.
    const again = await openSettings();
    await withScreenshotOnFailure(again.page, 'scim-defaults-refused', async () => {
      const defaults = section(again.page).getByRole('form', { name: 'プロビジョニングの既定値' });
      await expect(field(defaults, 'コントロール部門コード').inputValue()).resolves.toBe('100');
      await field(defaults, 'コントロール部門コード').fill('999');
      await defaults.getByRole('button', { name: '既定値を保存' }).click();
      await defaults.getByRole('alert').first().waitFor();
    });
    await again.context.close();
    expect((await h.http.get('/api/scim/provisioning').set('Authorization', `Bearer ${admin}`)).body).toEqual(
      held.body,
    );
    // The issuance at once is not what the next scenario checks: the account stays 未発行.
    await h.http
      .patch('/api/scim/provisioning')
      .set('Authorization', `Bearer ${admin}`)
      .send({ issueOnCreate: false })
      .expect(200);
  });

  it('makes a token whose secret is shown once, provisions with it, shows its last use, and revokes it', async () => {
    const { context, page } = await openSettings();
    let secret = '';
    await withScreenshotOnFailure(page, 'scim-token', async () => {
      // The tokens (and the tenant URL with them) are loaded once the empty list shows.
      await section(page).getByText('トークンはありません。').waitFor();
      await expect(section(page).getByTestId('scim-tenant-url').innerText()).resolves.toBe(`${publicBaseUrl}/scim/v2`);
      const form = section(page).getByRole('form', { name: 'トークン作成' });
      await field(form, 'トークン名').fill('Entra ID 本番');
      await field(form, 'プロビジョニングロール').selectOption('user-admin');
      await form.getByRole('button', { name: 'トークン作成' }).click();
      const shown = section(page).getByRole('region', { name: 'トークン「Entra ID 本番」のシークレット' });
      await shown.getByText('このシークレットは今回だけ表示されます。', { exact: false }).waitFor();
      await shown.getByRole('button', { name: /^コピー: / }).waitFor();
      secret = await shown.getByTestId('scim-secret').innerText();
      expect(secret).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
      await expect(tokenRow(page, 'Entra ID 本番').locator('td').allInnerTexts()).resolves.toEqual([
        'Entra ID 本番',
        'user-admin',
        'Admin',
        expect.stringMatching(/\d/),
        '未使用',
        '有効',
        '失効',
      ]);
      // Closed, the secret is gone from the page: a reload shows it nowhere.
      await shown.getByRole('button', { name: '閉じる' }).click();
      await page.reload();
      await tokenRow(page, 'Entra ID 本番').waitFor();
      expect(await page.locator('body').innerText()).not.toContain(secret);
    });

    // Entra ID provisions a hire with the secret; the account is there through the normal API with the defaults.
    const created = await provision(secret, 'ken.takahashi@example.test', 'S7001');
    expect(created.status).toBe(201);
    const account = await getAccount(h, admin, 'S7001');
    expect([account.lastName, account.firstName, account.azureAdId]).toEqual([
      '高橋',
      '健',
      'ken.takahashi@example.test',
    ]);
    expect(account.passwordStatus).toBe('unissued');
    expect(account.current).toMatchObject({
      departmentCode: '210',
      controlDepartmentCode: '100',
      roleCode: 'staff',
    });

    await withScreenshotOnFailure(page, 'scim-token-revoke', async () => {
      await page.reload();
      await tokenRow(page, 'Entra ID 本番').waitFor();
      const cells = await tokenRow(page, 'Entra ID 本番').locator('td').allInnerTexts();
      expect(cells[4]).not.toBe('未使用');
      expect(cells[4]).toMatch(/\d{1,2}:\d{2}:\d{2}/);
      await tokenRow(page, 'Entra ID 本番').getByRole('button', { name: '失効: Entra ID 本番' }).click();
      const dialog = page.getByRole('dialog', { name: 'トークンの失効' });
      await dialog.getByText('トークン「Entra ID 本番」を失効させます。', { exact: false }).waitFor();
      // Cancel first: nothing happens.
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(
        (await fetch(`${suite.served.base}/scim/v2/Users`, { headers: { Authorization: `Bearer ${secret}` } })).status,
      ).toBe(200);
      await tokenRow(page, 'Entra ID 本番').getByRole('button', { name: '失効: Entra ID 本番' }).click();
      await dialog.getByRole('button', { name: '失効' }).click();
      await section(page)
        .getByRole('status')
        .filter({ hasText: 'トークン「Entra ID 本番」を失効させました。' })
        .waitFor();
      await expect(tokenRow(page, 'Entra ID 本番').locator('td').nth(5).innerText()).resolves.toMatch(/^失効 /);
      expect(await tokenRow(page, 'Entra ID 本番').getByRole('button').count()).toBe(0);
    });
    await context.close();

    const list = await h.http.get('/api/scim/tokens').set('Authorization', `Bearer ${admin}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'Entra ID 本番', lastUsedAt: expect.any(String), revokedAt: expect.any(String) }),
    ]);
    const refused = await provision(secret, 'late.hire@example.test', 'S7002');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ status: '401' });
    expect((await h.http.get('/api/accounts/S7002').set('Authorization', `Bearer ${admin}`)).status).toBe(404);
  });

  it('reads in English when the language is switched', async () => {
    const { context, page } = await openSettings();
    await withScreenshotOnFailure(page, 'scim-english', async () => {
      await page.getByRole('banner').getByLabel('表示言語').selectOption('en');
      const english = page.getByRole('region', { name: 'SCIM provisioning' });
      await english.getByText('Tenant URL:').waitFor();
      await english.getByRole('form', { name: 'Provisioning defaults' }).waitFor();
      await english.getByRole('columnheader', { name: 'Last used' }).waitFor();
    });
    await context.close();
  });

  it('shows no section to a custom role without settings:write (the API refuses it too)', async () => {
    await defineRole(h, admin, 'settings-reader', ['accounts:read', 'settings:read', 'reference:read']);
    const ranks = [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }];
    await registerReady(h, admin, 'V0001', 'settings-reader', { ranks });
    const reader = await sessionToken(h, companyCode, 'V0001', defaultInitialPassword);
    const { context, page } = await openSettings('V0001', defaultInitialPassword);
    await withScreenshotOnFailure(page, 'scim-custom-role', async () => {
      await field(page, 'サービス名').waitFor();
      expect(await page.getByRole('heading', { name: 'SCIM プロビジョニング' }).count()).toBe(0);
      expect(await page.getByText('テナントURL').count()).toBe(0);
    });
    await context.close();
    expect((await h.http.get('/api/scim/tokens').set('Authorization', `Bearer ${reader}`)).status).toBe(403);
    expect(
      (
        await h.http
          .post('/api/scim/tokens')
          .set('Authorization', `Bearer ${reader}`)
          .send({ name: 'x', roleCode: 'employee' })
      ).status,
    ).toBe(403);
  });
});
