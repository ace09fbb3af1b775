import { DateTime } from 'luxon';

/** The calendar date `YYYY-MM-DD` of an instant in a zone: "today" for conditions and fields. */
export function dateInZone(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? '';
}

/** Adds calendar days to a `YYYY-MM-DD` date, zone-free. */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate() ?? '';
}

/** The first instant of a calendar date in a zone (00:00, or the first valid time on a DST gap). */
export function startOfDateInZone(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).startOf('day').toJSDate();
}
