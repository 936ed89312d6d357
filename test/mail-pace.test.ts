import { reserveSendSlots, untilSlot } from '../lib/mail-pace';
import { createTestDatabase, type TestDatabase } from './support/database';

/** The send rate every worker process shares: reservations from separate connections never overlap. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

it('hands out consecutive windows of the shared rate to callers on separate connections', async () => {
  const perSecond = 100;
  // Three "processes" reserve 20 mails each at the same moment: 200 ms apiece at 100 mails/s.
  const windows = await Promise.all(
    [1, 2, 3].map(() => reserveSendSlots(db.orm.em.fork(), 'test-rate', 20, perSecond)),
  );
  const starts = windows.map((slots) => slots.startAt).sort((a, b) => a - b);
  expect(windows.every((slots) => slots.gapMs === 10)).toBe(true);
  // The first may send at once; each next one starts where the previous one ends (± the time to read the answer).
  expect(Math.abs(starts[0]! - Date.now())).toBeLessThan(150);
  expect(starts[1]! - starts[0]!).toBeGreaterThan(140);
  expect(starts[1]! - starts[0]!).toBeLessThan(300);
  expect(starts[2]! - starts[1]!).toBeGreaterThan(140);
  expect(starts[2]! - starts[1]!).toBeLessThan(300);
});

it('does not save up unused time: after a pause the next window starts now, not in the past', async () => {
  await reserveSendSlots(db.orm.em.fork(), 'test-pause', 5, 100);
  await new Promise((done) => setTimeout(done, 300));
  const next = await reserveSendSlots(db.orm.em.fork(), 'test-pause', 5, 100);
  expect(Math.abs(next.startAt - Date.now())).toBeLessThan(100);
});

it('keeps separate rates apart', async () => {
  const a = await reserveSendSlots(db.orm.em.fork(), 'rate-a', 100, 10);
  const b = await reserveSendSlots(db.orm.em.fork(), 'rate-b', 1, 10);
  expect(Math.abs(a.startAt - Date.now())).toBeLessThan(100);
  expect(Math.abs(b.startAt - Date.now())).toBeLessThan(100);
});

it('reports in at least every second while a far slot is awaited (the chunk heartbeats there)', async () => {
  const slots = await reserveSendSlots(db.orm.em.fork(), 'test-far', 3, 1);
  let calls = 0;
  const started = Date.now();
  await untilSlot(slots, 2, () => calls++);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1800);
  expect(calls).toBeGreaterThanOrEqual(2);
});
