import { DateTime } from 'luxon';

/**
 * The friend's standing against the workspace's message cap (配信上限) as the step begins: the caps
 * and what already counts in the friend's current day and week (sent, in flight, or queued for
 * it). Absent when the workspace has no cap.
 */
export interface CapFact {
  perDay: number | null;
  perWeek: number | null;
  today: number;
  thisWeek: number;
}

/**
 * The cap during one step: sends emitted earlier in the same step count too. The sender's claim
 * is the final word (two runs of one friend stepped at once both see the same count); this lets a
 * run wait at its node instead of queueing a message that would only be held.
 */
export class CapTally {
  #fact: CapFact | undefined;

  constructor(fact: CapFact | undefined) {
    this.#fact = fact && { ...fact };
  }

  full(): boolean {
    const f = this.#fact;
    return f !== undefined && ((f.perDay !== null && f.today >= f.perDay) || (f.perWeek !== null && f.thisWeek >= f.perWeek));
  }

  take(): void {
    if (this.#fact) this.#fact = { ...this.#fact, today: this.#fact.today + 1, thisWeek: this.#fact.thisWeek + 1 };
  }

  /** The start of the next day, or of the next ISO week (Monday) when the week is full, in the zone. */
  opensAt(now: Date, timeZone: string): Date {
    const f = this.#fact;
    const local = DateTime.fromJSDate(now, { zone: timeZone });
    const weekFull = f !== undefined && f.perWeek !== null && f.thisWeek >= f.perWeek;
    return (weekFull ? local.startOf('week').plus({ weeks: 1 }) : local.startOf('day').plus({ days: 1 })).toJSDate();
  }
}
