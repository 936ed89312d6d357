import { randomUUID } from 'node:crypto';
import {
  bulkRunReconciliationScheduleId,
  housekeepingScheduleId,
  verificationLinkExpiryScheduleId,
  type HousekeepingResult,
} from '../contract';
import { desiredSchedules, ensureSchedules } from '../worker/schedules';
import { adminToken, createAccount, eventually, login } from './support/api';
import { createHarness, testSecretBox, type Harness } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  h.db.orm.em.getConnection().execute<T[]>(query, params);

describe('housekeeping on a Temporal Schedule', () => {
  it('creates the schedule idempotently and brings a changed one back to the desired spec', async () => {
    await ensureSchedules(h.env.client, h.logger);
    await ensureSchedules(h.env.client, h.logger);
    const handle = h.env.client.schedule.getHandle(housekeepingScheduleId);
    const described = await handle.describe();
    expect(described.spec.intervals).toMatchObject([{ every: 3_600_000 }]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'housekeeping' });

    await ensureSchedules(h.env.client, h.logger, desiredSchedules({ housekeepingEvery: '10 minutes' }));
    expect((await handle.describe()).spec.intervals).toMatchObject([{ every: 600_000 }]);
    await ensureSchedules(h.env.client, h.logger);
    expect((await handle.describe()).spec.intervals).toMatchObject([{ every: 3_600_000 }]);

    const reconciliation = h.env.client.schedule.getHandle(bulkRunReconciliationScheduleId);
    const reconciliationSchedule = await reconciliation.describe();
    expect(reconciliationSchedule.spec.intervals).toMatchObject([{ every: 120_000 }]);
    expect(reconciliationSchedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'bulkRunReconciliation',
    });
    // Its own test is test/idempotency.test.ts; here it would close the lost run before the sweep counts it.
    await reconciliation.delete();

    // The links a bulk run mailed have no timer of their own: this sweep ends them (test/lapsed-links.test.ts).
    const linkExpiry = await h.env.client.schedule.getHandle(verificationLinkExpiryScheduleId).describe();
    expect(linkExpiry.spec.intervals).toMatchObject([{ every: 60_000 }]);
    expect(linkExpiry.action).toMatchObject({ type: 'startWorkflow', workflowType: 'verificationLinkExpiry' });
  });

  it('purges expired and revoked sessions, secrets of ended issuances, expired notices and lost bulk runs', async () => {
    await createAccount(h, admin, { code: 'K0001', password: 'Keep-this-passw0rd', mustChangePassword: false });
    const session = async () => (await login(h, 'K0001', 'Keep-this-passw0rd')).body.token as string;
    const [expired, revoked, live] = [await session(), await session(), await session()];
    const hashOf = (token: string) => testSecretBox.hashToken(token);
    await sql(`UPDATE "session" SET expires_at = now() - interval '1 minute' WHERE token_hash = ?`, [hashOf(expired)]);
    await sql(`UPDATE "session" SET revoked_at = now() WHERE token_hash = ?`, [hashOf(revoked)]);

    const companyId = (await sql<{ id: string }>(`SELECT id FROM company WHERE code = 'acme'`))[0]!.id;
    const accountId = (await sql<{ id: string }>(`SELECT id FROM account WHERE code = 'K0001'`))[0]!.id;
    const issuance = async (status: string) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO issuance (id, created_at, updated_at, company_id, account_id, sequence, kind, channel, email_slot,
           email_address, status, workflow_id, sealed_token, sealed_password)
         VALUES (?, now(), now(), ?, ?, (SELECT coalesce(max(sequence), 0) + 1 FROM issuance), 'initial', 'email', 1,
           'k@example.test', ?, ?, 'sealed-token', 'sealed-password')`,
        [id, companyId, accountId, status, `wf-${id}`],
      );
      return id;
    };
    const ended = await issuance('expired');
    const sending = await issuance('sending');
    const notice = async (expiresIn: string) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO password_notice (id, created_at, updated_at, company_id, download_token_hash, sealed_content,
           expires_at, bulk_total) VALUES (?, now(), now(), ?, ?, 'sealed-pdf', now() + ?::interval, 1)`,
        [id, companyId, randomUUID().replace(/-/g, ''), expiresIn],
      );
      await sql(
        `INSERT INTO password_notice_item (id, created_at, updated_at, notice_id, position, account_id, sealed_password)
         VALUES (?, now(), now(), ?, 0, ?, 'sealed-password')`,
        [randomUUID(), id, accountId],
      );
      return id;
    };
    const expiredNotice = await notice('-1 minute');
    const liveNotice = await notice('10 minutes');
    const bulkRun = async (age: string) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO bulk_run (id, created_at, updated_at, company_id, may_reissue, total, workflow_id)
         VALUES (?, now() - ?::interval, now(), ?, false, 0, ?)`,
        [id, age, companyId, `bulk-${id}`],
      );
      return id;
    };
    const lostRun = await bulkRun('2 days');
    const recentRun = await bulkRun('1 minute');

    const handle = h.env.client.schedule.getHandle(housekeepingScheduleId);
    await handle.trigger();
    const started = await eventually(async () => {
      const [action] = (await handle.describe()).info.recentActions;
      if (!action) throw new Error('the schedule has not started the sweep yet');
      return action.action.workflow;
    }, 15_000);
    const run = h.env.client.workflow.getHandle(started.workflowId, started.firstExecutionRunId);
    const result = (await run.result()) as HousekeepingResult;
    expect(result).toEqual({
      sessionsDeleted: 2,
      issuanceSecretsDeleted: 1,
      noticesDiscarded: 1,
      noticePasswordsDeleted: 1,
      idempotencyKeysDeleted: 0,
      bulkRunsClosed: 1,
      auditEventsPruned: 0,
    });

    expect((await h.http.get('/api/auth/me').set('Authorization', `Bearer ${live}`)).status).toBe(200);
    const sessions = await sql<{ token_hash: string }>(`SELECT token_hash FROM "session"`);
    expect(sessions.map((row) => row.token_hash)).not.toContain(hashOf(expired));
    expect(sessions.map((row) => row.token_hash)).not.toContain(hashOf(revoked));
    const secrets = await sql<{ id: string; sealed_token: string | null }>(
      `SELECT id, sealed_token FROM issuance WHERE id IN (?, ?)`,
      [ended, sending],
    );
    expect(Object.fromEntries(secrets.map((row) => [row.id, row.sealed_token]))).toEqual({
      [ended]: null,
      [sending]: 'sealed-token',
    });
    const notices = await sql<{ id: string; sealed_content: string | null }>(
      `SELECT id, sealed_content FROM password_notice WHERE id IN (?, ?)`,
      [expiredNotice, liveNotice],
    );
    expect(Object.fromEntries(notices.map((row) => [row.id, row.sealed_content]))).toEqual({
      [expiredNotice]: null,
      [liveNotice]: 'sealed-pdf',
    });
    const runs = await sql<{ id: string; finished_at: Date | null }>(
      `SELECT id, finished_at FROM bulk_run WHERE id IN (?, ?)`,
      [lostRun, recentRun],
    );
    const finished = Object.fromEntries(runs.map((row) => [row.id, row.finished_at !== null]));
    expect(finished).toEqual({ [lostRun]: true, [recentRun]: false });
  });
});
