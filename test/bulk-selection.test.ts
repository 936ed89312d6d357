import { Account, BulkRunItem } from '../entities';
import { adminToken, defineRole, eventually, otherCompanyAdmin, readySession, registerReady } from './support/api';
import { insertAccounts } from './support/bulk-accounts';
import { createHarness, type Harness } from './support/harness';

/**
 * Issue 20: a bulk e-mail run chosen by the account list's filters or by an uploaded file of codes, resolved and
 * previewed by PostgreSQL (counts per reason, addresses per slot, duplicates, 未設定, the estimate, the first
 * lines) and written as the run's items at the start without any list of codes travelling; the same exclusions
 * as a listed selection, the policy included.
 */

let h: Harness;
let admin: string;
let issuer: string;
let employee: string;
let other: string;

const post = (token: string, path: string, body: object) =>
  h.http.post(path).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'ja').send(body);
const postFile = (token: string, path: string, csv: string, emailSlot = '1') =>
  h.http
    .post(`${path}?emailSlot=${emailSlot}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'text/csv')
    .send(csv);

const mailsTo = (address: string) =>
  h.smtp.mails.filter((mail) => mail.to.includes(address) && mail.subject.includes('アカウント認証依頼'));

async function finishedItems(token: string, runId: string) {
  return eventually(async () => {
    const status = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${token}`);
    expect(status.body.finishedAt).not.toBeNull();
    const items = await h.http.get(`/api/email-issuances/bulk/${runId}/items`).set('Authorization', `Bearer ${token}`);
    return items.body.items as { position: number; accountCode: string; state: string; reason: string | null }[];
  }, 30_000);
}

const filterF = { code: 'F', includeDisabled: 'true' };

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
  await insertAccounts(h, [
    { code: 'F0001', emails: ['f1@example.test'] },
    { code: 'F0002', emails: ['shared@example.test'] },
    { code: 'F0003', emails: ['SHARED@example.test'] },
    { code: 'F0004' },
    { code: 'F0005', emails: [undefined, 'f5-second@example.test'] },
    { code: 'F0006', emails: ['f6@example.test'] },
    { code: 'F0007', emails: ['f7@example.test'] },
    { code: 'G0001', emails: ['g1@example.test'] },
    { code: 'G0002', emails: ['g2@example.test'] },
    { code: 'P0001' },
    { code: 'P0002' },
  ]);
  const em = h.db.orm.em.fork();
  await em.nativeUpdate(Account, { code: 'F0006' }, { disabled: true });
  await em.nativeUpdate(Account, { code: 'F0007' }, { passwordStatus: 'issued', passwordIssuedVia: 'email' });
  // An account of a role above the custom role's: the custom role may not issue to it.
  await registerReady(h, admin, 'F0008', 'user-admin');
  await defineRole(h, admin, 'issuer', ['accounts:read', 'issuance:issue']);
  issuer = await readySession(h, admin, 'CR01', 'issuer');
  employee = await readySession(h, admin, 'EM01', 'employee');
  other = await otherCompanyAdmin(h);
  await insertAccounts(h, [{ code: 'F0009', emails: ['other-f9@example.test'] }], 'other');
}, 120_000);

afterAll(async () => {
  await h?.teardown();
});

describe('a selection by the list filters', () => {
  it('is previewed over every selected employee: reasons, addresses per slot, duplicates, 未設定, the first lines', async () => {
    const res = await post(admin, '/api/email-issuances/preview', { filter: filterF });
    expect(res.status).toBe(200);
    expect(res.body.selection).toEqual({
      selected: 8,
      excludedBy: { EMAIL_NOT_SET: 2, ACCOUNT_DISABLED: 1, ALREADY_ISSUED: 1 },
      addressesPerSlot: [
        { slot: 1, count: 6 },
        { slot: 2, count: 1 },
        { slot: 3, count: 0 },
      ],
      duplicateLines: 2,
    });
    expect(res.body.included).toBe(4);
    expect(res.body.excluded).toBe(4);
    expect(res.body.duplicateAddresses).toEqual([
      { address: 'SHARED@example.test', accountCodes: ['F0002', 'F0003'], count: 2 },
    ]);
    expect(
      res.body.lines.map((line: { code: string; addressLabel: string; exclusionReason: string | null }) => [
        line.code,
        line.addressLabel,
        line.exclusionReason,
      ]),
    ).toEqual([
      ['F0001', 'f1@example.test', null],
      ['F0002', 'shared@example.test', null],
      ['F0003', 'SHARED@example.test', null],
      ['F0004', '未設定', 'EMAIL_NOT_SET'],
      ['F0005', '未設定', 'EMAIL_NOT_SET'],
      ['F0006', 'f6@example.test', 'ACCOUNT_DISABLED'],
      ['F0007', 'f7@example.test', 'ALREADY_ISSUED'],
      ['F0008', 'f0008@example.test', null],
    ]);
    expect(res.body.lines.filter((line: { duplicateAddress: boolean }) => line.duplicateAddress)).toHaveLength(2);
    const codes = res.body.messages.map((message: { code: string }) => message.code);
    expect(codes).toEqual(['DUPLICATE_ADDRESS', 'ALREADY_ISSUED', 'BULK_CONFIRMATION']);
    expect(res.body.estimate.seconds).toBeGreaterThan(0);
  });

  it('selects exactly the accounts the list shows for the same filters', async () => {
    for (const filter of [filterF, { code: 'F' }, { code: 'F', issuanceStatus: 'unissued' }, { type: 'own' }]) {
      const list = await h.http
        .get('/api/accounts')
        .query({ ...filter, limit: 500 })
        .set('Authorization', `Bearer ${admin}`);
      const preview = await post(admin, '/api/email-issuances/preview', { filter });
      expect(preview.body.selection.selected).toBe(list.body.total);
      expect(preview.body.lines.map((line: { code: string }) => line.code)).toEqual(
        list.body.items.slice(0, 100).map((item: { code: string }) => item.code),
      );
    }
  });

  it('takes the address slot for everybody', async () => {
    const res = await post(admin, '/api/email-issuances/preview', { filter: { code: 'F0005' }, emailSlot: 2 });
    expect(res.body.included).toBe(1);
    expect(res.body.lines[0].address).toBe('f5-second@example.test');
  });

  it('leaves out, as NOT_PERMITTED, accounts a custom role may not issue to, and the caller itself', async () => {
    const res = await post(issuer, '/api/email-issuances/preview', { filter: filterF });
    expect(res.status).toBe(200);
    expect(res.body.selection.excludedBy).toEqual({
      EMAIL_NOT_SET: 2,
      ACCOUNT_DISABLED: 1,
      ALREADY_ISSUED: 1,
      NOT_PERMITTED: 1,
    });
    expect(res.body.lines.find((line: { code: string }) => line.code === 'F0008').exclusionReason).toBe(
      'NOT_PERMITTED',
    );
    // The caller's own account, as if never logged in (else it is ALREADY_ISSUED first): still left out.
    await h.db.orm.em.fork().nativeUpdate(Account, { code: 'CR01' }, { lastLoginAt: null });
    const own = await post(issuer, '/api/email-issuances/preview', { filter: { code: 'CR01' } });
    expect(own.body.selection.excludedBy).toEqual({ NOT_PERMITTED: 1 });
    expect(own.body.included).toBe(0);
  });

  it('is refused to a role without issuance:issue, and never reaches another company', async () => {
    expect((await post(employee, '/api/email-issuances/preview', { filter: filterF })).status).toBe(403);
    expect((await post(employee, '/api/email-issuances/bulk', { filter: filterF })).status).toBe(403);
    expect((await postFile(employee, '/api/email-issuances/preview-file', 'F0001\n')).status).toBe(403);
    const res = await post(other, '/api/email-issuances/preview', { filter: { code: 'F' } });
    expect(res.status).toBe(200);
    expect(res.body.lines.map((line: { code: string }) => line.code)).toEqual(['F0009']);
    const file = await postFile(other, '/api/email-issuances/preview-file', 'F0001\n');
    expect(file.status).toBe(400);
    expect(file.body.error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', field: 'file' });
  });

  it('refuses a body with both or neither selection, and a filter matching nobody at the start', async () => {
    const both = await post(admin, '/api/email-issuances/preview', { filter: filterF, accounts: [{ code: 'F0001' }] });
    expect(both.status).toBe(400);
    expect((await post(admin, '/api/email-issuances/preview', {})).status).toBe(400);
    const slotWithList = await post(admin, '/api/email-issuances/bulk', {
      accounts: [{ code: 'F0001' }],
      emailSlot: 2,
    });
    expect(slotWithList.status).toBe(400);
    const nobody = { filter: { departmentCode: 'NOPE' } };
    const preview = await post(admin, '/api/email-issuances/preview', nobody);
    expect(preview.status).toBe(200);
    expect(preview.body.selection.selected).toBe(0);
    const start = await post(admin, '/api/email-issuances/bulk', nobody);
    expect(start.status).toBe(400);
    expect(start.body.error.code).toBe('NOTHING_SELECTED');
    expect(await h.db.orm.em.fork().count(BulkRunItem, {})).toBe(0);
  });

  it('starts a run whose items PostgreSQL writes; each included employee gets one mail', async () => {
    const res = await post(admin, '/api/email-issuances/bulk', { filter: filterF });
    expect(res.status).toBe(202);
    expect(res.body.selection.selected).toBe(8);
    const items = await finishedItems(admin, res.body.runId);
    expect(
      items.map((item) => [item.position, item.accountCode, item.state === 'skipped' ? item.reason : 'sent']),
    ).toEqual([
      [1, 'F0001', 'sent'],
      [2, 'F0002', 'sent'],
      [3, 'F0003', 'sent'],
      [4, 'F0004', 'EMAIL_NOT_SET'],
      [5, 'F0005', 'EMAIL_NOT_SET'],
      [6, 'F0006', 'ACCOUNT_DISABLED'],
      [7, 'F0007', 'ALREADY_ISSUED'],
      [8, 'F0008', 'sent'],
    ]);
    await eventually(async () => {
      expect(mailsTo('f1@example.test')).toHaveLength(1);
      expect(mailsTo('f0008@example.test')).toHaveLength(1);
      expect(h.smtp.mails.filter((mail) => mail.to.join().toLowerCase().includes('shared@example.test'))).toHaveLength(
        2,
      );
    });
    expect(mailsTo('f6@example.test')).toHaveLength(0);
    expect(mailsTo('f7@example.test')).toHaveLength(0);
  });
});

describe('a selection by an uploaded file of codes', () => {
  it('is previewed in the file order, a header line skipped', async () => {
    const res = await postFile(
      admin,
      '/api/email-issuances/preview-file',
      '\uFEFFアカウントコード\r\nG0002\r\nG0001\r\n\r\n',
    );
    expect(res.status).toBe(200);
    expect(res.body.selection.selected).toBe(2);
    expect(res.body.lines.map((line: { code: string }) => line.code)).toEqual(['G0002', 'G0001']);
  });

  it('refuses a repeated or unknown code naming the file, and starts nothing', async () => {
    const repeated = await postFile(admin, '/api/email-issuances/bulk-file', 'G0001\nG0002\nG0001\n');
    expect(repeated.status).toBe(400);
    expect(repeated.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    const unknown = await postFile(admin, '/api/email-issuances/bulk-file', 'G0001\nZ9999\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', field: 'file' });
    expect((await postFile(admin, '/api/email-issuances/bulk-file', '\n\n')).status).toBe(400);
    expect(mailsTo('g1@example.test')).toHaveLength(0);
  });

  it('starts a run in the file order; each employee gets one mail', async () => {
    const res = await postFile(admin, '/api/email-issuances/bulk-file', 'G0002\nG0001\n');
    expect(res.status).toBe(202);
    const items = await finishedItems(admin, res.body.runId);
    expect(items.map((item) => [item.position, item.accountCode, item.state])).toEqual([
      [1, 'G0002', 'pendingVerification'],
      [2, 'G0001', 'pendingVerification'],
    ]);
    await eventually(async () => {
      expect(mailsTo('g1@example.test')).toHaveLength(1);
      expect(mailsTo('g2@example.test')).toHaveLength(1);
    });
  });
});

describe('a bulk PDF run by the list filters', () => {
  it('is previewed and started for the accounts the filter selects, resolved on the server', async () => {
    const preview = await post(admin, '/api/pdf-issuances/preview', { filter: { code: 'P' } });
    expect(preview.status).toBe(200);
    expect(preview.body.lines.map((line: { code: string; included: boolean }) => [line.code, line.included])).toEqual([
      ['P0001', true],
      ['P0002', true],
    ]);
    const started = await post(admin, '/api/pdf-issuances', { filter: { code: 'P' } });
    expect(started.status).toBe(202);
    expect(started.body.total).toBe(2);
  });

  it('asks the policy per account, stays in the company, and refuses nobody or more than a PDF holds', async () => {
    const refused = await post(issuer, '/api/pdf-issuances/preview', { filter: { code: 'F0008' } });
    expect(refused.body.lines[0].exclusionReason).toBe('NOT_PERMITTED');
    expect((await post(employee, '/api/pdf-issuances/preview', { filter: { code: 'P' } })).status).toBe(403);
    const elsewhere = await post(other, '/api/pdf-issuances', { filter: { code: 'P' } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.code).toBe('NOTHING_SELECTED');
    expect((await post(admin, '/api/pdf-issuances', { filter: { code: 'P' }, accountCodes: ['P0001'] })).status).toBe(
      400,
    );
    await insertAccounts(
      h,
      Array.from({ length: 2001 }, (_, i) => ({ code: `T${String(i + 1).padStart(5, '0')}` })),
    );
    const tooMany = await post(admin, '/api/pdf-issuances', { filter: { code: 'T' } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'TOO_MANY_SELECTED', field: 'filter' });
  });
});
