import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { friends } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { arrive, pressAddFriend } from './flow.ts';

// The 流入経路 report's `converted` column: friends of the route (their inflow route) with a
// conversion recorded in the period — each friend once a day, and once in the period's total —
// days in the workspace's zone (Asia/Tokyo). Friends arrive through the real landing and fake LINE
// Login; conversions are recorded by hand through the API.

let t: TestApp;
let ws: string;

const ok = async (method: 'GET' | 'POST', path: string, payload?: object) => {
  const response = await t.app.inject({ method, url: `/api/workspaces/${ws}${path}`, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
  return response.json();
};
const friendThrough = async (routeId: string, displayName: string): Promise<string> => {
  const landed = await arrive(t, routeId, { displayName });
  const lineUserId = await pressAddFriend(t, landed.location!);
  const friend = await waitFor(t.clock, async () => (await t.app.db.select().from(friends).where(eq(friends.lineUserId, lineUserId)))[0]);
  return friend.id;
};

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Converted' } })).json().id;
});
afterAll(() => t.close());

test('friends of a route who converted, once per friend per day and once in the total', async () => {
  const noActions = { tagIds: [], scenarioId: null, repeat: 'everyTime' };
  const insta = await ok('POST', '/inflow-routes', { name: 'Instagram', actions: noActions });
  const flyer = await ok('POST', '/inflow-routes', { name: 'チラシ', actions: noActions });
  const [hanako, taro, jiro] = [await friendThrough(insta.id, '花子'), await friendThrough(insta.id, '太郎'), await friendThrough(insta.id, '次郎')];
  const ken = await friendThrough(flyer.id, '健');
  const point = await ok('POST', '/conversion-points', { name: '購入', defaultValue: 3000 });
  const buy = (friendId: string, orderId: string) => ok('POST', `/friends/${friendId}/conversions`, { pointId: point.id, orderId });

  // 4/1 (09:00 in Tokyo): 花子 buys twice, 太郎 once. 次郎 never buys.
  await buy(hanako, 'o-1');
  await buy(hanako, 'o-2');
  await buy(taro, 'o-3');
  // 4/2 at 01:00 in Tokyo (still 4/1 in UTC): 花子 again, and 健 of the other route.
  await t.clock.setTime('2026-04-01T16:00:00.000Z');
  await buy(hanako, 'o-4');
  await buy(ken, 'o-5');
  // A replayed order is one conversion, and counts nothing more.
  await buy(ken, 'o-5');

  const report = await ok('GET', '/inflow-routes/report?from=2026-03-31&to=2026-04-02');
  expect(report.conversionsAvailable).toBe(true);
  const row = (id: string) => report.routes.find((entry: { routeId: string }) => entry.routeId === id);
  expect(row(insta.id).days).toEqual([
    { date: '2026-03-31', added: 0, blocked: 0, converted: 0 },
    { date: '2026-04-01', added: 3, blocked: 0, converted: 2 },
    { date: '2026-04-02', added: 0, blocked: 0, converted: 1 },
  ]);
  // 花子 converted on both days: one converted friend in the period's total.
  expect(row(insta.id).totals).toEqual({ added: 3, blocked: 0, converted: 2 });
  expect(row(flyer.id).days.map((day: { converted: number }) => day.converted)).toEqual([0, 0, 1]);
  expect(row(flyer.id).totals).toEqual({ added: 1, blocked: 0, converted: 1 });

  // The period decides: only 4/2.
  const second = await ok('GET', '/inflow-routes/report?from=2026-04-02&to=2026-04-02');
  expect(second.routes.find((entry: { routeId: string }) => entry.routeId === insta.id).totals).toEqual({ added: 0, blocked: 0, converted: 1 });
  expect(jiro).toBeDefined();
}, 120_000);
