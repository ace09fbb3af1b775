import type { RunStatus } from '../api/statuses.ts';
import { addDays, dateInZone, startOfDateInZone } from '../time/zone.ts';


/**
 * What the in-memory evaluator knows about one friend. The runtime builds it from the friends row
 * and the friend_tags, runs, link_clicks, sends (status `sent` only) and conversions tables;
 * ids are the database's lowercase UUID strings.
 */
export interface FriendFacts {
  status: 'active' | 'blocked';
  inflowRouteId: string | null;
  /** Field values keyed by field id, as stored in friends.fields. */
  fields: Readonly<Record<string, unknown>>;
  registeredAt: Date;
  lastReactionAt: Date | null;
  tagIds: ReadonlySet<string>;
  runs: readonly { scenarioId: string; status: RunStatus }[];
  clickedLinkIds: ReadonlySet<string>;
  /** Send nodes whose messages reached the friend (sends.status = 'sent'). */
  receivedSends: readonly { scenarioId: string; nodeId: string }[];
  conversionNames: ReadonlySet<string>;
}

export interface ConditionContext {
  now: Date;
  /** The workspace's IANA zone: "today", "this month" and day boundaries are taken there. */
  timeZone: string;
}

/** The calendar facts both evaluators derive from `now`, computed once per evaluation. */
export interface Calendar {
  today: string;
  month: number;
  /** Date plus days, as `YYYY-MM-DD`. */
  shift(days: number): string;
  /** The first instant of a calendar date in the workspace zone. */
  startOf(date: string): Date;
}

export function calendarFor(context: ConditionContext): Calendar {
  const today = dateInZone(context.now, context.timeZone);
  return {
    today,
    month: Number(today.slice(5, 7)),
    shift: (days) => addDays(today, days),
    startOf: (date) => startOfDateInZone(date, context.timeZone),
  };
}

/** The shape of a stored date value; both evaluators compare such strings as text. */
export const STORED_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

