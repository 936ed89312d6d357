import type { AccountTransferResult } from '../contract';
import { Company, Department } from '../entities';
import { startOfDayIn, todayIn } from '../lib/calendar';
import { adminToken, assignment, createAccount, eventually, getAccount } from './support/api';
import { createHarness, type Harness } from './support/harness';

/** Effective-dated transfers on the time-skipping server: the date is a calendar date in Asia/Tokyo. */
let h: Harness;
let admin: string;

const timeZone = 'Asia/Tokyo';
const minute = 60 * 1000;
const hour = 60 * minute;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The first day of next month, as the admin would key it in, counted from the test server's clock:
 * earlier tests have moved that clock ahead of the wall clock the API reads "today" from.
 */
async function firstOfNextMonth(): Promise<string> {
  const serverNow = new Date(await h.env.currentTimeMs());
  const [year, month] = todayIn(timeZone, serverNow).split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

async function sleepUntil(instant: Date): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (instant.getTime() > now) await h.env.sleep(instant.getTime() - now);
}

function putTransfer(code: string, body: Record<string, unknown>) {
  return h.http.put(`/api/accounts/${code}/transfer`).set('Authorization', `Bearer ${admin}`).send(body);
}

const toSales = (effectiveDate: string) =>
  assignment('user-admin', { effectiveDate, departmentCode: '100', controlDepartmentCode: '100' });

beforeAll(async () => {
  h = await createHarness({ temporal: 'time-skipping' });
  admin = await adminToken(h);
  const em = h.db.orm.em.fork();
  const company = await em.findOneOrFail(Company, { code: 'acme' });
  const root = await em.findOneOrFail(Department, { company, code: '0' });
  em.persist(
    new Department(
      em.getReference(Company, company.id, { wrapped: true }),
      '100',
      '営業部',
      em.getReference(Department, root.id, { wrapped: true }),
    ),
  );
  await em.flush();
});

afterAll(async () => {
  await h?.teardown();
});

/** Waits (real time, the test server's clock held still) until the account's department is the one named. */
async function departmentBecomes(code: string, departmentCode: string): Promise<void> {
  await eventually(
    async () => expect((await getAccount(h, admin, code)).current.departmentCode).toBe(departmentCode),
    10_000,
  );
}

// Runs first: the API reads "today" from the wall clock, and the test server's clock still agrees with it.
it('makes a transfer dated tomorrow wait for the start of tomorrow in the company time zone (the date boundary)', async () => {
  await createAccount(h, admin, { code: 'T0006' });
  const tomorrow = addDays(todayIn(timeZone), 1);
  const res = await putTransfer('T0006', toSales(tomorrow));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'pending', workflowId: 'transfer-acme-T0006' });
  expect(res.body.account.current.departmentCode).toBe('0');

  const begins = startOfDayIn(tomorrow, timeZone).getTime();
  await sleepUntil(new Date(begins - minute));
  expect((await getAccount(h, admin, 'T0006')).current.departmentCode).toBe('0');
  await sleepUntil(new Date(begins + minute));
  await departmentBecomes('T0006', '100');
});

it('applies a transfer within a minute of the start of its date in the company time zone, not hours or days late', async () => {
  await createAccount(h, admin, { code: 'T0007' });
  const date = addDays(await firstOfNextMonth(), 1);
  expect((await putTransfer('T0007', toSales(date))).body.status).toBe('pending');
  const begins = startOfDayIn(date, timeZone).getTime();
  await sleepUntil(new Date(begins - minute));
  expect((await getAccount(h, admin, 'T0007')).current.departmentCode).toBe('0');
  // The test server's clock stands still until the next sleep: a wait armed for 09:00 (UTC midnight) or
  // a month later would leave the account where it was, however long this polls.
  await sleepUntil(new Date(begins + minute));
  await departmentBecomes('T0007', '100');
  const result: AccountTransferResult = await h.env.client.workflow.getHandle('transfer-acme-T0007').result();
  expect(result.outcome).toBe('applied');
});

it('applies a transfer dated next month on that date in the company time zone, not a day earlier', async () => {
  await createAccount(h, admin, { code: 'T0001' });
  const date = await firstOfNextMonth();
  const res = await putTransfer('T0001', toSales(date));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'pending', effectiveDate: date, workflowId: 'transfer-acme-T0001' });
  expect(res.body.effectiveAt).toBe(startOfDayIn(date, timeZone).toISOString());
  expect(res.body.account.transfer).toMatchObject({
    effectiveDate: date,
    departmentCode: '100',
    roleCode: 'user-admin',
  });
  expect(res.body.account.current.departmentCode).toBe('0');

  // One day before midnight in Tokyo (15:00 UTC the day before), and one hour before: still the old assignment.
  await sleepUntil(new Date(startOfDayIn(date, timeZone).getTime() - 24 * hour));
  expect((await getAccount(h, admin, 'T0001')).current.departmentCode).toBe('0');
  await sleepUntil(new Date(startOfDayIn(date, timeZone).getTime() - hour));
  expect((await getAccount(h, admin, 'T0001')).current.departmentCode).toBe('0');

  const result: AccountTransferResult = await h.env.client.workflow.getHandle('transfer-acme-T0001').result();
  expect(result.outcome).toBe('applied');
  expect(await h.env.currentTimeMs()).toBeGreaterThanOrEqual(startOfDayIn(date, timeZone).getTime());
  const after = await getAccount(h, admin, 'T0001');
  expect(after.current).toMatchObject({
    effectiveDate: date,
    departmentCode: '100',
    controlDepartmentCode: '100',
    roleCode: 'user-admin',
  });
  expect(after.transfer).toBeNull();

  const history = await h.http.get('/api/accounts/T0001/assignments').set('Authorization', `Bearer ${admin}`);
  expect(history.body.items.map((i: { source: string; effectiveDate: string }) => [i.source, i.effectiveDate])).toEqual(
    [
      ['transfer', date],
      ['registration', '2026-04-01'],
    ],
  );
});

it('moves the transfer when its date changes, and applies the new plan only', async () => {
  await createAccount(h, admin, { code: 'T0002' });
  const first = await firstOfNextMonth();
  const later = addDays(first, 14);
  expect((await putTransfer('T0002', toSales(first))).body.status).toBe('pending');
  const changed = await putTransfer('T0002', { ...toSales(later), roleCode: 'employee' });
  expect(changed.status).toBe(200);
  expect(changed.body.account.transfer).toMatchObject({ effectiveDate: later, roleCode: 'employee' });

  await sleepUntil(new Date(startOfDayIn(first, timeZone).getTime() + 2 * hour));
  expect((await getAccount(h, admin, 'T0002')).current.departmentCode).toBe('0');

  const result: AccountTransferResult = await h.env.client.workflow.getHandle('transfer-acme-T0002').result();
  expect(result.outcome).toBe('applied');
  expect((await getAccount(h, admin, 'T0002')).current).toMatchObject({
    effectiveDate: later,
    departmentCode: '100',
    roleCode: 'employee',
  });
  const history = await h.http.get('/api/accounts/T0002/assignments').set('Authorization', `Bearer ${admin}`);
  expect(history.body.items.map((i: { kind: string; source: string }) => `${i.kind}:${i.source}`)).toEqual([
    'assignment:transfer',
    'transfer:cancelled',
    'assignment:registration',
  ]);
});

it('never applies a cancelled transfer', async () => {
  await createAccount(h, admin, { code: 'T0003' });
  const date = await firstOfNextMonth();
  expect((await putTransfer('T0003', toSales(date))).status).toBe(200);
  const cancelled = await h.http.delete('/api/accounts/T0003/transfer').set('Authorization', `Bearer ${admin}`);
  expect(cancelled.status).toBe(204);
  const result: AccountTransferResult = await h.env.client.workflow.getHandle('transfer-acme-T0003').result();
  expect(result.outcome).toBe('cancelled');
  await sleepUntil(new Date(startOfDayIn(date, timeZone).getTime() + 48 * hour));
  const account = await getAccount(h, admin, 'T0003');
  expect(account.current.departmentCode).toBe('0');
  expect(account.transfer).toBeNull();
  const again = await h.http.delete('/api/accounts/T0003/transfer').set('Authorization', `Bearer ${admin}`);
  expect(again.status).toBe(404);
  expect(again.body.error.code).toBe('NO_PENDING_TRANSFER');
});

it('loses nothing when the worker restarts before the date', async () => {
  await createAccount(h, admin, { code: 'T0004' });
  const date = addDays(await firstOfNextMonth(), 3);
  expect((await putTransfer('T0004', toSales(date))).status).toBe(200);
  await h.stopWorker();
  await h.startWorker();
  const result: AccountTransferResult = await h.env.client.workflow.getHandle('transfer-acme-T0004').result();
  expect(result.outcome).toBe('applied');
  expect((await getAccount(h, admin, 'T0004')).current).toMatchObject({ effectiveDate: date, departmentCode: '100' });
});

it('applies a transfer dated today at once, and refuses one not after the current assignment', async () => {
  await createAccount(h, admin, { code: 'T0005' });
  const today = todayIn(timeZone);
  const now = await putTransfer('T0005', toSales(today));
  expect(now.status).toBe(200);
  expect(now.body).toMatchObject({ status: 'applied', workflowId: null });
  expect(now.body.account.current).toMatchObject({ effectiveDate: today, departmentCode: '100' });

  const backwards = await putTransfer('T0005', toSales('2026-04-01'));
  expect(backwards.status).toBe(400);
  expect(backwards.body.error).toMatchObject({ code: 'TRANSFER_NOT_AFTER_CURRENT', field: 'effectiveDate' });
  const unknown = await putTransfer('T0005', { ...toSales(addDays(today, 40)), departmentCode: 'NOPE' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_DEPARTMENT', field: 'departmentCode' });
  expect((await getAccount(h, admin, 'T0005')).transfer).toBeNull();
});
