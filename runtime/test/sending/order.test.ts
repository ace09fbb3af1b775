import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// Consecutive send nodes write their outbox rows and jobs in one step, and jobs run in any order:
// the friend must still read them in the order the scenario says.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'three in a row', linearScenario(
    { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' },
    [{ send: '① ご登録ありがとうございます' }, { send: '② {name}さんへのご案内' }, { send: '③ 最後にクーポンです' }],
  ));
});
afterAll(() => t.close());

test("a run's consecutive sends reach each friend in the scenario's order, once each", async () => {
  const names = ['一郎', '二郎', '三郎', '四郎', '五郎', '六郎', '七郎', '八郎'];
  const friends: Array<{ id: string; lineUserId: string }> = [];
  for (const displayName of names) friends.push(await ws.api('POST', '/simulator/friends', { displayName }));
  await waitFor(t.clock, async () => friends.every((friend) => inboxTexts(t, friend.lineUserId).length === 3));

  for (const [index, friend] of friends.entries()) {
    expect(inboxTexts(t, friend.lineUserId)).toEqual(['① ご登録ありがとうございます', `② ${names[index]}さんへのご案内`, '③ 最後にクーポンです']);
  }
  // The inbox fills when LINE accepts; the rows are marked a moment later.
  await waitFor(t.clock, async () => (await rows(t, "select id from sends where status <> 'sent'")).length === 0);
  expect(await rows(t, 'select id from sends')).toHaveLength(names.length * 3);
});
