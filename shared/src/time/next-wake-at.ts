import { DateTime } from 'luxon';
import { assertNever } from '../graph/primitives.ts';
import type { WaitData } from '../nodes/wait.ts';
import { applyDeliveryWindows } from './delivery-window.ts';
import { atTimeOfDay } from './time-of-day.ts';

export interface WakeContext {
  /** When the run entered the wait node. */
  enteredAt: Date;
  /** The workspace's IANA zone, e.g. Asia/Tokyo. */
  timeZone: string;
  /** The friend's field values keyed by field id (date fields as `YYYY-MM-DD`). */
  fieldValues: Readonly<Record<string, unknown>>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When a run waiting at this node wakes up, delivery window applied. Null only for
 * `relativeToField` when the field holds no valid date or the moment is not after `enteredAt`:
 * the engine then leaves through the `skipped` output (a reminder for a past date is pointless).
 * Pure: the engine and the editor's "next fire time" preview get the same answer.
 */
export function nextWakeAt(wait: WaitData, context: WakeContext): Date | null {
  const entered = DateTime.fromJSDate(context.enteredAt, { zone: context.timeZone });
  if (!entered.isValid) return null;
  const base = baseMoment(wait, entered, context.fieldValues);
  if (!base) return null;
  const windowed = wait.windows?.length ? applyDeliveryWindows(base, wait.windows) : base;
  return windowed.toJSDate();
}

function baseMoment(wait: WaitData, entered: DateTime, fields: WakeContext['fieldValues']): DateTime | null {
  switch (wait.mode) {
    case 'elapsed':
      // Minutes and hours are spans of real time; days keep the wall-clock time across DST.
      return entered.plus({ [wait.unit]: wait.amount });
    case 'dayAt': {
      const target = atTimeOfDay(entered.startOf('day').plus({ days: wait.days }), wait.time);
      return wait.days === 0 && target <= entered ? atTimeOfDay(entered.startOf('day').plus({ days: 1 }), wait.time) : target;
    }
    case 'relativeToField': {
      const value = fields[wait.fieldId];
      if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
      const day = DateTime.fromISO(value, { zone: entered.zone });
      if (!day.isValid) return null;
      const target = atTimeOfDay(day.plus({ days: wait.offsetDays }), wait.time);
      return target > entered ? target : null;
    }
    default:
      return assertNever(wait);
  }
}
