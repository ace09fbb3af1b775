import type { DateTime } from 'luxon';

export interface TimeOfDayParts {
  hour: number;
  minute: number;
}

/** `HH:MM` (already checked by the TimeOfDay schema) as numbers. */
export function parseTimeOfDay(text: string): TimeOfDayParts {
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return { hour, minute };
}

/**
 * That local day at that wall-clock time. On a DST gap luxon moves a missing time forward by the
 * gap (02:30 on a spring-forward night becomes 03:30); on an overlap it takes the earlier one.
 */
export function atTimeOfDay(day: DateTime, time: string): DateTime {
  const { hour, minute } = parseTimeOfDay(time);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}
