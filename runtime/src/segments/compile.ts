import {
  assertNever, calendarFor, dateBounds, momentBounds, rfmBounds, segmentTarget, STORED_DATE, type Calendar, type Condition, type ConditionContext,
  type ConditionOf, type SegmentResolver,
} from '@lsb/shared';

const STORED_DATE_SQL = STORED_DATE.source;

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Database ids are lowercase UUIDs. An id of any other form can match no row, so the SQL
 * compiler turns it into `false` instead of a cast error, and the evaluator agrees naturally.
 */
function isCanonicalUuid(id: string): boolean {
  return CANONICAL_UUID.test(id);
}

export interface CompileOptions extends ConditionContext {
  /** When given, the expression also requires `f.workspace_id` to be this workspace. */
  workspaceId?: string;
  /** Number of the first placeholder, so the expression can join a larger query. Default 1. */
  firstParam?: number;
}

export interface CompiledCondition {
  /** A boolean SQL expression over the friend row aliased `f`. */
  sql: string;
  params: unknown[];
  /** The next free placeholder number. */
  nextParam: number;
}

// The SQL twin of shared's in-memory evaluator; runtime/test/segments/ proves they agree on random
// friends and conditions. Calendar arithmetic happens here in JS, once, so the database compares
// plain values: dates as `COLLATE "C"` text, instants as timestamptz.

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly first: number) {}
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.first + this.values.length - 1}::${cast}`;
  }
  get next(): number {
    return this.first + this.values.length;
  }
}

/** Compiles a condition to parameterised SQL; values never enter the SQL text. */
export function compileCondition(condition: Condition, options: CompileOptions): CompiledCondition {
  const params = new Params(options.firstParam ?? 1);
  const body = sqlOf(condition, { ...calendarFor(options), now: options.now, resolve: options.segments, path: [] }, params);
  const sql =
    options.workspaceId === undefined ? body : `(f.workspace_id = ${params.add(options.workspaceId, 'uuid')} and ${body})`;
  return { sql, params: params.values, nextParam: params.next };
}

/** The calendar plus how saved segments are found and which ones enclose this point (cycle guard). */
interface Scope extends Calendar { now: Date; resolve: SegmentResolver | undefined; path: readonly string[] }

function sqlOf(c: Condition, cal: Scope, p: Params): string {
  switch (c.kind) {
    case 'and':
      return c.conditions.length === 0 ? 'true' : `(${c.conditions.map((x) => sqlOf(x, cal, p)).join(' and ')})`;
    case 'or':
      return c.conditions.length === 0 ? 'false' : `(${c.conditions.map((x) => sqlOf(x, cal, p)).join(' or ')})`;
    case 'not':
      // Every leaf is written to yield true or false, never null, so `not` is exact.
      return `(not ${sqlOf(c.condition, cal, p)})`;
    case 'segment': {
      // Inlined, so the planner sees one predicate; the same target rule as the evaluator's.
      const target = segmentTarget(c, cal.resolve, cal.path);
      return target === undefined ? 'false' : sqlOf(target, { ...cal, path: [...cal.path, c.segmentId] }, p);
    }
    case 'tag': {
      if (!isCanonicalUuid(c.tagId)) return c.has ? 'false' : 'true';
      // friends.tag_ids mirrors friend_tags (kept by triggers): a per-row array test instead of a
      // subplan per leaf, which under NOT/OR outgrew work_mem at 1,000,000 friends.
      const has = `(f.tag_ids @> array[${p.add(c.tagId, 'uuid')}])`;
      return c.has ? has : `(not ${has})`;
    }
    case 'fieldText': {
      if (c.value.includes('\u0000')) return 'false'; // PostgreSQL text cannot hold NUL, so no stored value does
      const v = fieldText(c.fieldId, p);
      const test = c.op === 'equals' ? `${v} = ${p.add(c.value, 'text')}` : `strpos(${v}, ${p.add(c.value, 'text')}) > 0`;
      return isString(c.fieldId, p, test);
    }
    case 'fieldChoice': {
      const choices = c.anyOf.filter((choice) => !choice.includes('\u0000'));
      if (choices.length === 0) return 'false';
      return isString(c.fieldId, p, `${fieldText(c.fieldId, p)} = any(${p.add(choices, 'text[]')})`);
    }
    case 'fieldNumber':
      return numberSql(c, p);
    case 'fieldDate':
      return dateSql(c, cal, p);
    case 'birthdayMonth': {
      const month = String(c.month === 'current' ? cal.month : c.month).padStart(2, '0');
      return storedDate(c.fieldId, p, (v) => `substr(${v}, 6, 2) = ${p.add(month, 'text')}`);
    }
    case 'fieldSet':
      return `coalesce(${fieldText(c.fieldId, p)}, '') <> ''`;
    case 'inflowRoute': {
      const ids = c.routeIds.filter(isCanonicalUuid);
      if (ids.length === 0) return 'false';
      return `coalesce(f.inflow_route_id = any(${p.add(ids, 'uuid[]')}), false)`;
    }
    case 'registeredAt':
      return momentSql('f.registered_at', c, cal, p);
    case 'lastReactionAt':
      return `(f.last_reaction_at is not null and ${momentSql('f.last_reaction_at', c, cal, p)})`;
    case 'friendStatus':
      return `f.status = ${p.add(c.status, 'text')}`;
    case 'scenario': {
      if (!isCanonicalUuid(c.scenarioId)) return 'false';
      const statuses = { running: " and r.status in ('running', 'waiting', 'held')", finished: " and r.status = 'finished'", entered: '' }[c.state];
      return `exists (select 1 from runs r where r.friend_id = f.id and r.scenario_id = ${p.add(c.scenarioId, 'uuid')}${statuses})`;
    }
    case 'linkClicked':
      if (!isCanonicalUuid(c.linkId)) return 'false';
      return `exists (select 1 from link_clicks lc where lc.friend_id = f.id and lc.link_id = ${p.add(c.linkId, 'uuid')})`;
    case 'receivedSend':
      if (!isCanonicalUuid(c.scenarioId) || c.nodeId.includes('\u0000')) return 'false';
      return `exists (select 1 from sends s where s.friend_id = f.id and s.status = 'sent' and s.scenario_id = ${p.add(c.scenarioId, 'uuid')} and s.node_id = ${p.add(c.nodeId, 'text')})`;
    case 'converted':
      if (c.name.includes('\u0000')) return 'false';
      return `exists (select 1 from conversions cv where cv.friend_id = f.id and cv.name = ${p.add(c.name, 'text')})`;
    case 'rfm':
      return rfmSql(c, cal.now, p);
    default:
      return assertNever(c);
  }
}

const DAY_MS = 86_400_000;

/**
 * The same figures as shared's rfmFigure: recency compares the last conversion with instants
 * computed here (whole days: floor(days) >= min is days >= ceil(min)), monetary sums cents.
 */
function rfmSql(c: ConditionOf<'rfm'>, now: Date, p: Params): string {
  const { min, max } = rfmBounds(c.metric, c.min, c.max);
  const filter = c.pointId === undefined ? '' : isCanonicalUuid(c.pointId) ? ` and cv.point_id = ${p.add(c.pointId, 'uuid')}` : ' and false';
  const from = `from conversions cv where cv.friend_id = f.id${filter}`;
  if (c.metric === 'recency') {
    const last = `(select max(cv.at) ${from})`;
    const parts = [`${last} is not null`];
    if (min !== undefined) parts.push(`${last} <= ${p.add(new Date(now.getTime() - Math.ceil(min) * DAY_MS).toISOString(), 'timestamptz')}`);
    if (max !== undefined) parts.push(`${last} > ${p.add(new Date(now.getTime() - (Math.floor(max) + 1) * DAY_MS).toISOString(), 'timestamptz')}`);
    return `(${parts.join(' and ')})`;
  }
  // Only friends with a conversion (of the point) have figures, as in shared's rfmFigure.
  const figure = c.metric === 'frequency' ? `(select count(*) ${from})` : `(select coalesce(sum(round(cv.value * 100)), 0) ${from})`;
  const parts = [`exists (select 1 ${from})`];
  if (min !== undefined) parts.push(`${figure} >= ${p.add(min, 'numeric')}`);
  if (max !== undefined) parts.push(`${figure} <= ${p.add(max, 'numeric')}`);
  return `(${parts.join(' and ')})`;
}

function fieldText(fieldId: string, p: Params): string {
  return `(f.fields ->> ${p.add(fieldId, 'text')})`;
}

/**
 * `test` only when the stored JSON value has this type. `case` because PostgreSQL may evaluate
 * the operands of `and` in any order, and `'abc'::numeric` must never run; `coalesce` keeps the
 * leaf two-valued when the key is missing.
 */
function isType(fieldId: string, type: 'string' | 'number', p: Params, test: string): string {
  return `coalesce(case when jsonb_typeof(f.fields -> ${p.add(fieldId, 'text')}) = '${type}' then ${test} else false end, false)`;
}

/**
 * `test` on the value's text (`->>`) and only then whether the stored JSON value is a string: any
 * text test is safe on a number's or a boolean's text, and most rows fail the test, so at
 * 1,000,000 friends most never pay for the second lookup. Missing key or JSON null: `->>` is null,
 * and the leaf is false.
 */
function isString(fieldId: string, p: Params, test: string): string {
  return `coalesce(case when ${test} then jsonb_typeof(f.fields -> ${p.add(fieldId, 'text')}) = 'string' else false end, false)`;
}

/**
 * The cheap comparison first and the format's regular expression only on the values that pass it:
 * inside `case` PostgreSQL keeps the written order, and a regex on every row of 1,000,000 cost
 * seconds. Both must hold, and neither can fail, so the order changes nothing but the time.
 */
function storedDate(fieldId: string, p: Params, test: (value: string) => string): string {
  const v = fieldText(fieldId, p);
  return isString(fieldId, p, `${test(v)} and ${v} ~ '${STORED_DATE_SQL}'`);
}

const NUMBER_OPS = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function numberSql(c: ConditionOf<'fieldNumber'>, p: Params): string {
  if (!Number.isFinite(c.value)) return 'false';
  // jsonb keeps a JSON number as an exact numeric (cast straight out, no text round trip), and
  // String(x) is an exact decimal, so numeric compares like JS does.
  const test = `(f.fields -> ${p.add(c.fieldId, 'text')})::numeric ${NUMBER_OPS[c.op]} ${p.add(String(c.value), 'numeric')}`;
  return isType(c.fieldId, 'number', p, test);
}

function dateSql(c: ConditionOf<'fieldDate'>, cal: Calendar, p: Params): string {
  const { min, max, exclusive } = dateBounds(c, cal);
  return storedDate(c.fieldId, p, (v) => {
    const parts: string[] = [];
    if (min !== undefined) parts.push(`${v} COLLATE "C" ${exclusive ? '>' : '>='} ${p.add(min, 'text')}`);
    if (max !== undefined) parts.push(`${v} COLLATE "C" ${exclusive ? '<' : '<='} ${p.add(max, 'text')}`);
    return parts.join(' and ') || 'true';
  });
}

function momentSql(column: string, c: ConditionOf<'registeredAt' | 'lastReactionAt'>, cal: Calendar, p: Params): string {
  const { from, to } = momentBounds(c, cal);
  if ((from !== undefined && Number.isNaN(from)) || (to !== undefined && Number.isNaN(to))) return 'false';
  const parts: string[] = [];
  if (from !== undefined) parts.push(`${column} >= ${p.add(new Date(from).toISOString(), 'timestamptz')}`);
  if (to !== undefined) parts.push(`${column} < ${p.add(new Date(to).toISOString(), 'timestamptz')}`);
  return parts.length === 0 ? 'true' : `(${parts.join(' and ')})`;
}
