import type { Condition } from './schema.ts';
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
  /** Every conversion of the friend (for `rfm` leaves); absent means none. `value` null counts as 0. */
  conversions?: readonly FriendConversion[];
}

export interface FriendConversion { pointId: string | null; at: Date; value: number | null }

const DAY_MS = 86_400_000;

/**
 * The friend's RFM figure for a metric; `undefined` for a friend with no conversion (of the point):
 * RFM describes customers, so someone who never converted is in no band of any metric.
 * Monetary is in cents, so both evaluators compare exact integers.
 */
export function rfmFigure(conversions: readonly FriendConversion[], metric: 'recency' | 'frequency' | 'monetary', now: Date, pointId?: string): number | undefined {
  const own = pointId === undefined ? conversions : conversions.filter((c) => c.pointId === pointId);
  if (own.length === 0) return undefined;
  switch (metric) {
    case 'frequency':
      return own.length;
    case 'monetary':
      return own.reduce((sum, c) => sum + Math.round((c.value ?? 0) * 100), 0);
    case 'recency': {
      const last = Math.max(...own.map((c) => c.at.getTime()));
      return Math.floor((now.getTime() - last) / DAY_MS);
    }
  }
}

/** A band's bounds in the figure's unit (monetary bounds in cents). */
export function rfmBounds(metric: 'recency' | 'frequency' | 'monetary', min: number | undefined, max: number | undefined): { min: number | undefined; max: number | undefined } {
  const scale = (v: number | undefined) => (v === undefined ? undefined : metric === 'monetary' ? Math.round(v * 100) : v);
  return { min: scale(min), max: scale(max) };
}

/** Looks up a saved segment's condition by id (undefined: no such segment in this workspace). */
export type SegmentResolver = (segmentId: string) => Condition | undefined;

export interface ConditionContext {
  now: Date;
  /** The workspace's IANA zone: "today", "this month" and day boundaries are taken there. */
  timeZone: string;
  /**
   * Saved segments for `segment` leaves without a frozen condition. Absent, or an unknown id, or a
   * segment that (through others) refers to itself: the leaf matches no one.
   */
  segments?: SegmentResolver;
}

/** How deep saved segments may refer to one another; deeper is treated like a cycle. */
export const MAX_SEGMENT_DEPTH = 8;

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

