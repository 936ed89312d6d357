import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/** A calendar date, YYYY-MM-DD. */
export type CalendarDate = string;

/** Years 1000–9999: PostgreSQL has no year 0, and 0000-01-01 was a 500. */
export const calendarDatePattern = /^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$/;

/** Today's date where the company is (effective dates are calendar dates in its time zone). */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  return formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
}

/** The instant a calendar date begins in a time zone, e.g. 2026-12-01 in Asia/Tokyo is 2026-11-30T15:00Z. */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  return fromZonedTime(`${date}T00:00:00`, timeZone);
}

/** True for a real date (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!calendarDatePattern.test(value)) return false;
  let known = calendarDates.get(value);
  if (known === undefined) {
    known = isRealDate(value);
    if (calendarDates.size >= 10_000) calendarDates.clear();
    calendarDates.set(value, known);
  }
  return known;
}

/** Answers of isCalendarDate for texts shaped like a date: an import's rows mostly share a few effective dates. */
const calendarDates = new Map<string, boolean>();

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
