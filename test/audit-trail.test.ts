import type { Client } from 'pg';
import {
  adminToken,
  assignment,
  createAccount,
  defaultInitialPassword,
  defineRole,
  eventually,
  login,
  otherCompanyAdmin,
  readySession,
} from './support/api';
import { purgeExpired } from '../domain/housekeeping';
import { asSuperuser, auditEvents, auditTrailText, latestAuditEvent, type AuditEvent } from './support/audit';
import { adminPassword, createHarness, type Harness } from './support/harness';

/** The audit trail (issue 21) through HTTP against a real database: what is recorded, who reads it, its chain. */
let h: Harness;
let admin: string;

function api(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, token = admin) {
  return h.http[method](path).set('Authorization', `Bearer ${token}`);
}

const events = (query: Record<string, string> = {}, token = admin) => auditEvents(h, token, query);
const latest = (action: string, query: Record<string, string> = {}) => latestAuditEvent(h, admin, action, query);
const superuser = <T>(work: (client: Client) => Promise<T>) => asSuperuser(h, work);

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

describe('what is recorded', () => {
  it('an account created, changed (role included) and deleted: actor, target and the fields before → after', async () => {
    await createAccount(h, admin, { code: 'AU001', roleCode: 'employee', emails: ['au001@example.test'] });
    const created = await latest('account.create', { account: 'AU001' });
    expect(created).toMatchObject({
      outcome: 'succeeded',
      actionText: 'アカウント登録',
      actor: { kind: 'account', code: 'Admin', role: 'system-admin' },
      target: { type: 'account', code: 'AU001', name: '山田 太郎' },
    });
    expect(created.requestId).toEqual(expect.any(String));
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: 'lastName', before: null, after: '山田' },
        { field: 'role', before: null, after: 'employee' },
        { field: 'password', changed: true },
      ]),
    );

    const patched = await api('patch', '/api/accounts/AU001').send({
      lastName: '佐藤',
      current: assignment('user-admin'),
    });
    expect(patched.status).toBe(200);
    const changed = await latest('account.update', { account: 'AU001' });
    expect(changed.changes).toEqual(
      expect.arrayContaining([
        { field: 'lastName', before: '山田', after: '佐藤' },
        { field: 'role', before: 'employee', after: 'user-admin' },
      ]),
    );
    expect(changed.target).toMatchObject({ code: 'AU001', name: '佐藤 太郎' });

    expect((await api('delete', '/api/accounts/AU001')).status).toBe(204);
    const deleted = await latest('account.delete', { account: 'AU001' });
    expect(deleted.changes).toEqual(expect.arrayContaining([{ field: 'lastName', before: '佐藤', after: null }]));
  });

  it('a change the policy refuses is recorded as refused, with the fields attempted and the refusal code', async () => {
    await createAccount(h, admin, { code: 'AU002', roleCode: 'system-admin' });
    const userAdmin = await readySession(h, admin, 'AU003', 'user-admin');
    const refused = await api('patch', '/api/accounts/AU002', userAdmin).send({ lastName: '乗取' });
    expect(refused.status).toBe(403);
    const event = await latest('access.refused', { actor: 'AU003' });
    expect(event).toMatchObject({
      outcome: 'refused',
      reason: refused.body.error.code,
      actor: { kind: 'account', code: 'AU003', role: 'user-admin' },
      target: { type: 'account', code: 'AU002' },
      details: { operation: 'PATCH /api/accounts/:code', fields: ['lastName'] },
    });
    // Nothing of the refused change itself.
    expect(await events({ action: 'account.update', account: 'AU002' })).toEqual([]);
  });
});

describe('who reads it', () => {
  it('an employee and a role without audit:read are refused; a custom role with it reads; another company sees none', async () => {
    const employee = await readySession(h, admin, 'AU010', 'employee');
    expect((await api('get', '/api/audit-events', employee)).status).toBe(403);
    await defineRole(h, admin, 'no-audit', ['accounts:read', 'settings:read']);
    const withoutAudit = await readySession(h, admin, 'AU011', 'no-audit');
    expect((await api('get', '/api/audit-events', withoutAudit)).status).toBe(403);
    expect((await api('post', '/api/audit-events/verify', withoutAudit)).status).toBe(403);
    await defineRole(h, admin, 'auditor', ['audit:read']);
    const auditor = await readySession(h, admin, 'AU012', 'auditor');
    expect((await events({}, auditor)).length).toBeGreaterThan(0);

    const other = await otherCompanyAdmin(h);
    const theirs = await events({}, other);
    expect(theirs.some((event) => event.target.code?.startsWith('AU'))).toBe(false);
    expect(theirs.some((event) => event.actor.code?.startsWith('AU'))).toBe(false);
  });

  it('pages newest first with a cursor, and answers the same selection as a formula-safe CSV', async () => {
    const first = await api('get', '/api/audit-events?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(Number(first.body.items[0].seq)).toBeGreaterThan(Number(first.body.items[1].seq));
    const second = await api('get', `/api/audit-events?limit=2&cursor=${first.body.nextCursor}`);
    expect(Number(second.body.items[0].seq)).toBeLessThan(Number(first.body.items[1].seq));

    await createAccount(h, admin, { code: 'AU020', lastName: '=1+2' });
    const csv = await api('get', '/api/audit-events?account=AU020').set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('アカウント登録');
    // The target's name begins with a formula character: the cell starts with an apostrophe instead.
    expect(csv.text).toContain(",'=1+2 太郎,");
    expect(csv.text).not.toMatch(/(^|,)"?=1\+2/m);
  });
});

describe('the chain', () => {
  it('verifies, and finds a row changed behind the service’s back; the service itself cannot change or delete one', async () => {
    const ok = await api('post', '/api/audit-events/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.body.checked).toBeGreaterThan(5);

    const connection = h.db.orm.em.getConnection();
    await expect(connection.execute(`update audit_event set target_name = 'x'`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`delete from audit_event`)).rejects.toThrow(/append-only/);

    const [{ seq }] = (await events({ action: 'account.create', account: 'AU002' })) as [AuditEvent];
    await superuser(async (client) => {
      await client.query(`set session_replication_role = replica`);
      await client.query(`update audit_event set target_name = '別人' where seq = $1 and target_code = 'AU002'`, [seq]);
    });
    const broken = await api('post', '/api/audit-events/verify');
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq, problem: 'row-altered' } });
    // Put back as it was, so that the chain verifies again.
    await superuser(async (client) => {
      await client.query(`set session_replication_role = replica`);
      await client.query(`update audit_event set target_name = '山田 太郎' where seq = $1 and target_code = 'AU002'`, [
        seq,
      ]);
    });
    expect((await api('post', '/api/audit-events/verify')).body.ok).toBe(true);
  });
});

describe('secrets', () => {
  it('no password or token of the test appears anywhere in the audit trail', async () => {
    const text = await auditTrailText(h);
    for (const secret of [adminPassword, defaultInitialPassword, admin]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\$argon2/);
    // The logins of this file (the administrator's included) are in the trail, without their passwords.
    expect((await login(h, 'Admin', adminPassword)).status).toBe(200);
    expect((await events({ action: 'login.succeeded', account: 'Admin' })).length).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('housekeeping prunes events past the company setting (years) and what remains still verifies', async () => {
    expect((await api('patch', '/api/settings').send({ auditRetentionYears: 1 })).status).toBe(200);
    const before = await events();
    const cutoff = new Date(Date.parse(before[0]!.occurredAt) + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await createAccount(h, admin, { code: 'AU030' });
    const kept = (await events()).length - before.length;

    const oneYearLater = new Date(cutoff);
    oneYearLater.setUTCFullYear(oneYearLater.getUTCFullYear() + 1);
    const result = await purgeExpired(h.db.orm.em.fork(), oneYearLater);
    expect(result.auditEventsPruned).toBe(before.length);
    // The same sweep ended the sessions (expired a year later): a new login, one more event after the pruning.
    admin = await adminToken(h);
    const remaining = await events();
    expect(remaining).toHaveLength(kept + 1);
    expect(remaining.map((event) => event.action)).toEqual(
      expect.arrayContaining(['account.create', 'login.succeeded']),
    );
    const verified = await api('post', '/api/audit-events/verify');
    expect(verified.body).toMatchObject({ ok: true, checked: kept + 1, firstBroken: null });
  });
});

// After retention: its 800 rows would be pruned there and crowd the page it counts.
describe('the chain under load', () => {
  it('stays one unbroken chain across statements of a transaction, a rolled-back savepoint and two writers at once', async () => {
    const [company] = await h.db.orm.em
      .getConnection()
      .execute<{ id: string }[]>(`select id from company where code = 'acme'`);
    const companyId = company!.id;
    const append = (tx: { execute: (sql: string, params: unknown[]) => Promise<unknown> }, rows: number) =>
      tx.execute(
        `insert into audit_event (company_id, actor_kind, actor_code, action, target_type, outcome, prev_hash, row_hash)
         select ?, 'system', 'test', 'test.append', 'account', 'ok', '', '' from generate_series(1, ?)`,
        [companyId, rows],
      );
    const count = async () =>
      Number(
        (
          await h.db.orm.em
            .getConnection()
            .execute<{ n: string }[]>(`select count(*) as n from audit_event where action = 'test.append'`)
        )[0]!.n,
      );

    // Two statements in one transaction, and a savepoint whose rows are rolled back between them.
    await h.db.orm.em.fork().transactional(async (tx) => {
      await append(tx, 300);
      await tx
        .transactional(async (inner) => {
          await append(inner, 50);
          throw new Error('roll back to the savepoint');
        })
        .catch(() => undefined);
      await append(tx, 200);
    });
    expect(await count()).toBe(500);

    // Two writers at once: the second waits for the first one's head and continues the chain after it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const firstAppended = new Promise<void>((resolve) => (appended = resolve));
    const first = h.db.orm.em.fork().transactional(async (tx) => {
      await append(tx, 100);
      appended();
      await held;
      await append(tx, 100);
    });
    await firstAppended;
    const second = h.db.orm.em.fork().transactional((tx) => append(tx, 100));
    // The second writer waits on the first one's chain head before the first goes on.
    await eventually(async () => {
      const [waiting] = await h.db.orm.em
        .getConnection()
        .execute<{ n: string }[]>(
          `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
      expect(Number(waiting!.n)).toBeGreaterThan(0);
    });
    release();
    await Promise.all([first, second]);
    expect(await count()).toBe(800);

    const verified = await api('post', '/api/audit-events/verify');
    expect(verified.body).toMatchObject({ ok: true, firstBroken: null });
    const seqs = await h.db.orm.em.getConnection().execute<{ gaps: string; last: string; head: string }[]>(
      `select (select count(*) from (select seq - lag(seq) over (order by seq) as step from audit_event
                  where company_id = ?) s where step <> 1) as gaps,
                (select max(seq) from audit_event where company_id = ?) as last,
                (select last_seq from audit_chain where company_id = ?) as head`,
      [companyId, companyId, companyId],
    );
    expect(seqs[0]).toEqual({ gaps: '0', last: seqs[0]!.head, head: seqs[0]!.head });
  });
});
