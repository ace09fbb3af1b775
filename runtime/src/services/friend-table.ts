import type { FriendFilter, FriendQueryBody, FriendQueryResponse, FriendTableRow } from '@lsb/shared/api';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';
import { badRequest } from '../errors.ts';
import { toFriendSummary } from '../store/friends.ts';
import { filterSql, rowFromSql, type Scope } from './segments.ts';

// The friends page at 1,000,000 friends: newest first by keyset (registered_at, id) over the index
// friends_workspace_registered, so a page reads its rows and stops; no OFFSET, no count on the way.

interface Cursor { at: string; id: string }

function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const [at, id] = Buffer.from(text, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw badRequest('invalid_cursor', 'The page cursor is not one this list gave.');
  return { at, id };
}

/** The columns of a table row: the friend's and its tags (friend_tags is where tags live). */
const ROW_COLUMNS = 'f.*, array(select ft.tag_id from friend_tags ft where ft.friend_id = f.id) as tag_ids';

function toRow(raw: Record<string, unknown>): FriendTableRow {
  const row = rowFromSql(raw);
  return { ...toFriendSummary(row), fields: row.fields, tagIds: raw.tag_ids as string[] };
}

/**
 * The page's query: the filter, the cursor's keyset, newest first, one row more than the page.
 * `desc nulls last` as the index is built (drizzle's `.desc()`): a plain `desc` means nulls first,
 * which the index cannot give, and PostgreSQL then sorted all 1,000,000 rows for every page.
 */
export async function friendPageSql(db: Db, body: FriendQueryBody, scope: Scope): Promise<{ text: string; params: unknown[]; limit: number }> {
  const limit = body.limit ?? 50;
  const where = await filterSql(db, body.filter, scope);
  const params = [...where.params];
  let keyset = '';
  if (body.after) {
    const cursor = decodeCursor(body.after);
    params.push(cursor.at, cursor.id);
    keyset = ` and (f.registered_at, f.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  const order = 'order by f.registered_at desc nulls last, f.id desc nulls last';
  return { text: `select ${ROW_COLUMNS} from friends f where ${where.sql}${keyset} ${order} limit ${limit + 1}`, params, limit };
}

export async function queryFriends(db: Db, pool: pg.Pool, body: FriendQueryBody, scope: Scope): Promise<FriendQueryResponse> {
  const { text, params, limit } = await friendPageSql(db, body, scope);
  const result = await pool.query(text, params);
  const rows = result.rows.slice(0, limit).map(toRow);
  const last = rows.at(-1);
  return {
    friends: rows,
    nextCursor: result.rows.length > limit && last ? encodeCursor({ at: last.registeredAt, id: last.id }) : null,
  };
}

/**
 * Walks every friend matching the filter in id order, a chunk at a time, each chunk read fresh
 * (bulk work and export never hold one huge result or one long transaction).
 */
export async function* friendChunks(
  db: Db, pool: pg.Pool, filter: FriendFilter, scope: Scope, size: number, from = '00000000-0000-0000-0000-000000000000',
): AsyncGenerator<FriendTableRow[]> {
  const where = await filterSql(db, filter, scope);
  // In id order after `from`, so a job resumed after a crash starts past the friends it has done.
  let after = from;
  for (;;) {
    const params = [...where.params, after];
    const result = await pool.query(
      `select ${ROW_COLUMNS} from friends f where ${where.sql} and f.id > $${params.length}::uuid order by f.id limit ${size}`,
      params,
    );
    if (result.rows.length === 0) return;
    const rows = result.rows.map(toRow);
    yield rows;
    after = rows.at(-1)!.id;
    if (rows.length < size) return;
  }
}
