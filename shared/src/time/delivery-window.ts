import type { DateTime } from 'luxon';
import type { DeliveryWindow } from '../nodes/wait.ts';
import { atTimeOfDay, minutesOfDay } from './time-of-day.ts';

/**
 * The first moment at or after `candidate` inside the window. A window opens on each chosen
 * weekday at `start` and closes at `end`, the same day or, when `end` is not after `start`, the
 * next day (21:00–09:00). The search covers the day before (a window opened last night may
 * still be open) through a week ahead, which always contains an opening.
 */
export function applyDeliveryWindow(candidate: DateTime, window: DeliveryWindow): DateTime {
  const weekdays = new Set(window.weekdays);
  const overnight = minutesOfDay(window.end) <= minutesOfDay(window.start);
  const today = candidate.startOf('day');
  let best: DateTime | undefined;
  for (let offset = -1; offset <= 7; offset++) {
    const day = today.plus({ days: offset });
    if (!weekdays.has(day.weekday)) continue;
    const opens = atTimeOfDay(day, window.start);
    const closes = atTimeOfDay(overnight ? day.plus({ days: 1 }) : day, window.end);
    if (candidate >= opens && candidate < closes) return candidate;
    if (opens > candidate && (!best || opens < best)) best = opens;
  }
  // Unreachable with at least one weekday (the schema requires one); keep the wake-up as is.
  return best ?? candidate;
}
