import { DateTime } from 'luxon';
import type { BroadcastSchedule } from '@lsb/shared/api';

// When a broadcast's occurrences fall, in the workspace's time zone. Pure: given now, no clock read.

/** The instant of a `YYYY-MM-DDTHH:MM` wall-clock time in the zone. */
export function localToInstant(local: string, timeZone: string): Date {
  return DateTime.fromISO(local, { zone: timeZone }).toJSDate();
}

/** The monthly occurrence of the month containing `month` (day clamped to the month's last day). */
function monthlyIn(month: DateTime, day: number, time: string): DateTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const start = month.startOf('month');
  return start.set({ day: Math.min(day, start.daysInMonth ?? 28), hour, minute, second: 0, millisecond: 0 });
}

/**
 * The next occurrence strictly after `after` (for `at`: the time itself), with its key: `once`, or
 * `YYYY-MM` (the month it falls in, in the zone), so each month fires exactly once.
 */
export function nextOccurrence(schedule: BroadcastSchedule, timeZone: string, after: Date): { at: Date; key: string } | undefined {
  switch (schedule.kind) {
    case 'now':
      return { at: after, key: 'once' };
    case 'at':
      return { at: localToInstant(schedule.at, timeZone), key: 'once' };
    case 'monthly': {
      const now = DateTime.fromJSDate(after, { zone: timeZone });
      let candidate = monthlyIn(now, schedule.day, schedule.time);
      if (candidate.toMillis() <= after.getTime()) candidate = monthlyIn(now.plus({ months: 1 }), schedule.day, schedule.time);
      return { at: candidate.toJSDate(), key: candidate.toFormat('yyyy-MM') };
    }
  }
}

/** The key of the monthly occurrence due at `at` (its month in the zone). */
export function occurrenceKey(schedule: BroadcastSchedule, timeZone: string, at: Date): string {
  return schedule.kind === 'monthly' ? DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-MM') : 'once';
}
