import { Compile } from 'typebox/compile';
import { Condition, segmentCycle, type Condition as ConditionValue, type SegmentResolver } from '@lsb/shared';
import type { FriendFilter, FriendSummary, SavedSegment, SavedSegmentWithCount, SaveSegmentBody } from '@lsb/shared/api';
import type pg from 'pg';
import { compileCondition, compileFactsCondition } from '../segments/compile.ts';
import type { Db } from '../db/pool.ts';
import { deleteSegmentRow, findSegmentRow, insertSegmentRow, listSegmentRows, tagNumbers, updateSegmentRow, type SegmentRow } from '../store/segments.ts';
import { badRequest, conflict, notFound, unprocessable } from '../errors.ts';
import { toFriendSummary } from '../store/friends.ts';
import { scenarioTexts } from '../store/scenarios.ts';

const checkCondition = Compile(Condition);

/** Conditions arrive as JSON from the editor and the API: checked against shared's schema, never trusted. */
export function parseCondition(json: unknown): ConditionValue {
  if (checkCondition.Check(json)) return json;
  const [first] = checkCondition.Errors(json);
  throw badRequest('invalid_condition', `The segment condition is not valid: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim());
}

export interface Scope { workspaceId: string; timeZone: string; now: Date }

/** The workspace's saved segments as a resolver for both evaluators; a stored condition that no longer parses resolves to nothing. */
export async function loadSegments(db: Db, workspaceId: string): Promise<{ rows: SegmentRow[]; resolve: SegmentResolver }> {
  const rows = await listSegmentRows(db, workspaceId);
  const conditions = new Map<string, ConditionValue>();
  for (const row of rows) if (checkCondition.Check(row.condition)) conditions.set(row.id, row.condition);
  return { rows, resolve: (id) => conditions.get(id) };
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filter's saved segment (as it is now) and ad-hoc condition as one condition, with the resolver. */
async function filterCondition(db: Db, filter: FriendFilter, scope: Scope): Promise<{ condition: ConditionValue; resolve: SegmentResolver }> {
  const parts: ConditionValue[] = [];
  if (filter.segmentId !== undefined) {
    if (!(await findSegmentRow(db, scope.workspaceId, filter.segmentId))) throw notFound('segment');
    parts.push({ kind: 'segment', segmentId: filter.segmentId });
  }
  if (filter.condition !== undefined) parts.push(parseCondition(filter.condition));
  const { resolve } = await loadSegments(db, scope.workspaceId);
  return { condition: { kind: 'and', conditions: parts }, resolve };
}

/** The name search as ` and f.display_name ilike $n`, or nothing. */
function nameSearch(filter: FriendFilter, params: unknown[], next: number): string {
  const q = filter.q?.trim();
  if (!q) return '';
  params.push(`%${escapeLike(q)}%`);
  return ` and f.display_name ilike $${next}`;
}

/**
 * The friends page's filter as one SQL predicate over `friends f`: the workspace, the name search,
 * the saved segment (as it is now) and the ad-hoc condition. Values are parameters from `firstParam`.
 */
export async function filterSql(db: Db, filter: FriendFilter, scope: Scope, firstParam = 1): Promise<{ sql: string; params: unknown[] }> {
  const [{ condition, resolve }, tagNums] = await Promise.all([filterCondition(db, filter, scope), tagNumbers(db, scope.workspaceId)]);
  const compiled = compileCondition(condition, { ...scope, segments: resolve, firstParam, tagNums });
  const params = [...compiled.params];
  const search = nameSearch(filter, params, compiled.nextParam);
  return { sql: search ? `(${compiled.sql}${search})` : compiled.sql, params };
}

/**
 * How many friends match: a scan of the narrow friend_segment_facts rows of the workspace (a
 * quarter of the friends row), joined to friends only when the condition or the name search reads it.
 */
export async function countFilter(db: Db, pool: pg.Pool, filter: FriendFilter, scope: Scope): Promise<number> {
  const [{ condition, resolve }, tagNums] = await Promise.all([filterCondition(db, filter, scope), tagNumbers(db, scope.workspaceId)]);
  const compiled = compileFactsCondition(condition, { ...scope, segments: resolve, tagNums });
  const params = [...compiled.params];
  const search = nameSearch(filter, params, compiled.nextParam);
  const from = compiled.needsFriend || search ? 'friend_segment_facts s join friends f on f.id = s.friend_id' : 'friend_segment_facts s';
  const result = await pool.query<{ count: number }>(`select count(*)::int as count from ${from} where ${compiled.sql}${search}`, params);
  return result.rows[0]?.count ?? 0;
}

/** Every matching active friend id, for enrolling a whole filter. */
export async function filterFriendIds(db: Db, pool: pg.Pool, filter: FriendFilter, scope: Scope): Promise<string[]> {
  const where = await filterSql(db, filter, scope);
  const result = await pool.query<{ id: string }>(`select f.id from friends f where ${where.sql} and f.status = 'active'`, where.params);
  return result.rows.map((row) => row.id);
}

export async function countSegment(db: Db, pool: pg.Pool, json: unknown, scope: Scope): Promise<number> {
  return countFilter(db, pool, { condition: json }, scope);
}

export async function selectSegment(db: Db, pool: pg.Pool, json: unknown, scope: Scope, limit: number): Promise<FriendSummary[]> {
  const where = await filterSql(db, { condition: json }, scope);
  const result = await pool.query(
    `select f.* from friends f where ${where.sql} order by f.registered_at desc nulls last, f.id desc nulls last limit ${Math.min(Math.max(1, Math.floor(limit)), 500)}`,
    where.params,
  );
  return result.rows.map((row) => toFriendSummary(rowFromSql(row)));
}

/** A `select f.*` row (snake_case) in drizzle's shape. */
export function rowFromSql(row: Record<string, unknown>) {
  return {
    id: row.id as string,
    workspaceId: row.workspace_id as string,
    channelId: row.channel_id as string,
    lineUserId: row.line_user_id as string,
    displayName: row.display_name as string,
    pictureUrl: (row.picture_url as string | null) ?? null,
    status: row.status as 'active' | 'blocked',
    inflowRouteId: (row.inflow_route_id as string | null) ?? null,
    fields: row.fields as Record<string, unknown>,
    registeredAt: row.registered_at as Date,
    lastReactionAt: (row.last_reaction_at as Date | null) ?? null,
    blockedAt: (row.blocked_at as Date | null) ?? null,
    blockedXid: (row.blocked_xid as string | null) ?? null,
    clockOffsetMs: Number(row.clock_offset_ms ?? 0),
    isTester: Boolean(row.is_tester),
    profileStatus: (row.profile_status as 'pending' | 'fetched' | 'unavailable' | null) ?? 'fetched',
  };
}

// ---- Saved segments

async function usedByScenarios(db: Db, workspaceId: string): Promise<Map<string, { scenarioId: string; name: string }[]>> {
  // Drafts and current versions mention a segment as `"segmentId":"<id>"`; reading their text
  // once answers for every segment on the page.
  const found = new Map<string, { scenarioId: string; name: string }[]>();
  for (const row of await scenarioTexts(db, workspaceId)) {
    for (const match of row.text.matchAll(/"segmentId":\s*"([0-9a-f-]{36})"/g)) {
      const list = found.get(match[1]!) ?? [];
      if (!list.some((entry) => entry.scenarioId === row.id)) list.push({ scenarioId: row.id, name: row.name });
      found.set(match[1]!, list);
    }
  }
  return found;
}

function toSavedSegment(row: SegmentRow, usedBy: Map<string, { scenarioId: string; name: string }[]>): SavedSegment {
  return { id: row.id, name: row.name, condition: row.condition, updatedAt: row.updatedAt.toISOString(), usedBy: usedBy.get(row.id) ?? [] };
}

/** The segment list with each segment's live count. */
export async function listSegments(db: Db, pool: pg.Pool, scope: Scope): Promise<SavedSegmentWithCount[]> {
  const [{ rows }, usedBy] = await Promise.all([loadSegments(db, scope.workspaceId), usedByScenarios(db, scope.workspaceId)]);
  const counts = await Promise.all(rows.map((row) => countFilter(db, pool, { segmentId: row.id }, scope)));
  return rows.map((row, i) => ({ ...toSavedSegment(row, usedBy), count: counts[i]! }));
}

export async function getSegment(db: Db, workspaceId: string, id: string): Promise<SavedSegment> {
  const row = await findSegmentRow(db, workspaceId, id);
  if (!row) throw notFound('segment');
  return toSavedSegment(row, await usedByScenarios(db, workspaceId));
}

async function checkSavable(db: Db, workspaceId: string, id: string | undefined, body: SaveSegmentBody): Promise<ConditionValue> {
  const condition = parseCondition(body.condition);
  const { rows, resolve } = await loadSegments(db, workspaceId);
  if (rows.some((row) => row.name === body.name && row.id !== id)) throw conflict('segment_name_taken', 'Another segment already has this name.');
  for (const leaf of JSON.stringify(condition).matchAll(/"segmentId":"([^"]*)"/g)) {
    if (!resolve(leaf[1]!)) throw unprocessable('unknown_segment', 'The condition refers to a segment that does not exist.', { segmentId: leaf[1] });
  }
  const cycle = segmentCycle(id ?? 'new', condition, resolve);
  if (cycle) {
    const names = cycle.map((sid) => rows.find((row) => row.id === sid)?.name ?? body.name);
    throw unprocessable('segment_cycle', `A segment cannot include itself: ${names.join(' → ')}.`, { cycle: names });
  }
  return condition;
}

export async function createSegment(db: Db, workspaceId: string, body: SaveSegmentBody, at: Date): Promise<SavedSegment> {
  const condition = await checkSavable(db, workspaceId, undefined, body);
  const row = await insertSegmentRow(db, workspaceId, body.name, condition, at);
  return toSavedSegment(row, new Map());
}

export async function updateSegment(db: Db, workspaceId: string, id: string, body: SaveSegmentBody, at: Date): Promise<SavedSegment> {
  if (!(await findSegmentRow(db, workspaceId, id))) throw notFound('segment');
  const condition = await checkSavable(db, workspaceId, id, body);
  const row = await updateSegmentRow(db, workspaceId, id, body.name, condition, at);
  if (!row) throw notFound('segment');
  return toSavedSegment(row, await usedByScenarios(db, workspaceId));
}

/** Refused while another segment or a scenario (draft or current version) refers to it. */
export async function deleteSegment(db: Db, workspaceId: string, id: string): Promise<void> {
  const { rows } = await loadSegments(db, workspaceId);
  if (!rows.some((row) => row.id === id)) throw notFound('segment');
  const inSegments = rows.filter((row) => row.id !== id && JSON.stringify(row.condition).includes(`"segmentId":"${id}"`)).map((row) => row.name);
  const inScenarios = (await usedByScenarios(db, workspaceId)).get(id) ?? [];
  if (inSegments.length > 0 || inScenarios.length > 0) {
    throw conflict('segment_in_use', 'Other segments or scenarios use this segment; remove it from them first.', {
      segments: inSegments, scenarios: inScenarios.map((s) => s.name),
    });
  }
  await deleteSegmentRow(db, workspaceId, id);
}
