import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { sql } from 'drizzle-orm';
import { settleProfiles } from '../../src/store/friends.ts';
import { createWorkspace, type Workspace } from '../webhook/harness.ts';

// A friend row is rewritten many times in its life (fields, reactions, profile). Migrations 0023 and
// 0035 leave room on each friends page so such an update stays on its page (a HOT update, no new
// entry in each of the table's indexes): a cohort's field write costs about half. On a full page
// (fillfactor 100, as before) the same update moves the row and writes every index. A tag does not
// touch the friends row at all (migration 0025: tags live in friend_tags and the segment facts).

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

test("a tag leaves a friend's row alone; fields written to it on a filled page update it in place", async () => {
  const client = await t.database.pool.connect();
  try {
    // Enough friends to fill several pages; the first page is then as full as the fillfactor lets it be.
    const { rows: inserted } = await client.query<{ id: string }>(`
      insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
      select $1, $2, 'U' || md5('room' || g), 'friend ' || g, now() from generate_series(1, 400) g returning id`, [ws.id, ws.channelId]);
    const first = inserted[0]!.id;
    const tag = (await ws.api('POST', '/tags', { name: 'room' })).id as string;
    const field = (await ws.api('POST', '/fields', { name: 'room', kind: 'text' })).id as string;
    await client.query('begin');
    await client.query(`insert into friend_tags (workspace_id, friend_id, tag_id, added_at) values ($1, $2, $3, now())`, [ws.id, first, tag]);
    await client.query(`update friends set fields = fields || jsonb_build_object($2::text, 'x') where id = $1`, [first, field]);
    await client.query(`update friends set fields = fields || jsonb_build_object($2::text, 'y') where id = $1`, [first, field]);
    const { rows: [counts] } = await client.query<{ updated: number; hot: number }>(`
      select pg_stat_get_xact_tuples_updated('friends'::regclass)::int as updated,
             pg_stat_get_xact_tuples_hot_updated('friends'::regclass)::int as hot`);
    await client.query('commit');
    expect(counts).toEqual({ updated: 2, hot: 2 });
  } finally {
    client.release();
  }
});

test('the profile LINE answers after a follow is written in place for most friends, even when every friend of a page gets one at once', async () => {
  // As a follow writes them: no name yet, the profile pending; then LINE's answer for all of them at
  // once (a profile job's batch), a name and a picture URL as long as LINE's, which doubles the row.
  // On pages filled to 80 % (migration 0023 alone) 14 % of these updates stayed in place; at 50 %, 51 %
  // (the rest find their page's room taken by the rows updated before them in the same statement).
  const { rows: followed } = await t.database.pool.query<{ id: string }>(`
    insert into friends (workspace_id, channel_id, line_user_id, registered_at, profile_status)
    select $1, $2, 'U' || md5('profile' || g), now(), 'pending' from generate_series(1, 400) g returning id`, [ws.id, ws.channelId]);
  const picture = `https://profile.line-scdn.net/0h${'x'.repeat(110)}`;
  // Counted around the statement: this backend's counts of earlier transactions may not be flushed yet.
  const updates = async (tx: Parameters<Parameters<typeof t.app.db.transaction>[0]>[0]) => (await tx.execute<{ updated: number; hot: number }>(sql`
    select pg_stat_get_xact_tuples_updated('friends'::regclass)::int as updated,
           pg_stat_get_xact_tuples_hot_updated('friends'::regclass)::int as hot`)).rows[0]!;
  const counts = await t.app.db.transaction(async (tx) => {
    const before = await updates(tx);
    const settled = await settleProfiles(tx, followed.map(({ id }, i) => ({ friendId: id, profileStatus: 'fetched' as const, displayName: `山田 花子 ${i}`, pictureUrl: picture })));
    expect(settled).toHaveLength(400);
    const after = await updates(tx);
    return { updated: after.updated - before.updated, hot: after.hot - before.hot };
  });
  expect(counts.updated).toBe(400);
  expect(counts.hot / counts.updated).toBeGreaterThan(0.45);
});
