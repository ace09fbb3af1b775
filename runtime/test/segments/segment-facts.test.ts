import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { segmentFactsDrift } from '../support/segment-facts.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';

// Segment SQL reads friend_segment_facts, never friends.fields or friend_tags. Every kind of write
// here (friends inserted, values set and cleared by hand, plain SQL updates with every JSON type,
// a field deleted, tags given and a tag deleted, unrelated updates, a friend deleted) must leave
// the facts equal to the normalised truth. Bulk tags and CSV import (routes/friend-table.test.ts),
// the set-field and tag nodes (integration/set-field, integration/tag-triggers) and merges
// (segments/tag-mirror) check the same after their writes.

let t: TestApp;
let ws: Workspace;
let other: Workspace;
let friends: string[];
let fields: { text: string; number: string; date: string; choice: string };

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
  other = await createWorkspace(t, 'Other');
  fields = {
    text: (await ws.api('POST', '/fields', { name: '都道府県', kind: 'text' })).id,
    number: (await ws.api('POST', '/fields', { name: '購入金額', kind: 'number' })).id,
    date: (await ws.api('POST', '/fields', { name: '誕生日', kind: 'date' })).id,
    choice: (await ws.api('POST', '/fields', { name: 'プラン', kind: 'choice', choices: ['gold', 'silver'] })).id,
  };
  friends = (await rows<{ id: string }>(t, `
    insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at, fields)
    select $1, $2, 'U' || lpad(g::text, 32, '0'), 'f' || g, now(), jsonb_build_object($3::text, 'seed' || g)
    from generate_series(1, 6) g returning id`, [ws.id, ws.channelId, fields.text])).map((row) => row.id);
});
afterEach(async () => {
  expect(await segmentFactsDrift(t, ws.id)).toEqual([]);
  expect(await segmentFactsDrift(t, other.id)).toEqual([]);
});
afterAll(() => t.close());

const count = async (condition: object) => (await ws.api('POST', '/friends/count', { filter: { condition } })).count as number;

test('a field is numbered when it is created, before any friend holds it', async () => {
  const slots = await rows<{ key: string }>(t, 'select key from segment_field_slots where workspace_id = $1', [ws.id]);
  expect(slots.map((row) => row.key).sort()).toEqual(Object.values(fields).sort());
});

test('inserted friends have facts from their first values', async () => {
  expect(await count({ kind: 'fieldText', fieldId: fields.text, op: 'contains', value: 'seed' })).toBe(6);
});

test('values set and cleared by hand, of every kind', async () => {
  const [a, b] = friends;
  await ws.api('PUT', `/friends/${a}/fields`, { values: { [fields.number]: 12.5, [fields.date]: '1990-05-03', [fields.choice]: 'gold', [fields.text]: '' } });
  await ws.api('PUT', `/friends/${b}/fields`, { values: { [fields.number]: -3, [fields.date]: '2001-12-31', [fields.text]: null } });
  expect(await count({ kind: 'birthdayMonth', fieldId: fields.date, month: 5 })).toBe(1);
  expect(await count({ kind: 'fieldSet', fieldId: fields.text })).toBe(4);
  expect(await count({ kind: 'fieldNumber', fieldId: fields.number, op: 'gt', value: 0 })).toBe(1);
  await ws.api('PUT', `/friends/${a}/fields`, { values: { [fields.number]: null, [fields.date]: '2000-01-01' } });
  expect(await count({ kind: 'birthdayMonth', fieldId: fields.date, month: 5 })).toBe(0);
  expect(await count({ kind: 'fieldDate', fieldId: fields.date, op: 'before', date: '2001-01-01' })).toBe(1);
});

test('any JSON a statement writes, keys no field names, and updates that touch neither tags nor fields', async () => {
  await rows(t, `update friends set fields = fields || jsonb_build_object('loose', true, 'list', '[1]'::jsonb, 'nothing', null, 'n', 1e21, 'd', '2024-02-30')
    where id = $1`, [friends[2]]);
  await rows(t, `update friends set fields = fields || '{"loose": "2024-01-01", "n": "7"}' where id = $1`, [friends[3]]);
  await rows(t, `update friends set status = 'blocked', last_reaction_at = now() where workspace_id = $1`, [ws.id]);
  expect(await count({ kind: 'fieldSet', fieldId: 'loose' })).toBe(2);
  expect(await count({ kind: 'fieldNumber', fieldId: 'n', op: 'gte', value: 1e21 })).toBe(1);
  expect(await count({ kind: 'fieldDate', fieldId: 'd', op: 'on', date: '2024-02-30' })).toBe(1);
});

test('a deleted field takes its values out of the facts', async () => {
  const removed = await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws.id}/fields/${fields.choice}?force=true` });
  expect(removed.statusCode).toBe(204);
  expect(await count({ kind: 'fieldChoice', fieldId: fields.choice, anyOf: ['gold'] })).toBe(0);
});

test('tags given, taken and deleted; a friend of another workspace; a friend deleted', async () => {
  const vip = (await ws.api('POST', '/tags', { name: 'VIP' })).id as string;
  const lapsed = (await ws.api('POST', '/tags', { name: '休眠' })).id as string;
  for (const id of friends.slice(0, 3)) await ws.api('POST', `/friends/${id}/tags`, { add: [vip, lapsed] });
  await ws.api('POST', `/friends/${friends[0]}/tags`, { remove: [lapsed] });
  expect(await count({ kind: 'and', conditions: [{ kind: 'tag', tagId: vip, has: true }, { kind: 'not', condition: { kind: 'tag', tagId: lapsed, has: true } }] })).toBe(1);
  await rows(t, `insert into friends (workspace_id, channel_id, line_user_id, registered_at, fields) values ($1, $2, 'Uother', now(), $3), ($1, $2, 'Ubare', now(), '{}')`,
    [other.id, other.channelId, { [fields.text]: 'seed' }]);
  const [bare] = await rows<{ set_slots: number[]; strs: string[] | null }>(t,
    `select s.set_slots, s.strs from friend_segment_facts s join friends f on f.id = s.friend_id where f.line_user_id = 'Ubare'`);
  expect(bare).toEqual({ set_slots: [], strs: null });
  const removed = await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws.id}/tags/${lapsed}?force=true` });
  expect(removed.statusCode).toBe(204);
  await rows(t, 'delete from friends where id = $1', [friends[5]]);
  expect(await rows(t, 'select 1 from friend_segment_facts where friend_id = $1', [friends[5]])).toEqual([]);
  expect(await count({ kind: 'tag', tagId: vip, has: false })).toBe(2);
});

test('a friend inserted with no fields derives its facts without the PL/pgSQL function; one with fields calls it once', async () => {
  // The function costs about half the insert trigger, and a follow's new friend has no fields: the
  // trigger must not call it for such a friend (the planner once ran it for every row, filtering after).
  const client = await t.database.pool.connect();
  try {
    await client.query('begin');
    await client.query("set local track_functions = 'pl'");
    await client.query(`insert into friends (workspace_id, channel_id, line_user_id, registered_at, fields)
      select $1, $2, 'Ugate' || g, now(), case when g = 1 then $3::jsonb else '{}' end from generate_series(1, 4) g`,
    [ws.id, ws.channelId, { [fields.text]: 'gate' }]);
    const { rows: [calls] } = await client.query<{ n: string }>(
      "select pg_stat_get_xact_function_calls('segment_fields_facts'::regproc) as n");
    expect(Number(calls!.n)).toBe(1);
    const { rows: facts } = await client.query<{ line_user_id: string; strs: string[] | null }>(
      "select f.line_user_id, s.strs from friends f join friend_segment_facts s on s.friend_id = f.id where f.line_user_id like 'Ugate%' order by 1");
    expect(facts.map((row) => [row.line_user_id, row.strs === null ? null : row.strs.filter(Boolean)])).toEqual([
      ['Ugate1', ['gate']], ['Ugate2', null], ['Ugate3', null], ['Ugate4', null],
    ]);
  } finally {
    await client.query('rollback');
    client.release();
  }
});

test('the comparison sees a facts row that drifted', async () => {
  await rows(t, `update friend_segment_facts set tag_nums = '{999}', strs = null where friend_id = $1`, [friends[0]]);
  expect((await segmentFactsDrift(t, ws.id)).length).toBeGreaterThanOrEqual(2);
  await rows(t, `update friend_segment_facts s
      set tag_nums = (select coalesce(array_agg(tg.num), '{}') from friend_tags ft join tags tg on tg.id = ft.tag_id where ft.friend_id = f.id),
      (set_slots, nums, dates, strs) = (select x.set_slots, x.nums, x.dates, x.strs from segment_fields_facts(f.workspace_id, f.fields) x)
    from friends f where f.id = s.friend_id and f.id = $1`, [friends[0]]);
});
