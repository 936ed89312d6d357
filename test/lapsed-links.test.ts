import { randomUUID } from 'node:crypto';
import { TaskQueues, workflowTypes, type BulkRunProgress } from '../contract';
import {
  adminToken,
  createAccount,
  credentialsFrom,
  eventually,
  getAccount,
  login,
  startIssuance,
  verificationPath,
} from './support/api';
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

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  h.db.orm.em.getConnection().execute<T[]>(query, params);

/** One run of the sweep the `verification-link-expiry` Schedule starts every minute, on the test's worker. */
const sweep = () =>
  h.env.client.workflow.execute(workflowTypes.verificationLinkExpiry, {
    taskQueue: TaskQueues.main,
    workflowId: `verification-link-expiry-${randomUUID()}`,
    args: [],
  }) as Promise<{ linksExpired: number; confirmationsResumed: number }>;

/** The validity of these issuances' links ended a minute ago (as if the hours had passed). */
const lapse = (codes: string[], slot?: number) =>
  sql(
    `UPDATE issuance SET expires_at = now() - interval '1 minute'
       WHERE status = 'pending' AND account_id IN (SELECT id FROM account WHERE code IN (?))
         ${slot === undefined ? '' : `AND email_slot = ${slot}`}`,
    [codes],
  );

const mailTo = (address: string) => h.smtp.waitFor((m: ReceivedMail) => m.to.includes(address));

describe('links of a bulk run: no workflow until the click, ended by the lapsed-link sweep', () => {
  it('ends lapsed links as 期限切れ (audited, ended), keeps the others and the round’s waiting link, skips a locked account', async () => {
    for (const n of [1, 2, 3, 4]) {
      await createAccount(h, admin, { code: `L000${n}`, emails: [`l${n}@example.test`, `l${n}.b@example.test`] });
    }
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [1, 2, 3].map((n) => ({ code: `L000${n}` })) });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    const progress = async () =>
      (await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${admin}`)).body
        .progress as BulkRunProgress;
    await eventually(async () => expect((await progress()).pendingVerification).toBe(3), 60_000);
    const links = new Map<string, string>();
    for (const n of [1, 2, 3]) links.set(`L000${n}`, verificationPath(await mailTo(`l${n}@example.test`)));

    // L0004: a round of two links (two addresses); only the first one lapses.
    expect((await startIssuance(h, admin, 'L0004', { emailSlot: 1 })).status).toBe(202);
    await mailTo('l4@example.test');
    expect((await startIssuance(h, admin, 'L0004', { emailSlot: 2 })).status).toBe(202);
    await mailTo('l4.b@example.test');
    await eventually(async () => {
      const [row] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM issuance i JOIN account a ON a.id = i.account_id
          WHERE a.code = 'L0004' AND i.status = 'pending'`,
      );
      expect(Number(row!.n)).toBe(2);
    });

    // Nothing lapsed yet: the sweep changes nothing.
    expect(await sweep()).toMatchObject({ linksExpired: 0, confirmationsResumed: 0 });

    await lapse(['L0001', 'L0002']);
    await lapse(['L0004'], 1);
    // The link stops working at its end, before any sweep.
    const early = await h.http.get(links.get('L0001')!);
    expect(early.status).toBe(410);
    expect(early.text).toContain('有効期限が切れています');

    // A click (or a new issuance) holding L0002's account: the sweep leaves it for the next one.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = h.db.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`SELECT id FROM account WHERE code = 'L0002' FOR UPDATE`);
      locked();
      await held;
    });
    await lockTaken;
    expect(await sweep()).toMatchObject({ linksExpired: 2, confirmationsResumed: 0 });
    release();
    await holding;
    expect(await sweep()).toMatchObject({ linksExpired: 1, confirmationsResumed: 0 });
    expect(await sweep()).toMatchObject({ linksExpired: 0, confirmationsResumed: 0 });

    expect((await getAccount(h, admin, 'L0001')).statusLabels.auth).toBe('期限切れ');
    expect((await getAccount(h, admin, 'L0002')).authStatus).toBe('expired');
    // L0003's link did not lapse; L0004's second address still waits, so its account still waits too.
    expect((await getAccount(h, admin, 'L0003')).authStatus).toBe('pending');
    expect((await getAccount(h, admin, 'L0004')).authStatus).toBe('pending');

    const rows = await sql<{ code: string; email_slot: number; status: string; ended_at: Date | null }>(
      `SELECT a.code, i.email_slot, i.status, i.ended_at FROM issuance i JOIN account a ON a.id = i.account_id
        WHERE a.code LIKE 'L000%' ORDER BY a.code, i.sequence`,
    );
    expect(rows.map((row) => [row.code, row.email_slot, row.status, row.ended_at !== null])).toEqual([
      ['L0001', 1, 'expired', true],
      ['L0002', 1, 'expired', true],
      ['L0003', 1, 'pending', false],
      ['L0004', 1, 'expired', true],
      ['L0004', 2, 'pending', false],
    ]);
    const progressAfter = await progress();
    expect(progressAfter).toMatchObject({ expired: 2, pendingVerification: 1 });

    // Each expiry is in the audit trail once, by the service.
    const events = await sql<{ code: string; actor_kind: string; actor_code: string }>(
      `SELECT a.code, e.actor_kind, e.actor_code FROM audit_event e JOIN account a ON a.id::text = e.target_id
        WHERE e.action = 'issuance.expired' ORDER BY a.code`,
    );
    expect(events).toEqual([
      { code: 'L0001', actor_kind: 'system', actor_code: 'issuance' },
      { code: 'L0002', actor_kind: 'system', actor_code: 'issuance' },
      { code: 'L0004', actor_kind: 'system', actor_code: 'issuance' },
    ]);

    // The link that did not lapse still works: the click starts the employee's workflow and issues.
    expect((await h.http.post(links.get('L0003')!)).status).toBe(200);
    await mailTo('l3@example.test').then(() =>
      h.smtp.waitFor((m) => m.to.includes('l3@example.test') && m.subject.includes('ログイン情報')),
    );
    const refused = await h.http.post(links.get('L0001')!);
    expect(refused.status).toBe(410);
  });

  it('starts the workflow of a confirmed issuance whose click never reached Temporal, and leaves a running one alone', async () => {
    await createAccount(h, admin, { code: 'L0005', emails: ['l5@example.test'] });
    await createAccount(h, admin, { code: 'L0006', emails: ['l6@example.test'] });
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: 'L0005' }] });
    expect(started.status).toBe(202);
    await mailTo('l5@example.test');
    // L0006: a single issuance, whose workflow runs (it waits for the click).
    expect((await startIssuance(h, admin, 'L0006', { emailSlot: 1 })).status).toBe(202);
    await mailTo('l6@example.test');
    await eventually(async () => {
      const [row] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM issuance i JOIN account a ON a.id = i.account_id
          WHERE a.code IN ('L0005', 'L0006') AND i.status = 'pending'`,
      );
      expect(Number(row!.n)).toBe(2);
    });

    // Both confirmed three minutes ago, as the click's transaction records it, but the API died before it told
    // Temporal: L0005 (a bulk run's employee) has no workflow at all.
    await sql(
      `UPDATE issuance SET status = 'verified', verified_at = now() - interval '3 minutes', token_consumed_at = now()
        WHERE account_id IN (SELECT id FROM account WHERE code IN ('L0005', 'L0006'))`,
    );
    await sql(`UPDATE account SET auth_status = 'verified' WHERE code IN ('L0005', 'L0006')`);

    expect(await sweep()).toEqual({ linksExpired: 0, confirmationsResumed: 1 });
    const credentials = credentialsFrom(
      await h.smtp.waitFor((m) => m.to.includes('l5@example.test') && m.subject.includes('ログイン情報')),
    );
    expect((await login(h, 'L0005', credentials.password)).status).toBe(200);
    await eventually(async () => expect((await getAccount(h, admin, 'L0005')).passwordStatus).toBe('issued'));
    // Nothing left to resume: L0005 is issued, L0006's workflow is running.
    expect(await sweep()).toEqual({ linksExpired: 0, confirmationsResumed: 0 });
    expect(
      h.smtp.mails.filter((m) => m.subject.includes('ログイン情報') && m.to.includes('l5@example.test')),
    ).toHaveLength(1);
  });
});
