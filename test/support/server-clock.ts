import type { Harness } from './harness';

/** A calendar date (YYYY-MM-DD) some days later or earlier. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Moves the time-skipping test server's clock to an instant (never back): its timers up to then fire. */
export async function sleepServerUntil(h: Harness, instant: number): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (instant > now) await h.env.sleep(instant - now);
}
