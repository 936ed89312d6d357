import type { EntityManager } from '@mikro-orm/postgresql';

/** The send slots a caller reserved: the first may go at `startAt` (this process's clock), the next `gapMs` apart. */
export interface SendSlots {
  startAt: number;
  gapMs: number;
}

/**
 * Reserves `count` consecutive send slots of the rate `scope` shared by every process (the mail_send_pace
 * row), at `perSecond` mails per second, in one statement. The reservation is measured on the database's
 * clock and handed back as a delay, so processes whose clocks differ still keep the rate together.
 */
export async function reserveSendSlots(
  em: EntityManager,
  scope: string,
  count: number,
  perSecond: number,
): Promise<SendSlots> {
  const gapMs = 1000 / perSecond;
  if (count === 0) return { startAt: Date.now(), gapMs };
  const seconds = count / perSecond;
  const [row] = await em.getConnection().execute<{ ends_in_ms: string }[]>(
    `insert into mail_send_pace (scope, next_at) values (?, clock_timestamp() + make_interval(secs => ?))
     on conflict (scope) do update
       set next_at = greatest(mail_send_pace.next_at, clock_timestamp()) + make_interval(secs => ?)
     returning extract(epoch from next_at - clock_timestamp()) * 1000 as ends_in_ms`,
    [scope, seconds, seconds],
  );
  return { startAt: Date.now() + Number(row!.ends_in_ms) - count * gapMs, gapMs };
}

/**
 * Waits for slot `index` of `slots`, calling `stillHere` at least every second meanwhile: other processes'
 * reservations may put the slot minutes away, longer than an activity may go without a heartbeat.
 */
export async function untilSlot(slots: SendSlots, index: number, stillHere: () => void): Promise<void> {
  for (;;) {
    const waitMs = slots.startAt + index * slots.gapMs - Date.now();
    if (waitMs <= 0) return;
    await new Promise((done) => setTimeout(done, Math.min(waitMs, 1000)));
    stillHere();
  }
}
