import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// The wake tick leaves a paused scenario's due runs waiting; resuming lets the tick take them.

let t: TestApp;
let ws: Workspace;
let scenarioId: string;
beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
  ws = await createWorkspace(t);
  scenarioId = await publishScenario(ws, 'paused', linearScenario(
    { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ waitMinutes: 60 }, { send: '1時間後のお知らせ' }]));
});
afterAll(() => t.close());

async function settle() {
  for (let round = 0; round < 30; round++) {
    await t.clock.tick(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a due run of a paused scenario waits; after resume it moves once', async () => {
  const friends: Array<{ id: string; lineUserId: string }> = [];
  for (const displayName of ['一郎', '二郎', '三郎']) friends.push(await ws.api('POST', '/simulator/friends', { displayName }));
  await waitFor(t.clock, async () => (await rows(t, "select 1 from runs where status = 'waiting' and scenario_id = $1", [scenarioId])).length === 3);

  await ws.api('POST', `/scenarios/${scenarioId}/pause`);
  await t.clock.setTime('2026-04-01T02:00:00.000Z');
  await settle();
  expect(friends.map((friend) => inboxTexts(t, friend.lineUserId))).toEqual([[], [], []]);
  expect(await rows(t, "select 1 from runs where status = 'waiting' and scenario_id = $1", [scenarioId])).toHaveLength(3);

  await ws.api('POST', `/scenarios/${scenarioId}/resume`);
  await waitFor(t.clock, async () => friends.every((friend) => inboxTexts(t, friend.lineUserId).length === 1));
  await settle();
  expect(friends.map((friend) => inboxTexts(t, friend.lineUserId))).toEqual([['1時間後のお知らせ'], ['1時間後のお知らせ'], ['1時間後のお知らせ']]);
  expect(await rows(t, "select 1 from runs where status = 'finished' and scenario_id = $1", [scenarioId])).toHaveLength(3);
});
