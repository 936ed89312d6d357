import { Client } from 'pg';
import { createActivities } from '../activities';
import { lockIssuance } from '../domain/issuance/issuance-access';
import { Account, Company, Department, Issuance, ReportingDepartment, Role } from '../entities';
import { bootstrapCompany } from '../lib/bootstrap';
import { createLogger } from '../lib/logger';
import type { Mailer, OutgoingMail } from '../lib/mailer';
import { verifyPassword } from '../lib/passwords';
import { SecretBox } from '../lib/secret-box';
import { createTestDatabase, type TestDatabase } from './support/database';

/**
 * The activities on a real database with a mailer that loses its answer: the mail goes out, then the
 * call fails, as when the worker dies between SMTP's 250 and the database commit. The retry must send
 * the same link or the same password, never a second, different one.
 */
let db: TestDatabase;
const secretBox = new SecretBox(Buffer.alloc(32, 3));
const sent: OutgoingMail[] = [];
let failNextAfterSending = false;

const flakyMailer: Mailer = {
  async send(mail) {
    sent.push(mail);
    if (failNextAfterSending) {
      failNextAfterSending = false;
      throw new Error('connection reset after DATA');
    }
    return { messageId: mail.messageId };
  },
  close() {},
};

const activities = () =>
  createActivities({
    orm: db.orm,
    mailer: flakyMailer,
    secretBox,
    publicBaseUrl: 'http://localhost:3999',
    logger: createLogger({ level: 'silent' }),
  });

async function newIssuance(code: string): Promise<string> {
  const em = db.orm.em.fork();
  const company = await em.findOneOrFail(Company, { code: 'idem' });
  const role = await em.findOneOrFail(Role, { company, code: 'employee' });
  const root = await em.findOneOrFail(Department, { company, code: '0' });
  const reportingRoot = await em.findOneOrFail(ReportingDepartment, { company, code: '0' });
  const account = new Account({
    company: em.getReference(Company, company.id, { wrapped: true }),
    code,
    type: 'own',
    lastName: '鈴木',
    firstName: '一郎',
    effectiveDate: '2026-04-01',
    department: em.getReference(Department, root.id, { wrapped: true }),
    controlDepartment: em.getReference(Department, root.id, { wrapped: true }),
    reportingControlDepartment: em.getReference(ReportingDepartment, reportingRoot.id, { wrapped: true }),
    role: em.getReference(Role, role.id, { wrapped: true }),
  });
  account.email1 = `${code.toLowerCase()}@example.test`;
  const issuance = new Issuance({
    company: em.getReference(Company, company.id, { wrapped: true }),
    account: em.getReference(Account, account.id, { wrapped: true }),
    sequence: 1,
    kind: 'initial',
    emailSlot: 1,
    emailAddress: account.email1,
    workflowId: `issuance-idem-${code}-1`,
  });
  await em.persist([account, issuance]).flush();
  return issuance.id;
}

async function markVerified(issuanceId: string): Promise<void> {
  await db.orm.em.fork().nativeUpdate(Issuance, { id: issuanceId }, { status: 'verified', verifiedAt: new Date() });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await bootstrapCompany(db.orm.em.fork(), {
    code: 'idem',
    name: '冪等株式会社',
    adminPassword: 'Admin-Test-Password-1',
  });
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(() => {
  sent.length = 0;
});

it('a retried verification mail carries the same link, and the kept token is deleted once sent', async () => {
  const issuanceId = await newIssuance('I0001');
  failNextAfterSending = true;
  await expect(activities().sendVerificationMail(issuanceId, 3_600_000)).rejects.toThrow('connection reset');
  const kept = await db.orm.em.fork().findOneOrFail(Issuance, issuanceId, { populate: ['sealedToken'] });
  expect(kept.sealedToken).toBeDefined();
  expect(kept.sealedToken).not.toContain(sent[0]!.text.match(/verify\/(\S+)/)![1]);

  await expect(activities().sendVerificationMail(issuanceId, 3_600_000)).resolves.toEqual({ state: 'pending' });
  expect(sent).toHaveLength(2);
  const link = (mail: OutgoingMail) => /verify\/(\S+)/.exec(mail.text)![1];
  expect(link(sent[1]!)).toBe(link(sent[0]!));
  expect(sent[1]!.messageId).toBe(sent[0]!.messageId);

  const after = await db.orm.em.fork().findOneOrFail(Issuance, issuanceId, { populate: ['sealedToken'] });
  expect(after.sealedToken).toBeNull();
  // Running it again after success sends nothing more.
  await expect(activities().sendVerificationMail(issuanceId, 3_600_000)).resolves.toEqual({ state: 'pending' });
  expect(sent).toHaveLength(2);
});

it('the validity counts from the accepted send after SMTP retries, as the admin sees it and the mail says', async () => {
  const issuanceId = await newIssuance('I0005');
  const firstTry = new Date('2026-12-01T00:00:00Z');
  const accepted = new Date('2026-12-01T05:00:00Z');
  let now = firstTry;
  const clocked = createActivities({
    orm: db.orm,
    mailer: flakyMailer,
    secretBox,
    publicBaseUrl: 'http://localhost:3999',
    logger: createLogger({ level: 'silent' }),
    clock: () => now,
  });
  const validityMs = 24 * 3_600_000;
  failNextAfterSending = true;
  await expect(clocked.sendVerificationMail(issuanceId, validityMs)).rejects.toThrow('connection reset');
  now = accepted; // five hours of SMTP trouble later
  await expect(clocked.sendVerificationMail(issuanceId, validityMs)).resolves.toEqual({ state: 'pending' });

  const issuance = await db.orm.em.fork().findOneOrFail(Issuance, issuanceId, { populate: ['account'] });
  expect(issuance.verificationSentAt).toEqual(accepted);
  expect(issuance.expiresAt).toEqual(new Date(accepted.getTime() + validityMs));
  expect(issuance.account.getEntity().authRequestedAt).toEqual(accepted);
  // The mail that went through states the expiry counted from its own sending: 2026-12-02 14:00 in Tokyo.
  expect(sent[1]!.text).toContain('有効期限: 2026年12月2日 14:00 JST');
  expect(sent[0]!.text).toContain('有効期限: 2026年12月2日 09:00 JST');
});

it('a retried credentials mail carries the same password, whose hash is the one stored', async () => {
  const issuanceId = await newIssuance('I0002');
  await activities().sendVerificationMail(issuanceId, 3_600_000);
  await markVerified(issuanceId);
  sent.length = 0;

  failNextAfterSending = true;
  await expect(activities().issueCredentials(issuanceId)).rejects.toThrow('connection reset');
  await expect(activities().issueCredentials(issuanceId)).resolves.toEqual({ state: 'issued' });
  await expect(activities().issueCredentials(issuanceId)).resolves.toEqual({ state: 'issued' });

  expect(sent).toHaveLength(2);
  const passwords = sent.map((mail) => /パスワード: (\S+)/.exec(mail.text)![1]!);
  expect(passwords[1]).toBe(passwords[0]);

  const em = db.orm.em.fork();
  const issuance = await em.findOneOrFail(Issuance, issuanceId, {
    populate: ['sealedPassword', 'account.passwordHash'],
  });
  expect(issuance.sealedPassword).toBeNull();
  expect(issuance.status).toBe('issued');
  expect(await verifyPassword(issuance.account.getEntity().passwordHash!, passwords[0]!)).toBe(true);
});

it('a superseded issuance sends no credentials and keeps no secret', async () => {
  const issuanceId = await newIssuance('I0003');
  await activities().sendVerificationMail(issuanceId, 3_600_000);
  await db.orm.em.fork().nativeUpdate(Issuance, { id: issuanceId }, { status: 'superseded' });
  sent.length = 0;
  await expect(activities().issueCredentials(issuanceId)).resolves.toEqual({ state: 'superseded' });
  expect(sent).toHaveLength(0);
  await expect(activities().expireIssuance(issuanceId)).resolves.toEqual({ state: 'superseded' });
});

it('expiry loses to a confirmation that reached the database first', async () => {
  const issuanceId = await newIssuance('I0004');
  await activities().sendVerificationMail(issuanceId, 3_600_000);
  await markVerified(issuanceId);
  await expect(activities().expireIssuance(issuanceId)).resolves.toEqual({ state: 'verified' });
});

it('a sealed secret does not open on another row', () => {
  const sealed = secretBox.seal('secret', 'row-1');
  expect(secretBox.open(sealed, 'row-1')).toBe('secret');
  expect(() => secretBox.open(sealed, 'row-2')).toThrow();
});

it('an issuance step locks its account and issuance rows only, so a bulk run can reference the company meanwhile', async () => {
  const issuanceId = await newIssuance('I0009');
  const other = new Client({ connectionString: db.url });
  await other.connect();
  try {
    await db.orm.em.fork().transactional(async (tx) => {
      const { company, account } = await lockIssuance(tx, issuanceId, 'sealedToken');
      // What inserting a bulk_run (FK to company) or a bulk_run_item (FK to account) asks for. The company
      // row must be free; the account row is held, as every writer takes account before issuance.
      await expect(
        other.query('SELECT 1 FROM company WHERE id = $1 FOR KEY SHARE NOWAIT', [company.id]),
      ).resolves.toMatchObject({ rowCount: 1 });
      await expect(
        other.query('SELECT 1 FROM role WHERE id = $1 FOR KEY SHARE NOWAIT', [account.role.id]),
      ).resolves.toMatchObject({ rowCount: 1 });
      await expect(other.query('SELECT 1 FROM account WHERE id = $1 FOR UPDATE NOWAIT', [account.id])).rejects.toThrow(
        /could not obtain lock/,
      );
    });
  } finally {
    await other.end();
  }
});
