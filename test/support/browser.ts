import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { consoleDirectory } from '../../api/console-static';
import { seedDemoData } from '../../lib/demo-data';
import { adminToken } from './api';
import { adminPassword, companyCode, createHarness, type Harness } from './harness';

/** Debian's chromium (scripts/setup.sh installs it for `npm test`); playwright-core never downloads a browser. */
export const chromiumPath = '/usr/bin/chromium';
export const screenshotDirectory = resolve(__dirname, '../../.data/test/screenshots');

/** One headless Chromium for a whole test file; a clear reason instead of a timeout when something is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${chromiumPath}: run "SETUP_BROWSER=1 bash scripts/setup.sh" ` +
        '(as root it installs it with apt-get) or "apt-get install chromium".',
    );
  }
  if (!existsSync(resolve(consoleDirectory, 'index.html'))) {
    throw new Error(`The admin console is not built (${consoleDirectory}): run "npm run setup".`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** The harness's app on a real port on the loopback address, as a browser reaches it. */
export async function serveApp(h: Harness): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = h.app.app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Runs one scenario on a page; when it fails, the page as it was goes to .data/test/screenshots/<name>.png
 * (a test artefact) before the failure is reported.
 */
export async function withScreenshotOnFailure(page: Page, name: string, scenario: () => Promise<void>): Promise<void> {
  try {
    await scenario();
  } catch (error) {
    mkdirSync(screenshotDirectory, { recursive: true });
    const file = resolve(screenshotDirectory, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw Object.assign(error as Error, { message: `${(error as Error).message}\n(screenshot: ${file})` });
  }
}

/** The input labelled exactly so (a required field's label ends with an asterisk hidden from screen readers). */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
}

/** Fills and sends the console's login form (/admin/), as the administrator unless told otherwise. */
export async function logInToConsole(page: Page, loginId = 'Admin', password = adminPassword): Promise<void> {
  await page.goto('/admin/');
  await field(page, '企業コード').fill(companyCode);
  await field(page, 'ログインID').fill(loginId);
  await field(page, 'パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/** What a browser test file of the demo company works with: the harness, the administrator's token, Chromium, the app. */
export interface ConsoleSuite {
  h: Harness;
  admin: string;
  browser: Browser;
  served: Awaited<ReturnType<typeof serveApp>>;
}

/** The demo company (lib/demo-data.ts) in a fresh harness with a real Temporal, Chromium, and the app on a port. */
export async function startConsoleSuite(): Promise<ConsoleSuite> {
  const [h, browser] = await Promise.all([createHarness({ temporal: 'local' }), launchBrowser()]);
  await seedDemoData(h.db.orm.em.fork(), companyCode);
  return { h, browser, admin: await adminToken(h), served: await serveApp(h) };
}

export async function stopConsoleSuite(suite: Partial<ConsoleSuite>): Promise<void> {
  await suite.browser?.close();
  await suite.served?.close();
  await suite.h?.teardown();
}

/** A fresh Japanese profile at 1280 px on the app (downloads kept), logged in as `loginId` (Admin by default). */
export async function openConsole(
  suite: ConsoleSuite,
  loginId?: string,
  password?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    baseURL: suite.served.base,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logInToConsole(page, loginId, password);
  return { context, page };
}
