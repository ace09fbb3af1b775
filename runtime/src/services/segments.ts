import { inArray } from 'drizzle-orm';
import { Compile } from 'typebox/compile';
import { Condition, type Condition as ConditionValue } from '@lsb/shared';
import { compileCondition } from '../segments/compile.ts';
import type { FriendSummary } from '@lsb/shared/api';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';
import { friends } from '../db/schema/index.ts';
import { badRequest } from '../errors.ts';
import { toFriendSummary } from '../store/friends.ts';

const checkCondition = Compile(Condition);

/** Conditions arrive as JSON from the editor and the API: checked against shared's schema, never trusted. */
export function parseCondition(json: unknown): ConditionValue {
  if (checkCondition.Check(json)) return json;
  const [first] = checkCondition.Errors(json);
  throw badRequest('invalid_condition', `The segment condition is not valid: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim());
}

interface Scope { workspaceId: string; timeZone: string; now: Date }

function whereOf(condition: ConditionValue, scope: Scope) {
  const compiled = compileCondition(condition, { now: scope.now, timeZone: scope.timeZone, workspaceId: scope.workspaceId });
  // The compiler numbers its own $n placeholders; hand drizzle the text and values as they are.
  return { text: compiled.sql, params: compiled.params };
}

export async function countSegment(pool: pg.Pool, json: unknown, scope: Scope): Promise<number> {
  const { text, params } = whereOf(parseCondition(json), scope);
  const result = await pool.query<{ count: number }>(`select count(*)::int as count from friends f where ${text}`, params);
  return result.rows[0]?.count ?? 0;
}

export async function selectSegment(db: Db, pool: pg.Pool, json: unknown, scope: Scope, limit: number): Promise<FriendSummary[]> {
  const { text, params } = whereOf(parseCondition(json), scope);
  const result = await pool.query<{ id: string }>(
    `select f.id from friends f where ${text} order by f.registered_at desc limit ${Math.min(Math.max(1, Math.floor(limit)), 10_000)}`,
    params,
  );
  if (result.rows.length === 0) return [];
  const rows = await db.select().from(friends).where(inArray(friends.id, result.rows.map((row) => row.id)));
  const order = new Map(result.rows.map((row, index) => [row.id, index]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(toFriendSummary);
}
