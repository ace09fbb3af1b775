import {
  assertNever, calendarFor, dateBounds, momentBounds, rfmBounds, segmentTarget, STORED_DATE, type Calendar, type Condition, type ConditionContext,
  type ConditionOf, type SegmentResolver,
} from '@lsb/shared';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Database ids are lowercase UUIDs. An id of any other form can match no row, so the SQL
 * compiler turns it into `false` instead of a cast error, and the evaluator agrees naturally.
 */
function isCanonicalUuid(id: string): boolean {
  return CANONICAL_UUID.test(id);
}

export interface CompileOptions extends ConditionContext {
  /**
   * When given, the expression also requires the friend's workspace to be this workspace, and
   * field slots are looked up once for it; without it each row looks up its own (correct, slower).
   */
  workspaceId?: string;
  /** Number of the first placeholder, so the expression can join a larger query. Default 1. */
  firstParam?: number;
  /**
   * tags.num by tag id, read beforehand: a tag test then carries its number as a value, and the
   * planner estimates it from the column's statistics instead of guessing. A tag not in the map is
   * one no friend here holds (0). Without it, each number is looked up in the query.
   */
  tagNums?: ReadonlyMap<string, number>;
}

export interface CompiledCondition {
  /** A boolean SQL expression over the friend row aliased `f`. */
  sql: string;
  params: unknown[];
  /** The next free placeholder number. */
  nextParam: number;
}

export interface CompiledFactsCondition extends CompiledCondition {
  /**
   * The expression reads `friend_segment_facts s` and, when this is true, also `friends f` (status,
   * dates of registration and reaction, inflow route): the caller joins `f` on `f.id = s.friend_id`.
   */
  needsFriend: boolean;
}

// The SQL twin of shared's in-memory evaluator; runtime/test/segments/ proves they agree on random
// friends and conditions. Calendar arithmetic happens here in JS, once, so the database compares
// plain values: dates as yyyymmdd integers (or `COLLATE "C"` text), instants as timestamptz.
//
// Tags and fields are read from friend_segment_facts (`s`), the narrow typed copy the friends
// triggers keep (db/schema/friends.ts): a tag is its number in `s.tag_nums`, a field its slot in
// the typed arrays, both looked up once per query (an uncorrelated subquery is an InitPlan).

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

/** Which rows the expression reads, filled while compiling. */
interface Rows {
  /** The friend's id: `f.id` over friends, `s.friend_id` over the facts. */
  id: string;
  /** The field slots' workspace: a placeholder once used, its id until then, or undefined (each row's own). */
  workspace: { id: string; placeholder?: string } | undefined;
  usesFacts: boolean;
  usesFriend: boolean;
}

/**
 * Compiles a condition to parameterised SQL over `friends f`; values never enter the SQL text.
 * Tag and field leaves read the friend's facts row through one `exists`, which PostgreSQL joins
 * (a semi-join) when the expression stands in a WHERE clause's top-level AND.
 */
export function compileCondition(condition: Condition, options: CompileOptions): CompiledCondition {
  const params = new Params(options.firstParam ?? 1);
  const slots = options.workspaceId;
  const rows: Rows = { id: 'f.id', workspace: slots === undefined ? undefined : { id: slots }, usesFacts: false, usesFriend: true };
  const inner = sqlOf(condition, scopeOf(options, rows), params);
  const body = rows.usesFacts ? `exists (select 1 from friend_segment_facts s where s.friend_id = f.id and ${inner})` : inner;
  if (options.workspaceId === undefined) return { sql: body, params: params.values, nextParam: params.next };
  const workspace = rows.workspace?.id === options.workspaceId && rows.workspace.placeholder ? rows.workspace.placeholder : params.add(options.workspaceId, 'uuid');
  return { sql: `(f.workspace_id = ${workspace} and ${body})`, params: params.values, nextParam: params.next };
}

/**
 * The same condition over `friend_segment_facts s` of one workspace, for counts: a scan of the
 * narrow rows, joined to `friends f` only when `needsFriend`.
 */
export function compileFactsCondition(condition: Condition, options: CompileOptions & { workspaceId: string }): CompiledFactsCondition {
  const params = new Params(options.firstParam ?? 1);
  const workspace = params.add(options.workspaceId, 'uuid');
  const rows: Rows = { id: 's.friend_id', workspace: { id: options.workspaceId, placeholder: workspace }, usesFacts: true, usesFriend: false };
  const body = sqlOf(condition, scopeOf(options, rows), params);
  return { sql: `(s.workspace_id = ${workspace} and ${body})`, params: params.values, nextParam: params.next, needsFriend: rows.usesFriend };
}

function scopeOf(options: CompileOptions, rows: Rows): Scope {
  return { ...calendarFor(options), now: options.now, resolve: options.segments, path: [], rows, negated: false, tagNums: options.tagNums };
}

/**
 * The calendar plus how saved segments are found and which ones enclose this point (cycle guard),
 * the rows read, and whether the point is under an odd number of NOTs.
 */
interface Scope extends Calendar {
  now: Date; resolve: SegmentResolver | undefined; path: readonly string[]; rows: Rows; negated: boolean; tagNums: ReadonlyMap<string, number> | undefined;
}

/** A column of the friends row. */
function friendColumn(cal: Scope, column: string): string {
  cal.rows.usesFriend = true;
  return `f.${column}`;
}

function sqlOf(c: Condition, cal: Scope, p: Params): string {
  switch (c.kind) {
    case 'and':
      return c.conditions.length === 0 ? 'true' : `(${c.conditions.map((x) => sqlOf(x, cal, p)).join(' and ')})`;
    case 'or':
      return c.conditions.length === 0 ? 'false' : `(${c.conditions.map((x) => sqlOf(x, cal, p)).join(' or ')})`;
    case 'not':
      // Every leaf is written to yield true or false, never null, so `not` is exact.
      return `(not ${sqlOf(c.condition, { ...cal, negated: !cal.negated }, p)})`;
    case 'segment': {
      // Inlined, so the planner sees one predicate; the same target rule as the evaluator's.
      const target = segmentTarget(c, cal.resolve, cal.path);
      return target === undefined ? 'false' : sqlOf(target, { ...cal, path: [...cal.path, c.segmentId] }, p);
    }
    case 'tag': {
      if (!isCanonicalUuid(c.tagId)) return c.has ? 'false' : 'true';
      cal.rows.usesFacts = true;
      // tags.num starts at 1; an unknown tag is 0, which no friend holds. Where the test can select
      // rows (not under NOT) `@>`, which the GIN index answers; under NOT `= any`, cheaper per row.
      const num = cal.tagNums ? p.add(cal.tagNums.get(c.tagId) ?? 0, 'int4') : `coalesce((select t.num from tags t where t.id = ${p.add(c.tagId, 'uuid')}), 0)`;
      const holds = cal.negated === c.has ? `(${num} = any(s.tag_nums))` : `(s.tag_nums @> array[${num}])`;
      return c.has ? holds : `(not ${holds})`;
    }
    case 'fieldText': {
      if (c.value.includes('\u0000')) return 'false'; // PostgreSQL text cannot hold NUL, so no stored value does
      const v = `s.strs[${slot(c.fieldId, cal, p)}]`;
      return two(c.op === 'equals' ? `${v} = ${p.add(c.value, 'text')}` : `strpos(${v}, ${p.add(c.value, 'text')}) > 0`);
    }
    case 'fieldChoice': {
      const choices = c.anyOf.filter((choice) => !choice.includes('\u0000'));
      if (choices.length === 0) return 'false';
      return two(`s.strs[${slot(c.fieldId, cal, p)}] = any(${p.add(choices, 'text[]')})`);
    }
    case 'fieldNumber':
      // A JSON number from JavaScript is a double, stored as float8: compared as JS compares.
      if (!Number.isFinite(c.value)) return 'false';
      return two(`s.nums[${slot(c.fieldId, cal, p)}] ${NUMBER_OPS[c.op]} ${p.add(String(c.value), 'float8')}`);
    case 'fieldDate':
      return dateSql(c, cal, p);
    case 'birthdayMonth': {
      // dates[k] is yyyymmdd of a stored date; its month digits are the stored text's 6th and 7th.
      const month = String(c.month === 'current' ? cal.month : c.month).padStart(2, '0');
      if (!/^[0-9]{2}$/.test(month)) return 'false';
      return two(`(s.dates[${slot(c.fieldId, cal, p)}] / 100) % 100 = ${p.add(Number(month), 'int4')}`);
    }
    case 'fieldSet':
      return two(`${slot(c.fieldId, cal, p)} = any(s.set_slots)`);
    case 'inflowRoute': {
      const ids = c.routeIds.filter(isCanonicalUuid);
      if (ids.length === 0) return 'false';
      return `coalesce(${friendColumn(cal, 'inflow_route_id')} = any(${p.add(ids, 'uuid[]')}), false)`;
    }
    case 'registeredAt':
      return momentSql(friendColumn(cal, 'registered_at'), c, cal, p);
    case 'lastReactionAt': {
      const column = friendColumn(cal, 'last_reaction_at');
      return `(${column} is not null and ${momentSql(column, c, cal, p)})`;
    }
    case 'friendStatus':
      return `${friendColumn(cal, 'status')} = ${p.add(c.status, 'text')}`;
    case 'scenario': {
      if (!isCanonicalUuid(c.scenarioId)) return 'false';
      const statuses = { running: " and r.status in ('running', 'waiting', 'held')", finished: " and r.status = 'finished'", entered: '' }[c.state];
      return `exists (select 1 from runs r where r.friend_id = ${cal.rows.id} and r.scenario_id = ${p.add(c.scenarioId, 'uuid')}${statuses})`;
    }
    case 'linkClicked':
      if (!isCanonicalUuid(c.linkId)) return 'false';
      return `exists (select 1 from link_clicks lc where lc.friend_id = ${cal.rows.id} and lc.link_id = ${p.add(c.linkId, 'uuid')})`;
    case 'receivedSend': {
      if (!isCanonicalUuid(c.scenarioId) || c.nodeId.includes('\u0000')) return 'false';
      // The outbox's rows, or a member of a cohort send (store/cohort-sends.ts): a node's cohort
      // sends unnested once, as a hashed set, rather than a GIN search per friend.
      const scenario = p.add(c.scenarioId, 'uuid');
      const node = p.add(c.nodeId, 'text');
      return `(exists (select 1 from sends se where se.friend_id = ${cal.rows.id} and se.status = 'sent' and se.scenario_id = ${scenario} and se.node_id = ${node})`
        + ` or ${cal.rows.id} in (select unnest(cs.friend_ids) from cohort_sends cs where cs.scenario_id = ${scenario} and cs.node_id = ${node} and cs.status = 'sent'))`;
    }
    case 'converted':
      if (c.name.includes('\u0000')) return 'false';
      return `exists (select 1 from conversions cv where cv.friend_id = ${cal.rows.id} and cv.name = ${p.add(c.name, 'text')})`;
    case 'rfm':
      return rfmSql(c, cal, p);
    default:
      return assertNever(c);
  }
}

/** Null (no value of that type, or no slot) is false, so every leaf is two-valued and `not` exact. */
function two(test: string): string {
  return `coalesce(${test}, false)`;
}

/**
 * The field's slot in the facts arrays, found once per query; null (so every leaf false) for a key
 * no friend of the workspace ever held. A field id PostgreSQL text cannot hold is no key either.
 */
function slot(fieldId: string, cal: Scope, p: Params): string {
  cal.rows.usesFacts = true;
  if (fieldId.includes('\u0000')) return 'null::int4';
  const ws = cal.rows.workspace;
  const workspace = ws === undefined ? 's.workspace_id' : (ws.placeholder ??= p.add(ws.id, 'uuid'));
  return `(select sl.slot from segment_field_slots sl where sl.workspace_id = ${workspace} and sl.key = ${p.add(fieldId, 'text')})`;
}

const DAY_MS = 86_400_000;

/**
 * The same figures as shared's rfmFigure: recency compares the last conversion with instants
 * computed here (whole days: floor(days) >= min is days >= ceil(min)), monetary sums cents.
 */
function rfmSql(c: ConditionOf<'rfm'>, cal: Scope, p: Params): string {
  const now = cal.now;
  const { min, max } = rfmBounds(c.metric, c.min, c.max);
  const filter = c.pointId === undefined ? '' : isCanonicalUuid(c.pointId) ? ` and cv.point_id = ${p.add(c.pointId, 'uuid')}` : ' and false';
  const from = `from conversions cv where cv.friend_id = ${cal.rows.id}${filter}`;
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

const NUMBER_OPS = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/**
 * Bounds in the stored form compare as yyyymmdd integers (string order of `YYYY-MM-DD` is number
 * order); any other bound text compares with the stored text in byte order, as the evaluator does.
 */
function dateSql(c: ConditionOf<'fieldDate'>, cal: Scope, p: Params): string {
  const { min, max, exclusive } = dateBounds(c, cal);
  const k = slot(c.fieldId, cal, p);
  const stored = [min, max].every((b) => b === undefined || STORED_DATE.test(b));
  const v = stored ? `s.dates[${k}]` : `s.strs[${k}] COLLATE "C"`;
  const bound = (b: string) => (stored ? p.add(Number(b.replaceAll('-', '')), 'int4') : p.add(b, 'text'));
  const parts = [`s.dates[${k}] is not null`];
  if (min !== undefined) parts.push(`${v} ${exclusive ? '>' : '>='} ${bound(min)}`);
  if (max !== undefined) parts.push(`${v} ${exclusive ? '<' : '<='} ${bound(max)}`);
  return two(parts.join(' and '));
}

function momentSql(column: string, c: ConditionOf<'registeredAt' | 'lastReactionAt'>, cal: Calendar, p: Params): string {
  const { from, to } = momentBounds(c, cal);
  if ((from !== undefined && Number.isNaN(from)) || (to !== undefined && Number.isNaN(to))) return 'false';
  const parts: string[] = [];
  if (from !== undefined) parts.push(`${column} >= ${p.add(new Date(from).toISOString(), 'timestamptz')}`);
  if (to !== undefined) parts.push(`${column} < ${p.add(new Date(to).toISOString(), 'timestamptz')}`);
  return parts.length === 0 ? 'true' : `(${parts.join(' and ')})`;
}
