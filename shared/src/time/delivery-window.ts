import type { DateTime } from 'luxon';
import type { DeliveryWindowRule } from './window-rules.ts';
import { atTimeOfDay } from './time-of-day.ts';

/**
 * The first moment at or after `candidate` inside one of the rules (each opens on its weekdays at
 * `from` and closes at `to`, 24:00 being the next midnight). Wall-clock times in the candidate's
 * zone, so a window keeps its local hours across DST; a `from` missing on a spring-forward night
 * opens at the first valid time after the gap. The search covers a week ahead, which always holds
 * an opening when any rule has a day; with none usable the candidate is kept as it is.
 */
export function applyDeliveryWindows(candidate: DateTime, rules: readonly DeliveryWindowRule[]): DateTime {
  const usable = rules.filter((rule) => rule.days.length > 0);
  if (usable.length === 0) return candidate;
  const today = candidate.startOf('day');
  let best: DateTime | undefined;
  for (let offset = 0; offset <= 7; offset++) {
    const day = today.plus({ days: offset });
    for (const rule of usable) {
      if (!rule.days.includes(day.weekday)) continue;
      const opens = atTimeOfDay(day, rule.from);
      const closes = rule.to === '24:00' ? day.plus({ days: 1 }).startOf('day') : atTimeOfDay(day, rule.to);
      if (closes <= opens) continue;
      if (candidate >= opens && candidate < closes) return candidate;
      if (opens > candidate && (!best || opens < best)) best = opens;
    }
    if (best) return best;
  }
  return best ?? candidate;
}
