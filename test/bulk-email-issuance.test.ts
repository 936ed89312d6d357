import { bootstrapCompany } from '../lib/bootstrap';
import { WorkflowNotFoundError } from '@temporalio/client';
import { bulkRunProgressQuery, SearchAttributes, type BulkRunProgress } from '../contract';
import { BulkRun, Issuance } from '../entities';
import { adminToken, credentialsFrom, eventually, login, verificationPath } from './support/api';
import { insertAccounts, type BulkAccountRow } from './support/bulk-accounts';
import { createHarness, type Harness } from './support/harness';
import type { ReceivedMail } from './support/smtp';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const total = 220;
const code = (i: number) => `B${String(i).padStart(4, '0')}`;
const shared = 'shared@example.test';

interface Planned {
  row: BulkAccountRow;
  selection: { code: string; emailSlot?: 1 | 2 | 3; typedAddress?: string };
  /** The address the verification mail must go to, or null when the employee is excluded (未設定). */
  expected: string | null;
}

/** A mix of slots, a shared (duplicate) address, employees without any address and typed addresses. */
function plan(i: number): Planned {
  const c = code(i);
  if (i % 20 === 0) {
    const typed = `typed${i}@example.test`;
    return { row: { code: c }, selection: { code: c, typedAddress: typed }, expected: typed };
  }
  if (i % 10 === 0) return { row: { code: c }, selection: { code: c }, expected: null };
  if (i % 7 === 0) {
    const second = `b${i}.second@example.test`;
    return {
      row: { code: c, emails: [`b${i}@example.test`, second] },
      selection: { code: c, emailSlot: 2 },
      expected: second,
    };
  }
  if (i % 11 === 0) {
    const third = `b${i}.third@example.test`;
    return {
      row: { code: c, emails: [`b${i}@example.test`, undefined, third] },
      selection: { code: c, emailSlot: 3 },
      expected: third,
    };
  }
  if (i % 13 === 0) return { row: { code: c, emails: [shared] }, selection: { code: c }, expected: shared };
  return { row: { code: c, emails: [`b${i}@example.test`] }, selection: { code: c }, expected: `b${i}@example.test` };
}

const planned = Array.from({ length: total }, (_, index) => plan(index + 1));
const selection = { accounts: planned.map((p) => p.selection) };
const included = planned.filter((p) => p.expected !== null);
const excluded = planned.filter((p) => p.expected === null);

const buckets = (p: BulkRunProgress) =>
  p.queued +
  p.sending +
  p.pendingVerification +
  p.verified +
  p.issued +
  p.expired +
  p.superseded +
  p.failed +
  p.skipped;

// 000 names the bulk run's verification mail 「【anyplace】アカウント認証依頼」 (the single one 「…認証のお願い」).
const verificationMails = (): ReceivedMail[] =>
  h.smtp.mails.filter((m) => m.subject === '【anyplace】アカウント認証依頼');
const recipientCode = (mail: ReceivedMail) => /試験 (B\d{4}) 様/.exec(mail.text)?.[1];

async function summary(runId: string) {
  const res = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${admin}`);
  expect(res.status).toBe(200);
  return res.body as {
    finishedAt: string | null;
    secondsPerMail: number | null;
    progress: BulkRunProgress;
    workflowId: string;
  };
}

describe('bulk e-mail issuance (●メール且つ一括送信)', () => {
  beforeAll(async () => {
    await insertAccounts(
      h,
      planned.map((p) => p.row),
    );
  });

  it('previews each address, 未設定 employees excluded, duplicate warnings and an estimate', async () => {
    const res = await h.http
      .post('/api/email-issuances/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send(selection);
    expect(res.status).toBe(200);
    expect(res.body.included).toBe(included.length);
    expect(res.body.excluded).toBe(excluded.length);
    for (const [index, p] of planned.entries()) {
      const line = res.body.lines[index];
      expect(line.code).toBe(p.selection.code);
      expect(line.address).toBe(p.expected);
      expect(line.included).toBe(p.expected !== null);
      if (p.expected === null) expect(line).toMatchObject({ addressLabel: '未設定', exclusionReason: 'EMAIL_NOT_SET' });
    }
    const sharedHolders = planned.filter((p) => p.expected === shared).map((p) => p.selection.code);
    expect(sharedHolders.length).toBeGreaterThan(1);
    expect(res.body.duplicateAddresses).toEqual([{ address: shared, accountCodes: sharedHolders }]);
    expect(res.body.estimate.measured).toBe(false);
    expect(res.body.estimate.seconds).toBe(Math.ceil(included.length * res.body.estimate.secondsPerMail));
  });

  it('refuses unknown codes and typed addresses for employees who have one, naming the field', async () => {
    const unknown = await h.http
      .post('/api/email-issuances/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: code(1) }, { code: 'NOPE' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('accounts.1.code');
    const typed = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: code(1), typedAddress: 'other@example.test' }] });
    expect(typed.status).toBe(400);
    expect(typed.body.error.field).toBe('accounts.0.typedAddress');
    const invalid = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: code(10), typedAddress: 'not an address' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toBe('accounts.0.typedAddress');
  });

  it('sends one address per employee per run: the same employee twice (another slot) is refused, nothing starts', async () => {
    const twice = { accounts: [{ code: code(7), emailSlot: 1 }, { code: code(3) }, { code: code(7), emailSlot: 2 }] };
    for (const path of ['/api/email-issuances/preview', '/api/email-issuances/bulk']) {
      const res = await h.http.post(path).set('Authorization', `Bearer ${admin}`).send(twice);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'accounts.2.code' });
    }
    expect(await h.db.orm.em.fork().count(BulkRun, {})).toBe(0);
    expect(verificationMails()).toHaveLength(0);
  });

  it('mails each included employee once (subject 【anyplace】アカウント認証依頼), survives a worker restart, and the progress always adds up', async () => {
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send(selection);
    expect(started.status).toBe(202);
    const { runId, workflowId } = started.body as { runId: string; workflowId: string };
    expect(workflowId).toBe(`bulk-acme-${runId}`);
    const handle = h.env.client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    expect(description.memo).toEqual({ purpose: 'bulk email issuance', runId, total });

    const polls: BulkRunProgress[] = [];
    const poll = async () => {
      const { progress } = await summary(runId);
      polls.push(progress);
      expect(progress.total).toBe(total);
      expect(buckets(progress)).toBe(total);
      return progress;
    };

    // Stop the worker in the middle of the run, as a crash or deploy would, then bring it back.
    await eventually(async () => {
      await poll();
      expect(verificationMails().length).toBeGreaterThanOrEqual(20);
    }, 60_000);
    await h.stopWorker();
    await poll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await poll();
    await h.startWorker();

    const done = await eventually(async () => {
      const current = await summary(runId);
      expect(buckets(current.progress)).toBe(total);
      const queried = await handle.query(bulkRunProgressQuery).catch(() => null);
      if (queried) expect(buckets(queried)).toBe(queried.total);
      expect(current.finishedAt).not.toBeNull();
      return current;
    }, 120_000);
    expect(polls.length).toBeGreaterThan(2);
    expect(done.progress).toMatchObject({ total, queued: 0, sending: 0, pendingVerification: included.length });
    expect(done.progress.skipped).toBe(excluded.length);
    expect(done.progress.failures.map((f) => f.accountCode)).toEqual(excluded.map((p) => p.selection.code));
    const result = await handle.result();
    expect(buckets(result)).toBe(total);

    // Exactly one verification mail per included employee, to the chosen address; none for the excluded.
    const byCode = new Map<string, ReceivedMail[]>();
    for (const mail of verificationMails()) {
      const recipient = recipientCode(mail)!;
      byCode.set(recipient, [...(byCode.get(recipient) ?? []), mail]);
    }
    for (const p of included) {
      const mails = byCode.get(p.selection.code) ?? [];
      expect(mails.map((m) => m.to)).toEqual([[p.expected]]);
    }
    for (const p of excluded) expect(byCode.get(p.selection.code)).toBeUndefined();
    expect(h.smtp.mails.filter((m) => m.subject.includes('認証のお願い'))).toHaveLength(0);

    // No employee got a second issuance (a restart must not start anyone twice).
    const issuances = await h.db.orm.em.fork().find(Issuance, {}, { populate: ['account'] });
    const perAccount = new Map<string, number>();
    for (const row of issuances)
      perAccount.set(row.account.getEntity().code, (perAccount.get(row.account.getEntity().code) ?? 0) + 1);
    for (const p of included) expect(perAccount.get(p.selection.code)).toBe(1);

    // The typed address was saved as メールアドレス1.
    const typedRes = await h.http.get(`/api/accounts/${code(20)}`).set('Authorization', `Bearer ${admin}`);
    expect(typedRes.body.emails[0]).toBe('typed20@example.test');

    // The chunk sent the mails, so no employee has a workflow until the click: thousands of waiting employees
    // cost the Temporal server nothing.
    for (const p of included) {
      const row = issuances.find((issuance) => issuance.account.getEntity().code === p.selection.code)!;
      await expect(h.env.client.workflow.getHandle(row.workflowId).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    }

    // A sample of employees confirm; their credentials log in.
    for (const sample of [code(1), code(7), code(20), code(13)]) {
      const mail = byCode.get(sample)![0]!;
      expect((await h.http.post(verificationPath(mail))).status).toBe(200);
      const credentials = await h.smtp.waitFor(
        (m) => m.subject.includes('ログイン情報のお知らせ') && recipientCode(m) === sample,
      );
      const { loginId, password } = credentialsFrom(credentials);
      expect(loginId).toBe(sample);
      expect((await login(h, loginId, password)).status).toBe(200);
    }
    const credentialMails = h.smtp.mails.filter((m) => m.subject.includes('ログイン情報のお知らせ'));
    expect(credentialMails).toHaveLength(4);
    // The click started the employee's workflow, which the operator finds by the run (BulkRunId in the Temporal UI).
    const clicked = issuances.find((issuance) => issuance.account.getEntity().code === code(7))!;
    const described = await eventually(async () => {
      const now = await h.env.client.workflow.getHandle(clicked.workflowId).describe();
      expect(now.status.name).toBe('COMPLETED');
      return now;
    }, 30_000);
    expect(described.typedSearchAttributes.get(SearchAttributes.bulkRunId)).toBe(runId);

    // The summary stays readable after the run, and the measured rate now feeds the estimate.
    const after = await summary(runId);
    expect(after.progress.issued).toBe(4);

    // 実行結果 per employee: every selected employee once, in selection order, in the bucket the summary counts.
    const items = await h.http
      .get(`/api/email-issuances/bulk/${runId}/items?limit=1000`)
      .set('Authorization', `Bearer ${admin}`);
    expect(items.status).toBe(200);
    const rows = items.body.items as { accountCode: string; state: string; address: string | null; reason: string }[];
    expect(rows.map((row) => row.accountCode)).toEqual(selection.accounts.map((entry) => entry.code));
    const stateCounts: Record<string, number> = {};
    for (const row of rows) stateCounts[row.state] = (stateCounts[row.state] ?? 0) + 1;
    expect(stateCounts).toEqual(
      Object.fromEntries(
        Object.entries(after.progress).filter(
          ([key, n]) => typeof n === 'number' && n > 0 && key !== 'total' && key !== 'estimatedSecondsRemaining',
        ),
      ),
    );
    for (const p of included) {
      expect(rows.find((row) => row.accountCode === p.selection.code)?.address).toBe(p.expected);
    }
    for (const p of excluded) {
      expect(rows.find((row) => row.accountCode === p.selection.code)).toMatchObject({
        state: 'skipped',
        address: null,
      });
    }
    const paged = await h.http
      .get(`/api/email-issuances/bulk/${runId}/items?offset=1&limit=2`)
      .set('Authorization', `Bearer ${admin}`);
    expect(paged.body.items.map((row: { accountCode: string }) => row.accountCode)).toEqual(
      selection.accounts.slice(1, 3).map((entry) => entry.code),
    );
    const preview = await h.http
      .post('/api/email-issuances/preview')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: code(1) }] });
    expect(preview.body.estimate.measured).toBe(true);
    expect(preview.body.estimate.secondsPerMail).toBeCloseTo(after.secondsPerMail!, 6);
  });

  it('estimates from the company’s own runs only: another company without runs still uses the default', async () => {
    await bootstrapCompany(h.db.orm.em.fork(), { code: 'eta2', name: '別会社', adminPassword: 'Other-Admin-passw0rd' });
    const other = await h.http
      .post('/api/auth/login')
      .send({ companyCode: 'eta2', loginId: 'Admin', password: 'Other-Admin-passw0rd' });
    expect(other.status).toBe(200);
    await insertAccounts(h, [{ code: 'X0001', emails: ['x0001@example.test'] }], 'eta2');
    const preview = await h.http
      .post('/api/email-issuances/preview')
      .set('Authorization', `Bearer ${other.body.token}`)
      .send({ accounts: [{ code: 'X0001' }] });
    expect(preview.status).toBe(200);
    expect(preview.body.estimate).toEqual({ seconds: 1, secondsPerMail: 0.1, measured: false });
  });
});
