import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { segmentFactsDrift } from '../support/segment-facts.ts';
import { createWorkspace, newUserId, rows, type Workspace } from '../webhook/harness.ts';

// friends.tag_ids is what segment SQL reads; friend_tags is the truth every writer changes. The
// statement triggers must keep them equal through every kind of change: operator tags, a merge
// (insert-select + delete), a tag deleted (cascade), plain SQL updates of friend_tags.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

/** Friends whose tag_ids differ from friend_tags, then any friend_segment_facts drift (tag numbers). */
async function mirrorDrift(): Promise<unknown[]> {
  return [...await mirrorIds(), ...await segmentFactsDrift(t, ws.id)];
}

function mirrorIds(): Promise<unknown[]> {
  return rows(t, `
    select f.id from friends f
    where f.workspace_id = $1
      and (select coalesce(array_agg(tag_id order by tag_id), '{}') from friend_tags ft where ft.friend_id = f.id)
          is distinct from (select coalesce(array_agg(x order by x), '{}') from unnest(f.tag_ids) x)`, [ws.id]);
}

test('tag_ids mirrors friend_tags through add, remove, merge, update and delete', async () => {
  const [a, b, c] = await Promise.all(['A', 'B', 'C'].map(async (name) => (await ws.api('POST', '/tags', { name })).id as string));
  const friends = await rows<{ id: string }>(t, `
    insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
    select $1, $2, $3 || g, 'f' || g, now() from generate_series(1, 5) g returning id`, [ws.id, ws.channelId, newUserId()]);
  for (const f of friends) await ws.api('POST', `/friends/${f.id}/tags`, { add: [a, b] });
  expect(await mirrorDrift()).toEqual([]);
  const [withA] = await rows<{ n: number }>(t, 'select count(*)::int as n from friends where tag_ids @> array[$1::uuid]', [a]);
  expect(withA!.n).toBe(5);

  await ws.api('POST', `/friends/${friends[0]!.id}/tags`, { remove: [a], add: [c] });
  expect(await mirrorDrift()).toEqual([]);
  await ws.api('POST', `/tags/${b}/merge`, { intoTagId: c });
  expect(await mirrorDrift()).toEqual([]);
  await rows(t, 'update friend_tags set tag_id = $1 where tag_id = $2 and friend_id = $3', [a, c, friends[0]!.id]);
  expect(await mirrorDrift()).toEqual([]);
  const removed = await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws.id}/tags/${a}?force=true` });
  expect(removed.statusCode).toBe(204);
  expect(await mirrorDrift()).toEqual([]);
  const [left] = await rows<{ n: number }>(t, 'select count(*)::int as n from friends where tag_ids @> array[$1::uuid]', [a]);
  expect(left!.n).toBe(0);
});
