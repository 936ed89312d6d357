import type { BrowserContext, Locator, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { todayIn } from '../lib/calendar';
import {
  createAccount,
  defaultInitialPassword,
  defineRole,
  getAccount,
  otherCompanyAdmin,
  registerReady,
  sessionToken,
} from './support/api';
import { alterAuditRow, auditEvents, auditTrailText } from './support/audit';
import {
  field,
  openConsole as openConsoleOf,
  startConsoleSuite,
  stopConsoleSuite,
  withScreenshotOnFailure,
  type ConsoleSuite,
} from './support/browser';
import { companyCode, type Harness } from './support/harness';

/*
 * 「監査ログ」 of issue 21 in Chromium, on the demo company (lib/demo-data.ts): an administrator changes an account in
 * 【アカウント登録】, follows the account's link to its events, filters, downloads the CSV and checks the chain; a
 * custom role without audit:read neither sees the screen nor reads the trail. Each step checks what the page shows
 * and then what the API holds.
 */
let suite: ConsoleSuite;
let h: Harness;
let admin: string;
const today = todayIn('Asia/Tokyo');
const newPassword = 'Audit-console-passw0rd';

beforeAll(async () => {
  suite = await startConsoleSuite();
  ({ h, admin } = suite);
});

afterAll(() => stopConsoleSuite(suite ?? {}));

/** The trail as the API answers it to the administrator (or to `token`). */
const eventsOf = (query: Record<string, string>, token = admin) => auditEvents(h, token, query);

/** A fresh console as `loginId` (Admin unless told otherwise), once its menu shows. */
async function openConsole(loginId?: string, password?: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openConsoleOf(suite, loginId, password);
  await opened.page.getByRole('navigation', { name: '管理者メニュー' }).waitFor();
  return opened;
}

/** The events the page lists (the outer table's rows; each holds its own table of changes). */
const eventRows = (page: Page) => page.locator('table.list > tbody > tr');
/** One changed field of an event row, as its label and `before → after` read. */
const changeOf = (row: Locator, label: string) =>
  row
    .locator('table.changes tr')
    .filter({ has: row.page().getByRole('rowheader', { name: label, exact: true }) })
    .innerText();
const menu = (page: Page) => page.getByRole('navigation', { name: '管理者メニュー' });

describe('「監査ログ」 in a browser (issue 21)', () => {
  it("shows an account's role and department change from its link, side by side, a new password only as 「変更」", async () => {
    const { context, page } = await openConsole();
    await withScreenshotOnFailure(page, 'audit-account-change', async () => {
      await page.goto('/admin/accounts/E0001');
      const current = page.getByRole('group', { name: '(現在)所属' });
      await current
        .getByLabel('所属部門名', { exact: true })
        .filter({ hasText: /^東京営業部$/ })
        .waitFor();
      await field(current, '所属部門コード').fill('210');
      await field(current, 'コントロール部門コード').fill('200');
      await current
        .getByLabel('所属部門名', { exact: true })
        .filter({ hasText: /^第一開発部$/ })
        .waitFor();
      await field(current, 'アカウントロール').selectOption({ label: 'ユーザー管理者 (user-admin)' });
      await field(page, '新しいパスワード(変更する場合)').fill(newPassword);
      await page.getByRole('button', { name: '更新', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
      expect(await getAccount(h, admin, 'E0001')).toMatchObject({
        roleCode: 'user-admin',
        current: { departmentCode: '210', controlDepartmentCode: '200' },
      });

      await page.getByRole('link', { name: 'このアカウントの監査ログ' }).click();
      await page.getByRole('heading', { name: '監査ログ', level: 1 }).waitFor();
      await expect(field(page, 'アカウントコード(対象または操作者)').inputValue()).resolves.toBe('E0001');
      const update = eventRows(page).filter({ hasText: 'アカウント修正' });
      await update.first().waitFor();
      expect(await update.count()).toBe(1);
      expect(await changeOf(update, '所属部門コード')).toMatch(/^所属部門コード\s+110 → 210$/);
      expect(await changeOf(update, 'コントロール部門コード')).toMatch(/^コントロール部門コード\s+110 → 200$/);
      expect(await changeOf(update, 'アカウントロール')).toMatch(/^アカウントロール\s+employee → user-admin$/);
      expect(await changeOf(update, 'パスワード')).toMatch(/^パスワード\s+変更$/);
      const cells = await update.locator(':scope > td').allInnerTexts();
      expect(cells[1]).toMatch(/^Admin .*\(system-admin\)$/);
      expect(cells[3]).toMatch(/^アカウント E0001 /);
      expect(cells[4]).toBe('成功');
      expect(cells[6]).toMatch(/^\S+ \/ \S*127\.0\.0\.1$/);
      expect(await page.locator('main').innerText()).not.toContain(newPassword);

      // The API holds the same event: the actor, the request it came with, the secret only as changed.
      const [event] = await eventsOf({ account: 'E0001', action: 'account.update' });
      expect(event).toMatchObject({
        outcome: 'succeeded',
        actor: { kind: 'account', code: 'Admin', role: 'system-admin' },
        target: { type: 'account', code: 'E0001' },
      });
      expect(event!.changes).toEqual(
        expect.arrayContaining([
          { field: 'department', before: '110', after: '210' },
          { field: 'controlDepartment', before: '110', after: '200' },
          { field: 'role', before: 'employee', after: 'user-admin' },
          { field: 'password', changed: true },
        ]),
      );
      expect(cells[6]).toBe(`${event!.requestId} / ${event!.clientAddress}`);
      expect(await auditTrailText(h)).not.toContain(newPassword);
    });
    await context.close();
  });

  it('filters by action and by day, pages with さらに表示, downloads the same query as CSV, and verifies the chain', async () => {
    for (const code of ['A0001', 'A0002', 'A0003']) {
      await createAccount(h, admin, { code, ranks: [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }] });
    }
    // More than a page of events: 50 changes of a note.
    for (let n = 1; n <= 50; n++) {
      const res = await h.http
        .patch('/api/accounts/A0001')
        .set('Authorization', `Bearer ${admin}`)
        .send({ note: `note ${n}` });
      expect(res.status).toBe(200);
    }
    const { context, page } = await openConsole();
    await withScreenshotOnFailure(page, 'audit-filter-csv', async () => {
      await menu(page).getByRole('link', { name: '監査ログ' }).click();
      await page.getByRole('heading', { name: '監査ログ', level: 1 }).waitFor();
      await field(page, '操作').selectOption({ label: 'アカウント登録 (account.create)' });
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('3 件を表示').waitFor();
      const shown = await eventRows(page).locator(':scope > td:nth-child(4)').allInnerTexts();
      expect(shown.map((target) => target.split(' ')[1])).toEqual(['A0003', 'A0002', 'A0001']);
      expect(await eventRows(page).filter({ hasText: 'アカウント修正' }).count()).toBe(0);
      const created = await eventsOf({ action: 'account.create' });
      expect(created.map((event) => event.target.code)).toEqual(['A0003', 'A0002', 'A0001']);

      // Days of the company's time zone: today holds them, tomorrow none.
      await field(page, '開始日').fill(today);
      await field(page, '終了日').fill(today);
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('3 件を表示').waitFor();
      const tomorrow = new Date(`${today}T00:00:00Z`);
      tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
      await field(page, '開始日').fill(tomorrow.toISOString().slice(0, 10));
      await field(page, '終了日').fill('');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      await page.getByText('該当するイベントはありません。').waitFor();

      // Every event, 50 a page: さらに表示 adds the next page until the end.
      await page.getByRole('button', { name: 'リセット' }).click();
      const total = (await eventsOf({})).length;
      expect(total).toBeGreaterThan(50);
      await page.getByText('50 件を表示').waitFor();
      for (let shown = 50; shown < total;) {
        await page.getByRole('button', { name: 'さらに表示' }).click();
        shown = Math.min(shown + 50, total);
        await page.getByText(`${shown} 件を表示`).waitFor();
      }
      await page.getByText('これ以上のイベントはありません。').waitFor();
      expect(await eventRows(page).count()).toBe(total);

      // The CSV of the same query (the account's events), a row per event, secrets as 変更.
      await page.goto('/admin/audit?account=E0001');
      await page.getByText(/^\d+ 件を表示$/).waitFor();
      const rows = await eventRows(page).count();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'CSVダウンロード' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('audit-events.csv');
      const [header, ...lines] = parse(readFileSync((await download.path())!), { bom: true }) as string[][];
      expect(header!.slice(0, 3)).toEqual(['日時', '操作', '操作コード']);
      const expected = await eventsOf({ account: 'E0001' });
      expect(lines).toHaveLength(rows);
      expect(lines.map((line) => line[header!.indexOf('操作コード')])).toEqual(expected.map((event) => event.action));
      const updateLine = lines.find((line) => line[header!.indexOf('操作コード')] === 'account.update')!;
      expect(updateLine[header!.indexOf('操作者コード')]).toBe('Admin');
      expect(updateLine[header!.indexOf('変更内容')]).toContain('password: 変更');
      expect(updateLine[header!.indexOf('変更内容')]).toContain('department: "110" → "210"');
      expect(readFileSync((await download.path())!, 'utf8')).not.toContain(newPassword);

      // The chain: what the page reports is what the API finds.
      await page.getByRole('button', { name: '改ざん検証' }).click();
      const result = page.getByRole('status').filter({ hasText: '改ざんは見つかりませんでした' });
      await result.waitFor();
      const verified = await h.http.post('/api/audit-events/verify').set('Authorization', `Bearer ${admin}`);
      expect(verified.body).toMatchObject({ ok: true, firstBroken: null });
      expect(await result.innerText()).toMatch(/^(\d+) 件を検証しました。/);
      const checked = Number(/^(\d+)/.exec(await result.innerText())![1]);
      expect(verified.body.checked).toBeGreaterThanOrEqual(checked);

      // A row changed behind the service's back (a superuser connection): the page names it, as the API does.
      const seq = created.find((event) => event.target.code === 'A0002')!.seq;
      const alter = (name: string) => alterAuditRow(h, seq, 'A0002', name);
      const name = created.find((event) => event.target.code === 'A0002')!.target.name!;
      await alter('別人');
      try {
        await page.getByRole('button', { name: '改ざん検証' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `番号 ${seq} で改ざんが見つかりました(行の内容の変更)。` })
          .waitFor();
        const broken = await h.http.post('/api/audit-events/verify').set('Authorization', `Bearer ${admin}`);
        expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq, problem: 'row-altered' } });
      } finally {
        await alter(name);
      }
      const restored = await h.http.post('/api/audit-events/verify').set('Authorization', `Bearer ${admin}`);
      expect(restored.body.ok).toBe(true);
    });
    await context.close();
  });

  it('hides the screen from a custom role without audit:read (the API refuses it, and records the refusal)', async () => {
    await defineRole(h, admin, 'hr-viewer', ['accounts:read']);
    await defineRole(h, admin, 'auditor', ['audit:read']);
    const ranks = [{ effectiveMonth: today.slice(0, 7), rankCode: 'R1' }];
    await registerReady(h, admin, 'V0001', 'hr-viewer', { ranks });
    await registerReady(h, admin, 'V0002', 'auditor', { ranks });
    const viewer = await sessionToken(h, companyCode, 'V0001', defaultInitialPassword);
    const auditor = await sessionToken(h, companyCode, 'V0002', defaultInitialPassword);
    const other = await otherCompanyAdmin(h);

    const { context, page } = await openConsole('V0001', defaultInitialPassword);
    await withScreenshotOnFailure(page, 'audit-refused', async () => {
      await menu(page).getByRole('link', { name: 'アカウント一覧' }).waitFor();
      expect(await menu(page).getByRole('link', { name: '監査ログ' }).count()).toBe(0);
      await page.goto('/admin/accounts/E0001');
      await page.getByRole('heading', { name: 'アカウント登録 — E0001' }).waitFor();
      expect(await page.getByRole('link', { name: 'このアカウントの監査ログ' }).count()).toBe(0);
      await page.goto('/admin/audit?account=E0001');
      await page.getByRole('alert').filter({ hasText: '(FORBIDDEN)' }).waitFor();
      expect(await eventRows(page).count()).toBe(0);
    });
    await context.close();

    for (const path of ['/api/audit-events', '/api/audit-actions']) {
      expect((await h.http.get(path).set('Authorization', `Bearer ${viewer}`)).status).toBe(403);
      expect((await h.http.get(path).set('Authorization', `Bearer ${auditor}`)).status).toBe(200);
    }
    expect((await h.http.post('/api/audit-events/verify').set('Authorization', `Bearer ${viewer}`)).status).toBe(403);
    // Another company's administrator reads its own trail, not this one's.
    expect(await eventsOf({ account: 'E0001' }, other)).toEqual([]);

    // The attempt is in the trail: the administrator sees it as refused.
    const refused = await eventsOf({ actor: 'V0001', action: 'access.refused' });
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ outcome: 'refused', reason: 'FORBIDDEN', actor: { role: 'hr-viewer' } });
    const admins = await openConsole();
    await withScreenshotOnFailure(admins.page, 'audit-refusal-shown', async () => {
      await admins.page.goto('/admin/audit?actor=V0001&action=access.refused');
      await admins.page.getByText(`${refused.length} 件を表示`).waitFor();
      const cells = await eventRows(admins.page).first().locator(':scope > td').allInnerTexts();
      expect(cells[2]).toBe('操作の拒否');
      expect(cells[4]).toBe('拒否 (FORBIDDEN)');
    });
    await admins.context.close();

    // A custom role with audit:read alone opens on the audit log.
    const audit = await openConsole('V0002', defaultInitialPassword);
    await withScreenshotOnFailure(audit.page, 'audit-custom-role', async () => {
      await audit.page.getByRole('heading', { name: '監査ログ', level: 1 }).waitFor();
      await menu(audit.page).getByRole('link', { name: '監査ログ' }).waitFor();
      await audit.page.getByText(/^\d+ 件を表示$/).waitFor();
    });
    await audit.context.close();
  });

  it('reads in English when the language is switched: actions, labels, outcomes and the CSV header', async () => {
    const { context, page } = await openConsole();
    await withScreenshotOnFailure(page, 'audit-english', async () => {
      await page.goto('/admin/audit?account=E0001&action=account.update');
      await eventRows(page).filter({ hasText: 'アカウント修正' }).waitFor();
      await page.getByRole('banner').getByLabel('表示言語').selectOption('en');
      await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
      await page
        .getByRole('navigation', { name: 'Administrator menu' })
        .getByRole('link', { name: 'Audit log' })
        .waitFor();
      const update = eventRows(page).filter({ hasText: 'Account changed' });
      await update.waitFor();
      expect(await changeOf(update, 'Department code')).toMatch(/^Department code\s+110 → 210$/);
      expect(await changeOf(update, 'Role')).toMatch(/^Role\s+employee → user-admin$/);
      expect(await changeOf(update, 'Password')).toMatch(/^Password\s+changed$/);
      const cells = await update.locator(':scope > td').allInnerTexts();
      expect(cells[3]).toMatch(/^Account E0001 /);
      expect(cells[4]).toBe('Succeeded');
      expect(await field(page, 'Action').locator('option:checked').innerText()).toBe(
        'Account changed (account.update)',
      );
      await page.getByText('1 shown').waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const [header, ...lines] = parse(readFileSync((await download.path())!), { bom: true }) as string[][];
      expect(header!.slice(0, 3)).toEqual(['Time', 'Action', 'Action code']);
      expect(lines.map((line) => line[1])).toEqual(['Account changed']);
      expect(lines[0]![header!.indexOf('Changes')]).toContain('password: changed');
    });
    await context.close();
  });
});
