import { randomUUID } from 'node:crypto';
import { workflowTypes } from '../contract';
import { generatedCsv } from './support/account-csv';
import { eventually } from './support/api';
import { insertAccounts } from './support/bulk-accounts';
import { withAdminHarness } from './support/admin-harness';

/**
 * Idempotency-Key on the POSTs that start work: a retry with the same key and request answers the first
 * answer and starts nothing; another request under the key is 422; two at once make one run. And a run whose
 * workflow never started (the API died between its commit and the start) is closed by the reconciliation.
 */
const t = withAdminHarness();

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  t.h.db.orm.em.getConnection().execute<T[]>(query, params);
const addressOf = (code: string) => `${code.toLowerCase()}@example.test`;
const post = (path: string, key?: string) => {
  const request = t.h.http.post(path).set('Authorization', `Bearer ${t.admin}`);
  return key === undefined ? request : request.set('Idempotency-Key', key);
};

describe('Idempotency-Key', () => {
  it('a bulk e-mail POST sent twice with one key makes one run and one mail per employee', async () => {
    const codes = ['I0001', 'I0002', 'I0003'];
    await insertAccounts(
      t.h,
      codes.map((code) => ({ code, emails: [addressOf(code)] })),
    );
    const key = randomUUID();
    const body = { accounts: codes.map((code) => ({ code })) };
    const first = await post('/api/email-issuances/bulk', key).send(body);
    expect(first.status).toBe(202);
    const again = await post('/api/email-issuances/bulk', key).send(body);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    const other = await post('/api/email-issuances/bulk', key).send({ accounts: [{ code: 'I0001' }] });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    await eventually(async () => {
      const res = await t.h.http
        .get(`/api/email-issuances/bulk/${first.body.runId}`)
        .set('Authorization', `Bearer ${t.admin}`);
      expect(res.body.finishedAt).not.toBeNull();
      expect(res.body.progress).toMatchObject({ pendingVerification: codes.length });
    }, 60_000);
    const runs = await sql<{ n: number }>(
      `select count(distinct it.run_id)::int as n from bulk_run_item it join account a on a.id = it.account_id
        where a.code like 'I%'`,
    );
    expect(runs[0]!.n).toBe(1);
    for (const code of codes) {
      expect({ code, mails: t.h.smtp.mails.filter((mail) => mail.to.includes(addressOf(code))).length }).toEqual({
        code,
        mails: 1,
      });
    }
  });

  it('two requests with one key at the same moment: one run; the other waits its turn (409) or gets the answer', async () => {
    const codes = ['J0001', 'J0002'];
    await insertAccounts(
      t.h,
      codes.map((code) => ({ code, emails: [addressOf(code)] })),
    );
    const key = randomUUID();
    const body = { accounts: codes.map((code) => ({ code })) };
    const answers = await Promise.all([
      post('/api/email-issuances/bulk', key).send(body),
      post('/api/email-issuances/bulk', key).send(body),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect([
      [202, 202],
      [202, 409],
    ]).toContainEqual(statuses);
    const refused = answers.find((answer) => answer.status === 409);
    if (refused) expect(refused.body.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    const runs = await sql<{ n: number }>(
      `select count(distinct it.run_id)::int as n from bulk_run_item it join account a on a.id = it.account_id
        where a.code like 'J%'`,
    );
    expect(runs[0]!.n).toBe(1);
  });

  it('single issuance, PDF and import: a retry answers the first answer; the PDF link is kept sealed', async () => {
    await insertAccounts(t.h, [{ code: 'L0001', emails: [addressOf('L0001')] }]);
    const mailKey = randomUUID();
    const mail = await post('/api/accounts/L0001/email-issuances', mailKey).send({ emailSlot: 1 });
    expect(mail.status).toBe(202);
    const mailAgain = await post('/api/accounts/L0001/email-issuances', mailKey).send({ emailSlot: 1 });
    expect(mailAgain.body).toEqual(mail.body);
    const issuances = await sql<{ n: number }>(
      `select count(*)::int as n from issuance i join account a on a.id = i.account_id where a.code = 'L0001'`,
    );
    expect(issuances[0]!.n).toBe(1);

    await insertAccounts(t.h, [{ code: 'L0002' }]);
    const pdfKey = randomUUID();
    const pdf = await post('/api/accounts/L0002/pdf-issuances', pdfKey).send();
    expect(pdf.status).toBe(202);
    const pdfAgain = await post('/api/accounts/L0002/pdf-issuances', pdfKey).send();
    expect(pdfAgain.body.download.url).toBe(pdf.body.download.url);
    const token = String(pdf.body.download.url).split('/').pop()!;
    const stored = await sql<{ sealed_answer: string }>(`select sealed_answer from idempotency_key`);
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.sealed_answer).not.toContain(token);

    const importKey = randomUUID();
    const csv = (prefix: string) => Buffer.from(generatedCsv(2, { prefix }));
    const upload = (content: Buffer) =>
      post('/api/account-imports', importKey).set('Content-Type', 'text/csv').send(content);
    const imported = await upload(csv('Q'));
    expect(imported.status).toBe(202);
    const importedAgain = await upload(csv('Q'));
    expect(importedAgain.body.importId).toBe(imported.body.importId);
    expect((await upload(csv('V'))).status).toBe(422);
  });

  it('a key is the caller’s own: keys are stored hashed, never as sent', async () => {
    const key = `visible-${randomUUID()}`;
    await insertAccounts(t.h, [{ code: 'N0001', emails: [addressOf('N0001')] }]);
    expect((await post('/api/accounts/N0001/email-issuances', key).send({ emailSlot: 1 })).status).toBe(202);
    const rows = await sql<{ key_hash: string }>(`select key_hash from idempotency_key`);
    expect(rows.map((row) => row.key_hash)).not.toContain(key);
    expect(
      (await post('/api/accounts/N0001/email-issuances', 'bad key with spaces').send({ emailSlot: 1 })).status,
    ).toBe(400);
  });
});

describe('bulk run reconciliation', () => {
  it('a run recorded without its workflow is closed, and the t.admin sees it end with the reason', async () => {
    const codes = ['H0001', 'H0002'];
    await insertAccounts(
      t.h,
      codes.map((code) => ({ code, emails: [addressOf(code)] })),
    );
    const [company] = await sql<{ id: string; code: string }>(`select id, code from company where code = 'acme'`);
    const runId = randomUUID();
    // What a killed API leaves: the run and its items committed, no workflow started.
    await sql(
      `insert into bulk_run (id, created_at, updated_at, company_id, may_reissue, total, workflow_id)
       values (?, now() - interval '10 minutes', now(), ?, false, ?, ?)`,
      [runId, company!.id, codes.length, `bulk-${company!.code}-${runId}`],
    );
    for (const [position, code] of codes.entries()) {
      await sql(
        `insert into bulk_run_item (id, created_at, updated_at, run_id, position, account_id, email_slot, status)
         select ?, now(), now(), ?, ?, id, 1, 'queued' from account where code = ?`,
        [randomUUID(), runId, position, code],
      );
    }
    const before = await t.h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${t.admin}`);
    expect(before.body).toMatchObject({ finishedAt: null, progress: { queued: codes.length } });

    const result = await t.h.env.client.workflow.execute(workflowTypes.bulkRunReconciliation, {
      workflowId: `reconciliation-${runId}`,
      taskQueue: 'workforce',
    });
    expect(result).toEqual({ runsClosed: 1 });

    const after = await t.h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${t.admin}`);
    expect(after.body.finishedAt).not.toBeNull();
    expect(after.body.progress).toMatchObject({ queued: 0, skipped: codes.length });
    expect(after.body.progress.failures).toEqual(
      codes.map((accountCode) => ({ accountCode, outcome: 'skipped', reason: 'RUN_NOT_STARTED' })),
    );
    // A second sweep finds nothing left to close; nobody was mailed.
    const again = await t.h.env.client.workflow.execute(workflowTypes.bulkRunReconciliation, {
      workflowId: `reconciliation-again-${runId}`,
      taskQueue: 'workforce',
    });
    expect(again).toEqual({ runsClosed: 0 });
    expect(t.h.smtp.mails.filter((mail) => codes.some((code) => mail.to.includes(addressOf(code))))).toEqual([]);
  });

  it('an import and a bulk PDF run recorded without their workflows are closed: the import shows its rows to import again, the PDF run is withdrawn', async () => {
    const codes = ['H0101', 'H0102'];
    await insertAccounts(
      t.h,
      codes.map((code) => ({ code })),
    );
    const [company] = await sql<{ id: string; code: string }>(`select id, code from company where code = 'acme'`);
    const importId = randomUUID();
    await sql(
      `insert into account_import (id, created_at, updated_at, company_id, file_name, total, status, workflow_id)
       values (?, now() - interval '10 minutes', now(), ?, 'people.csv', 2, 'running', ?)`,
      [importId, company!.id, `account-import-${company!.code}-${importId}`],
    );
    for (const [index, code] of ['N0901', 'N0902'].entries()) {
      await sql(
        `insert into account_import_row (id, created_at, updated_at, account_import_id, row_number, code, cells, outcome)
         values (?, now(), now(), ?, ?, ?, '{}', 'pending')`,
        [randomUUID(), importId, index + 2, code],
      );
    }
    const noticeId = randomUUID();
    await sql(
      `insert into password_notice (id, created_at, updated_at, company_id, bulk_total, download_token_hash, expires_at)
       values (?, now() - interval '10 minutes', now(), ?, 2, ?, now() + interval '1 day')`,
      [noticeId, company!.id, randomUUID().replaceAll('-', '')],
    );
    for (const [position, code] of codes.entries()) {
      await sql(
        `insert into password_notice_item (id, created_at, updated_at, notice_id, position, account_id)
         select ?, now(), now(), ?, ?, id from account where code = ?`,
        [randomUUID(), noticeId, position, code],
      );
    }
    const get = (path: string) => t.h.http.get(path).set('Authorization', `Bearer ${t.admin}`);
    expect((await get(`/api/account-imports/${importId}`)).body).toMatchObject({ status: 'running' });
    expect((await get(`/api/pdf-issuances/${noticeId}`)).status).toBe(200);

    const result = await t.h.env.client.workflow.execute(workflowTypes.bulkRunReconciliation, {
      workflowId: `reconciliation-${importId}`,
      taskQueue: 'workforce',
    });
    expect(result).toEqual({ runsClosed: 2 });

    const closed = await get(`/api/account-imports/${importId}`);
    expect(closed.body).toMatchObject({ status: 'done', finishedAt: expect.any(String) });
    const rows = await sql<{ code: string; outcome: string; error_code: string }>(
      `select code, outcome, error_code from account_import_row where account_import_id = ? order by row_number`,
      [importId],
    );
    expect(rows).toEqual([
      { code: 'N0901', outcome: 'error', error_code: 'RUN_NOT_STARTED' },
      { code: 'N0902', outcome: 'error', error_code: 'RUN_NOT_STARTED' },
    ]);
    expect((await get(`/api/pdf-issuances/${noticeId}`)).status).toBe(404);
    // Nothing was issued to the PDF run's employees.
    for (const code of codes) {
      expect((await get(`/api/accounts/${code}/issuances`)).body).toMatchObject({ items: [] });
    }
  });
});
