import type { Browser, Page } from 'playwright-core';
import { Account } from '../entities';
import { adminToken, eventually } from './support/api';
import { insertAccounts } from './support/bulk-accounts';
import { launchBrowser, logInToConsole, serveApp, withScreenshotOnFailure } from './support/browser';
import { createHarness, type Harness } from './support/harness';

/**
 * Issue 20 in Chromium: パスワード一括発行 for every account matching the list's current filter, and for a CSV
 * file of codes. The page shows the server's counts and the first lines (no list of codes reaches the browser);
 * after OK the run holds every selected employee and each included one gets one mail.
 */

let h: Harness;
let admin: string;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveApp>>;

const filterCount = 120;
const filterCodes = Array.from({ length: filterCount }, (_, i) => `Q${String(i + 1).padStart(4, '0')}`);

beforeAll(async () => {
  // One after the other: a browser that cannot start must not leave the harness's servers running.
  h = await createHarness({ temporal: 'local' });
  browser = await launchBrowser();
  admin = await adminToken(h);
  served = await serveApp(h);
  await insertAccounts(h, [
    ...filterCodes.map((code) => ({
      code,
      emails: code === 'Q0005' ? undefined : ([`${code.toLowerCase()}@example.test`] as [string]),
    })),
    { code: 'R0001', emails: ['r1@example.test'] },
    { code: 'R0002', emails: ['r2@example.test'] },
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await h?.teardown();
});

async function asAdmin(name: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    baseURL: served.base,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  try {
    await withScreenshotOnFailure(page, name, async () => {
      await logInToConsole(page);
      await page.getByRole('heading', { name: 'アカウント一覧' }).waitFor();
      await steps(page);
    });
  } finally {
    await context.close();
  }
}

async function latestRun() {
  const runs = await h.http.get('/api/email-issuances/bulk').set('Authorization', `Bearer ${admin}`);
  return runs.body.items[0] as { runId: string; finishedAt: string | null; progress: Record<string, number> };
}

const mailsTo = (address: string) => h.smtp.mails.filter((mail) => mail.to.includes(address));

it('issues to every account matching the current filter, counted by the server', async () => {
  await asAdmin('bulk-by-filter', async (page) => {
    await page.getByLabel('アカウントコード', { exact: true }).first().fill('Q');
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByRole('button', { name: `条件に一致する全件に発行(${filterCount} 件)` }).click();
    await page.getByText('アカウント一覧の検索条件に一致するすべてのアカウントが対象です。').waitFor();
    const summary = page.getByLabel('対象の集計');
    await summary.getByText('送信対象').waitFor();
    await expect(summary.innerText()).resolves.toMatch(
      /選択\s*120[\s\S]*送信対象\s*119[\s\S]*メールアドレス未設定のため対象外\s*1/,
    );
    await page.getByText(`先頭 100 件(全 ${filterCount} 件)`).waitFor();
    await page.getByRole('button', { name: '認証要求メール送信' }).click();
    await page.getByRole('dialog').getByText('119').first().waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await page.getByText('すべての認証要求メールの送信処理が完了しました。').first().waitFor({ timeout: 120_000 });
  });
  const run = await latestRun();
  expect(run.finishedAt).not.toBeNull();
  expect(run.progress).toMatchObject({ total: filterCount, pendingVerification: filterCount - 1, skipped: 1 });
  const items = await h.db.orm.em
    .fork()
    .getConnection()
    .execute<{ n: number }[]>(`select count(*)::int as n from bulk_run_item where run_id = ?`, [run.runId]);
  expect(items[0]!.n).toBe(filterCount);
  await eventually(async () => {
    for (const code of filterCodes.filter((code) => code !== 'Q0005')) {
      expect({ code, mails: mailsTo(`${code.toLowerCase()}@example.test`).length }).toEqual({ code, mails: 1 });
    }
  });
  const unset = await h.db.orm.em.fork().findOneOrFail(Account, { code: 'Q0005' });
  expect(unset.passwordStatus).toBe('unissued');
}, 180_000);

it('issues to the codes of an uploaded CSV file', async () => {
  await asAdmin('bulk-by-file', async (page) => {
    await page.getByRole('link', { name: 'CSVで一括発行' }).click();
    await page.getByLabel('アカウントコードのCSVファイルで指定').setInputFiles({
      name: 'codes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('アカウントコード\nR0002\nR0001\n'),
    });
    await page.getByText('ファイル「codes.csv」のアカウントコードが対象です。').waitFor();
    await page.getByText('先頭 2 件(全 2 件)').waitFor();
    await page.getByRole('button', { name: '認証要求メール送信' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await page.getByText('すべての認証要求メールの送信処理が完了しました。').first().waitFor({ timeout: 60_000 });
  });
  const run = await latestRun();
  expect(run.progress).toMatchObject({ total: 2, pendingVerification: 2 });
  await eventually(async () => {
    expect(mailsTo('r1@example.test')).toHaveLength(1);
    expect(mailsTo('r2@example.test')).toHaveLength(1);
  });
}, 120_000);
