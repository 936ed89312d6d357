import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken } from './support/api';
import { launchBrowser, serveApp, withScreenshotOnFailure } from './support/browser';
import { adminPassword, companyCode, createHarness, type Harness } from './support/harness';

let h: Harness;
let admin: string;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  [h, browser] = await Promise.all([createHarness({ temporal: 'local' }), launchBrowser()]);
  admin = await adminToken(h);
  served = await serveApp(h);
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

/** The input labelled exactly so (a required field's label ends with an asterisk hidden from screen readers). */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
}

async function logIn(page: Page, loginId = 'Admin', password = adminPassword): Promise<void> {
  await page.goto('/admin/');
  await field(page, '企業コード').fill(companyCode);
  await field(page, 'ログインID').fill(loginId);
  await field(page, 'パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

describe('the admin console in a browser', () => {
  it('logs the admin in with a session cookie the page cannot read, and out again', async () => {
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
      expect(await page.evaluate(() => document.cookie)).not.toContain('wc_session');
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/[A-Za-z0-9_-]{43}/);

      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('heading', { name: '管理者ログイン' }).waitFor();
      expect((await context.cookies()).find((cookie) => cookie.name === 'wc_session')).toBeUndefined();
      // No CSP violation or script error on the way (helmet's CSP: scripts from 'self' only).
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});

void admin;
