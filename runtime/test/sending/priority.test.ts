import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, publishScenario, type Workspace } from '../webhook/harness.ts';

// One follow starts several scenarios: their messages reach the friend in the scenarios' priority
// order (優先度, lowest first), whatever order the jobs happen to run in — every time.

let t: TestApp;
let ws: Workspace;
const onFollow = { trigger: { kind: 'friendAdded' as const, includeReturning: false }, reentry: 'firstTimeOnly' as const };

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  // Created in the opposite order of their priority, so creation order cannot explain the result.
  const coupon = await publishScenario(ws, 'クーポン', linearScenario(onFollow, [{ send: 'B1 クーポン' }, { send: 'B2 使い方' }]));
  const welcome = await publishScenario(ws, 'あいさつ', linearScenario(onFollow, [{ send: 'A1 ようこそ' }, { send: 'A2 自己紹介' }]));
  await ws.api('PATCH', `/scenarios/${coupon}`, { priority: 20 });
  await ws.api('PATCH', `/scenarios/${welcome}`, { priority: 10 });
});
afterAll(() => t.close());

test('the scenario list shows each priority and lets it change', async () => {
  const list: Array<{ name: string; priority: number }> = await ws.api('GET', '/scenarios');
  expect(Object.fromEntries(list.map((s) => [s.name, s.priority]))).toEqual({ クーポン: 20, あいさつ: 10 });
  const [first] = await ws.api('GET', '/scenarios');
  const response = await t.app.inject({ method: 'PATCH', url: `/api/workspaces/${ws.id}/scenarios/${first.id}`, payload: { priority: -1 } });
  expect(response.statusCode).toBe(400);
});

test('a follow that starts two scenarios delivers in priority order, every time', async () => {
  const names = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const friends: Array<{ lineUserId: string }> = [];
  for (const displayName of names) friends.push(await ws.api('POST', '/simulator/friends', { displayName }));
  await waitFor(t.clock, async () => friends.every((friend) => inboxTexts(t, friend.lineUserId).length === 4));
  for (const friend of friends) expect(inboxTexts(t, friend.lineUserId)).toEqual(['A1 ようこそ', 'A2 自己紹介', 'B1 クーポン', 'B2 使い方']);
});

test('changing the priority changes the order for the next friends', async () => {
  const list: Array<{ id: string; name: string }> = await ws.api('GET', '/scenarios');
  const coupon = list.find((s) => s.name === 'クーポン')!;
  await ws.api('PATCH', `/scenarios/${coupon.id}`, { priority: 5 });
  const friends: Array<{ lineUserId: string }> = [];
  for (const displayName of ['甲', '乙', '丙', '丁', '戊']) friends.push(await ws.api('POST', '/simulator/friends', { displayName }));
  await waitFor(t.clock, async () => friends.every((friend) => inboxTexts(t, friend.lineUserId).length === 4));
  for (const friend of friends) expect(inboxTexts(t, friend.lineUserId)).toEqual(['B1 クーポン', 'B2 使い方', 'A1 ようこそ', 'A2 自己紹介']);
});
