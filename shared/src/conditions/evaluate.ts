import { assertNever } from '../graph/primitives.ts';
import { addDays } from '../time/zone.ts';
import { IN_PROGRESS_RUN_STATUSES } from '../api/statuses.ts';
import {
  calendarFor, MAX_SEGMENT_DEPTH, rfmBounds, rfmFigure, STORED_DATE, type Calendar, type ConditionContext, type FriendFacts, type SegmentResolver,
} from './facts.ts';
import type { Condition, ConditionOf } from './schema.ts';

export type FriendPredicate = (facts: FriendFacts) => boolean;

// The engine evaluates the same branch condition for friend after friend at the same `now`;
// remembering the last predicate per condition object saves redoing the calendar arithmetic.
const recent = new WeakMap<Condition, { key: string; segments: SegmentResolver | undefined; predicate: FriendPredicate }>();

/**
 * Does the friend match? Convenient for one friend at a time; for a known population build the
 * predicate once with createConditionEvaluator.
 */
export function evaluateCondition(condition: Condition, facts: FriendFacts, context: ConditionContext): boolean {
  const key = `${context.now.getTime()}|${context.timeZone}`;
  let entry = recent.get(condition);
  if (entry?.key !== key || entry.segments !== context.segments) {
    entry = { key, segments: context.segments, predicate: createConditionEvaluator(condition, context) };
    recent.set(condition, entry);
  }
  return entry.predicate(facts);
}

/** The condition as a fast predicate. Agrees with the runtime's SQL compiler (runtime/src/segments/) on every friend. */
export function createConditionEvaluator(condition: Condition, context: ConditionContext): FriendPredicate {
  return build(condition, { ...calendarFor(context), now: context.now, resolve: context.segments, path: [] });
}

/** The calendar plus how saved segments are found, and which ones enclose this point (cycle guard). */
interface Scope extends Calendar { now: Date; resolve: SegmentResolver | undefined; path: readonly string[] }

/**
 * The condition a `segment` leaf stands for: its frozen copy, else the saved segment now. Undefined
 * when unknown or when following it would loop (or nest deeper than MAX_SEGMENT_DEPTH); the SQL
 * compiler uses the same rule, so both match no one there.
 */
export function segmentTarget(c: ConditionOf<'segment'>, resolve: SegmentResolver | undefined, path: readonly string[]): Condition | undefined {
  if (path.includes(c.segmentId) || path.length >= MAX_SEGMENT_DEPTH) return undefined;
  return c.frozen ?? resolve?.(c.segmentId);
}

function build(c: Condition, cal: Scope): FriendPredicate {
  switch (c.kind) {
    case 'and': {
      const parts = c.conditions.map((child) => build(child, cal));
      return (f) => parts.every((p) => p(f));
    }
    case 'or': {
      const parts = c.conditions.map((child) => build(child, cal));
      return (f) => parts.some((p) => p(f));
    }
    case 'not': {
      const inner = build(c.condition, cal);
      return (f) => !inner(f);
    }
    case 'segment': {
      const target = segmentTarget(c, cal.resolve, cal.path);
      return target === undefined ? () => false : build(target, { ...cal, path: [...cal.path, c.segmentId] });
    }
    case 'tag':
      return c.has ? (f) => f.tagIds.has(c.tagId) : (f) => !f.tagIds.has(c.tagId);
    case 'fieldText':
      return c.op === 'equals'
        ? (f) => f.fields[c.fieldId] === c.value
        : (f) => {
            const v = f.fields[c.fieldId];
            return typeof v === 'string' && v.includes(c.value);
          };
    case 'fieldChoice': {
      const choices = new Set(c.anyOf);
      return (f) => {
        const v = f.fields[c.fieldId];
        return typeof v === 'string' && choices.has(v);
      };
    }
    case 'fieldNumber':
      return numberPredicate(c);
    case 'fieldDate':
      return datePredicate(c, cal);
    case 'birthdayMonth': {
      const month = String(c.month === 'current' ? cal.month : c.month).padStart(2, '0');
      return (f) => {
        const v = f.fields[c.fieldId];
        return typeof v === 'string' && STORED_DATE.test(v) && v.slice(5, 7) === month;
      };
    }
    case 'fieldSet':
      return (f) => {
        const v = f.fields[c.fieldId];
        return v !== undefined && v !== null && v !== '';
      };
    case 'inflowRoute': {
      const routes = new Set(c.routeIds);
      return (f) => f.inflowRouteId !== null && routes.has(f.inflowRouteId);
    }
    case 'registeredAt': {
      const test = momentTest(c, cal);
      return (f) => test(f.registeredAt.getTime());
    }
    case 'lastReactionAt': {
      const test = momentTest(c, cal);
      return (f) => f.lastReactionAt !== null && test(f.lastReactionAt.getTime());
    }
    case 'friendStatus':
      return (f) => f.status === c.status;
    case 'scenario':
      return (f) => f.runs.some((r) => r.scenarioId === c.scenarioId && runMatches(c.state, r.status));
    case 'linkClicked':
      return (f) => f.clickedLinkIds.has(c.linkId);
    case 'receivedSend':
      return (f) => f.receivedSends.some((s) => s.scenarioId === c.scenarioId && s.nodeId === c.nodeId);
    case 'converted':
      return (f) => f.conversionNames.has(c.name);
    case 'rfm': {
      const { min, max } = rfmBounds(c.metric, c.min, c.max);
      return (f) => {
        const figure = rfmFigure(f.conversions ?? [], c.metric, cal.now, c.pointId);
        return figure !== undefined && (min === undefined || figure >= min) && (max === undefined || figure <= max);
      };
    }
    default:
      return assertNever(c);
  }
}

function runMatches(state: ConditionOf<'scenario'>['state'], status: FriendFacts['runs'][number]['status']): boolean {
  if (state === 'entered') return true;
  if (state === 'finished') return status === 'finished';
  return (IN_PROGRESS_RUN_STATUSES as readonly string[]).includes(status);
}

function numberPredicate(c: ConditionOf<'fieldNumber'>): FriendPredicate {
  // A non-finite threshold cannot come from JSON; it matches nothing rather than NaN's quirks.
  if (!Number.isFinite(c.value)) return () => false;
  const x = c.value;
  const compare: Record<typeof c.op, (v: number) => boolean> = {
    eq: (v) => v === x,
    neq: (v) => v !== x,
    lt: (v) => v < x,
    lte: (v) => v <= x,
    gt: (v) => v > x,
    gte: (v) => v >= x,
  };
  const test = compare[c.op];
  return (f) => {
    const v = f.fields[c.fieldId];
    return typeof v === 'number' && test(v);
  };
}

/** Inclusive `YYYY-MM-DD` bounds a stored date must fall within (string order is date order). */
export function dateBounds(c: ConditionOf<'fieldDate'>, cal: Calendar): { min?: string; max?: string; exclusive?: boolean } {
  switch (c.op) {
    case 'before':
      return { max: c.date, exclusive: true };
    case 'after':
      return { min: c.date, exclusive: true };
    case 'on':
      return { min: c.date, max: c.date };
    case 'withinNextDays':
      return { min: cal.today, max: cal.shift(c.days) };
    case 'withinPastDays':
      return { min: cal.shift(-c.days), max: cal.today };
    default:
      return assertNever(c);
  }
}

function datePredicate(c: ConditionOf<'fieldDate'>, cal: Calendar): FriendPredicate {
  const { min, max, exclusive } = dateBounds(c, cal);
  return (f) => {
    const v = f.fields[c.fieldId];
    if (typeof v !== 'string' || !STORED_DATE.test(v)) return false;
    if (min !== undefined && (exclusive ? v <= min : v < min)) return false;
    if (max !== undefined && (exclusive ? v >= max : v > max)) return false;
    return true;
  };
}

/**
 * `[from, to)` in epoch milliseconds that an instant must fall within. An impossible date such as
 * 2024-02-30 gives NaN, which no instant satisfies, in memory and in SQL alike.
 */
export function momentBounds(c: ConditionOf<'registeredAt' | 'lastReactionAt'>, cal: Calendar): { from?: number; to?: number } {
  switch (c.op) {
    case 'before':
      return { to: cal.startOf(c.date).getTime() };
    case 'after':
      return { from: cal.startOf(addDays(c.date, 1)).getTime() };
    case 'withinPastDays':
      return { from: cal.startOf(cal.shift(-c.days)).getTime() };
    default:
      return assertNever(c);
  }
}

function momentTest(c: ConditionOf<'registeredAt' | 'lastReactionAt'>, cal: Calendar): (ms: number) => boolean {
  const { from, to } = momentBounds(c, cal);
  return (ms) => (from === undefined || ms >= from) && (to === undefined || ms < to);
}
