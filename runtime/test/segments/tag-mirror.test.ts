import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { segmentFactsDrift } from '../support/segment-facts.ts';
import { createWorkspace, newUserId, rows, type Workspace } from '../webhook/harness.ts';

// friend_segment_facts.tag_nums is what segment SQL reads; friend_tags is the truth every writer
// changes. The statement triggers must keep them equal through every kind of change: operator tags,
// a merge (insert-select + delete), a tag deleted (cascade), plain SQL updates of friend_tags.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

/** Facts rows whose tag numbers differ from the friend's friend_tags (segmentFactsDrift compares them). */
function mirrorDrift(): Promise<unknown[]> {
  return segmentFactsDrift(t, ws.id);
}

/** How many friends a segment of one tag counts (the facts' tag numbers). */
async function holding(tagId: string): Promise<number> {
  return (await ws.api('POST', '/friends/count', { filter: { condition: { kind: 'tag', tagId, has: true } } })).count as number;
}

test('the facts mirror friend_tags through add, remove, merge, update and delete', async () => {
  const [a, b, c] = await Promise.all(['A', 'B', 'C'].map(async (name) => (await ws.api('POST', '/tags', { name })).id as string)) as [string, string, string];
  const friends = await rows<{ id: string }>(t, `
    insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
    select $1, $2, $3 || g, 'f' || g, now() from generate_series(1, 5) g returning id`, [ws.id, ws.channelId, newUserId()]);
  for (const f of friends) await ws.api('POST', `/friends/${f.id}/tags`, { add: [a, b] });
  expect(await mirrorDrift()).toEqual([]);
  expect(await holding(a)).toBe(5);

  await ws.api('POST', `/friends/${friends[0]!.id}/tags`, { remove: [a], add: [c] });
  expect(await mirrorDrift()).toEqual([]);
  await ws.api('POST', `/tags/${b}/merge`, { intoTagId: c });
  expect(await mirrorDrift()).toEqual([]);
  await rows(t, 'update friend_tags set tag_id = $1 where tag_id = $2 and friend_id = $3', [a, c, friends[0]!.id]);
  expect(await mirrorDrift()).toEqual([]);
  const [{ num }] = await rows<{ num: number }>(t, 'select num from tags where id = $1', [a]) as [{ num: number }];
  expect(await holding(a)).toBe(5); // friends[0] has it back; the others kept it
  const removed = await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws.id}/tags/${a}?force=true` });
  expect(removed.statusCode).toBe(204);
  expect(await mirrorDrift()).toEqual([]);
  // A deleted tag's number leaves every facts row (its friend_tags went by cascade, after the tag).
  expect(await rows(t, 'select friend_id from friend_segment_facts where tag_nums @> array[$1::int]', [num])).toEqual([]);
  expect(await holding(c)).toBe(4);
});
