import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyRfmAutoTags } from '../../src/runs/rfm-tags.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addMember } from '../support/auth.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';

// クロス分析 and RFM on real PostgreSQL: counts by tag, field, route and conversion against each
// other; every cell's condition selects exactly its friends on the friends page; RFM bands count,
// filter and keep auto-tags.

let t: TestApp;
let ws: Workspace;
let tagA: string;
let tagB: string;
let fieldId: string;
let routeId: string;
let pointId: string;
let autoTag: string;
let friends: Array<{ id: string }>;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ workers: true }); // virtual friends follow through the webhook and the workers
  ws = await createWorkspace(t);
  tagA = (await ws.api('POST', '/tags', { name: 'A' })).id;
  tagB = (await ws.api('POST', '/tags', { name: 'B' })).id;
  autoTag = (await ws.api('POST', '/tags', { name: '最近購入' })).id;
  fieldId = (await ws.api('POST', '/fields', { name: 'プラン', kind: 'choice', choices: ['松', '竹'] })).id;
  routeId = (await ws.api('POST', '/inflow-routes', { name: 'チラシ' })).id;
  pointId = (await ws.api('POST', '/conversion-points', { name: '購入' })).id;
  friends = [];
  for (let i = 0; i < 6; i++) friends.push(await ws.api('POST', '/simulator/friends', { displayName: `客${i}` }));
  const pool = t.database.pool;
  // 0,1,2 have tag A; 2,3 tag B; 0,3 plan 松, 1 plan 竹; 0,1 came through the route.
  for (const i of [0, 1, 2]) await ws.api('POST', `/friends/${friends[i]!.id}/tags`, { add: [tagA] });
  for (const i of [2, 3]) await ws.api('POST', `/friends/${friends[i]!.id}/tags`, { add: [tagB] });
  await ws.api('PUT', `/friends/${friends[0]!.id}/fields`, { values: { [fieldId]: '松' } });
  await ws.api('PUT', `/friends/${friends[3]!.id}/fields`, { values: { [fieldId]: '松' } });
  await ws.api('PUT', `/friends/${friends[1]!.id}/fields`, { values: { [fieldId]: '竹' } });
  await pool.query('update friends set inflow_route_id = $1 where id = any($2::uuid[])', [routeId, [friends[0]!.id, friends[1]!.id]]);
  // Conversions: friend 0 three times (5,000 + 20,000 + 30,000, last 2 days ago), friend 2 once 100 days ago (1,000).
  const now = t.clock.now();
  const add = (i: number, daysAgo: number, value: number) => pool.query(
    "insert into conversions (workspace_id, friend_id, name, point_id, value, source, at) values ($1, $2, '購入', $3, $4, 'manual', $5)",
    [ws.id, friends[i]!.id, pointId, value, new Date(now - daysAgo * DAY)]);
  await add(0, 40, 5000);
  await add(0, 10, 20000);
  await add(0, 2, 30000);
  await add(2, 100, 1000);
}, 120_000);
afterAll(() => t.close());

const matching = async (condition: unknown) => {
  const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/friends/query`, payload: { filter: { condition }, limit: 200 } });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().friends as Array<{ id: string }>).map((f) => f.id).sort();
};

describe('cross analysis', () => {
  test('tags against a choice field: counts, totals, and every cell condition selects exactly its friends', async () => {
    const table = await ws.api('POST', '/analysis/cross', { rows: { kind: 'tag', tagIds: [tagA, tagB] }, columns: { kind: 'field', fieldId } });
    expect(table.total).toBe(6);
    expect(table.rows.map((r: { label: string; count: number }) => [r.label, r.count])).toEqual([['A', 3], ['B', 2]]);
    expect(table.columns.map((c: { key: string; count: number }) => [c.key, c.count])).toEqual([['choice:松', 2], ['choice:竹', 1], ['unset', 3]]);
    expect(table.cells).toEqual([[1, 1, 1], [1, 0, 1]]);
    for (const [i, row] of table.rows.entries()) {
      for (const [j, column] of table.columns.entries()) {
        const ids = await matching({ kind: 'and', conditions: [row.condition, column.condition] });
        expect(ids.length, `${row.label} × ${column.key}`).toBe(table.cells[i][j]);
      }
    }
  });

  test('inflow route against conversion, and friend status; a filter narrows everything', async () => {
    const table = await ws.api('POST', '/analysis/cross', { rows: { kind: 'inflowRoute' }, columns: { kind: 'conversion' } });
    expect(table.rows.map((r: { key: string; count: number }) => [r.key, r.count])).toEqual([[routeId, 2], ['none', 4]]);
    expect(table.columns.map((c: { key: string; count: number }) => [c.key, c.count])).toEqual([[pointId, 2], ['none', 4]]);
    expect(table.cells).toEqual([[1, 1], [1, 3]]);
    const filtered = await ws.api('POST', '/analysis/cross', {
      rows: { kind: 'friendStatus' }, columns: { kind: 'tag', tagIds: [tagA] }, filter: { kind: 'tag', tagId: tagB, has: true },
    });
    expect(filtered.total).toBe(2);
    expect(filtered.cells).toEqual([[1], [0]]);
  });

  test('bad dimensions and filters are refused clearly', async () => {
    const cases: Array<[object, number, string]> = [
      [{ rows: { kind: 'tag', tagIds: ['00000000-0000-4000-8000-000000000000'] }, columns: { kind: 'friendStatus' } }, 404, 'tag_not_found'],
      [{ rows: { kind: 'field', fieldId: '00000000-0000-4000-8000-000000000000' }, columns: { kind: 'friendStatus' } }, 404, 'field_not_found'],
      [{ rows: { kind: 'friendStatus' }, columns: { kind: 'friendStatus' }, filter: { kind: 'nope' } }, 400, 'invalid_condition'],
      [{ rows: { kind: 'galaxy' }, columns: { kind: 'friendStatus' } }, 400, 'invalid_request'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/analysis/cross`, payload });
      expect([response.statusCode, response.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
  });

  test('a viewer may read it (a read with a body)', async () => {
    const viewer = await addMember(t.anonymous, t.owner, t.owner, ws.id, 'viewer');
    const response = await viewer.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/analysis/cross`, payload: { rows: { kind: 'friendStatus' }, columns: { kind: 'friendStatus' } } });
    expect(response.statusCode).toBe(200);
  });
});

describe('RFM', () => {
  test('default bands count the friends; each band condition filters the friends page to them', async () => {
    const summary = await ws.api('GET', '/rfm/summary');
    expect(summary.converted).toBe(2);
    expect(summary.recency.map((b: { label: string; count: number }) => [b.label, b.count])).toEqual([['30日以内', 1], ['31–90日', 0], ['91日以上', 1]]);
    expect(summary.frequency.map((b: { count: number }) => b.count)).toEqual([1, 1, 0]);
    expect(summary.monetary.map((b: { count: number }) => b.count)).toEqual([1, 0, 1]);
    expect(await matching(summary.frequency[1].condition)).toEqual([friends[0]!.id]);
    expect(await matching(summary.monetary[2].condition)).toEqual([friends[0]!.id]);
    expect(await matching(summary.recency[2].condition)).toEqual([friends[2]!.id]);
  });

  test('bands a marketer sets are checked; a band with a tag keeps it on exactly its friends', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: `/api/workspaces/${ws.id}/rfm`, payload: {
      recency: [{ id: 'r1', label: '〜30日', max: 30 }, { id: 'r2', label: '20日〜', min: 20 }], frequency: [], monetary: [],
    } });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_rfm_bands']);
    const inverted = await t.app.inject({ method: 'PUT', url: `/api/workspaces/${ws.id}/rfm`, payload: { recency: [{ id: 'r1', label: 'x', min: 9, max: 3 }], frequency: [], monetary: [] } });
    expect([inverted.statusCode, inverted.json().code]).toEqual([400, 'invalid_rfm_bands']);
    const saved = await ws.api('PUT', '/rfm', {
      recency: [{ id: 'r1', label: '7日以内', max: 7, tagId: autoTag }, { id: 'r2', label: '8日以上', min: 8 }], frequency: [], monetary: [],
    });
    expect(saved.recency[0].tagId).toBe(autoTag);
    expect((await ws.api('GET', '/rfm')).recency).toHaveLength(2);
    // Someone tagged by hand who is not in the band loses it; the friend in the band gets it.
    await ws.api('POST', `/friends/${friends[5]!.id}/tags`, { add: [autoTag] });
    // (The workers' measure tick may run the same pass meanwhile: the outcome is what counts.)
    await applyRfmAutoTags(t.app.db, t.app.runContext);
    const tagged = async () => (await rows<{ friend_id: string }>(t, 'select friend_id from friend_tags where tag_id = $1', [autoTag])).map((r) => r.friend_id);
    expect(await tagged()).toEqual([friends[0]!.id]);
    // Time passes: friend 0's last conversion is now 9 days old, out of the band.
    const later = new Date(t.clock.now() + 7 * DAY);
    await applyRfmAutoTags(t.app.db, { boss: t.app.runContext.boss, clock: { ...t.app.clock, now: () => later } });
    expect(await tagged()).toEqual([]);
  });
});
