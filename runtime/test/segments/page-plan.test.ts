import { afterAll, beforeAll, expect, test } from 'vitest';
import { friendPageSql } from '../../src/services/friend-table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';

// The friends page's first page at 1,000,000 friends is fast only if PostgreSQL walks the index
// friends_workspace_registered in the page's order and stops after 51 rows. An ORDER BY the index
// cannot give (plain `desc` is nulls first; the index is nulls last) made it sort every friend:
// 2.7 s instead of under 1 ms. With sorting priced out, any Sort left in the plan means that.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
  await rows(t, `
    insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
    select $1, $2, 'U' || lpad(g::text, 32, '0'), '友だち' || g, timestamptz '2026-01-01' + (g || ' minutes')::interval
    from generate_series(1, 200) g`, [ws.id, ws.channelId]);
});
afterAll(() => t.close());

async function planOf(body: Parameters<typeof friendPageSql>[1]): Promise<string> {
  const { text, params } = await friendPageSql(t.app.db, body, { workspaceId: ws.id, timeZone: 'Asia/Tokyo', now: new Date() });
  const client = await t.app.pool.connect();
  try {
    await client.query('set enable_sort = off');
    await client.query('set enable_seqscan = off');
    const plan = await client.query(`explain ${text}`, params);
    return plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('reset all');
    client.release();
  }
}

test('a page (unfiltered, filtered, after a cursor) reads the index in its order and sorts nothing', async () => {
  const first = await ws.api('POST', '/friends/query', { filter: {}, limit: 50 });
  const filtered = { condition: { kind: 'fieldText', fieldId: '00000000-0000-4000-9000-000000000001', op: 'equals', value: '東京都' }, q: '友だち1' };
  for (const body of [{ filter: {}, limit: 50 }, { filter: filtered, limit: 50 }, { filter: {}, limit: 50, after: first.nextCursor }]) {
    const plan = await planOf(body);
    expect(plan).toContain('friends_workspace_registered');
    expect(plan).not.toMatch(/\bSort\b/);
  }
});
