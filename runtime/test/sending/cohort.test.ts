import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, publishScenario, rows, sendRequests, type Workspace } from '../webhook/harness.ts';

// Step delivery's cohort: friends who reach the same node at the same minute. Identical rendered
// messages must leave as one multicast; personalised ones as one push each. Checked on the wire
// (the fake LINE's request log and each inbox entry's `via` and retry key).

const SAME = '本日10:00からセール開始です！';
const PERSONAL = '{name}さん限定のクーポンです';

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'cohort', linearScenario(
    { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' },
    [{ waitDayAt: { days: 1, time: '10:00' } }, { send: SAME }, { send: PERSONAL }],
  ));
});
afterAll(() => t.close());

test('friends due at the same node get identical messages in ONE multicast and personalised ones by push', async () => {
  // More friends than a worker takes in one batch (10 in tests), so the cohort spans several wake batches.
  const names = Array.from({ length: 25 }, (_, index) => `友だち${index + 1}`);
  const friends: Array<{ id: string; lineUserId: string }> = [];
  for (const displayName of names) friends.push(await ws.api('POST', '/simulator/friends', { displayName }));
  await waitFor(t.clock, async () => {
    const waiting = await rows(t, "select 1 from runs where status = 'waiting' and wake_at = '2026-04-02T01:00:00Z'");
    return waiting.length === names.length;
  });
  expect(sendRequests(t)).toEqual([]);

  await t.clock.setTime('2026-04-02T01:00:00.000Z');
  const inboxOf = (userId: string) => t.app.fakeLine.users.inbox(userId);
  await waitFor(t.clock, async () => friends.every((friend) => inboxOf(friend.lineUserId).length === 2));

  const requests = sendRequests(t);
  const multicasts = requests.filter((request) => request.endpoint === 'multicast');
  const pushes = requests.filter((request) => request.endpoint === 'push');
  expect(multicasts).toEqual([expect.objectContaining({ status: 200, recipients: names.length, messages: 1 })]);
  expect(pushes).toHaveLength(names.length);
  expect(pushes.every((push) => push.status === 200 && push.recipients === 1)).toBe(true);

  for (const [index, friend] of friends.entries()) {
    const [same, personal] = inboxOf(friend.lineUserId);
    expect(same).toMatchObject({ via: 'multicast', retryKey: multicasts[0]!.retryKey, message: { type: 'text', text: SAME } });
    expect(personal).toMatchObject({ via: 'push', message: { type: 'text', text: `${names[index]}さん限定のクーポンです` } });
  }
  // Each push carries its own friend's key; the multicast carries one member's key for all.
  expect(new Set(pushes.map((push) => push.retryKey)).size).toBe(names.length);

  // Promptly: woken at 10:00, then the send's one-second wait for its cohort, then a poll or two.
  expect(Date.parse(multicasts[0]!.at) - Date.parse('2026-04-02T01:00:00.000Z')).toBeLessThanOrEqual(2_500);

  const sameRows = await waitFor(t.clock, async () => {
    const found = await rows<{ batch_key: string; retry_key: string; status: string }>(t, "select batch_key, retry_key, status from sends where node_id = 'n2'");
    return found.every((row) => row.status === 'sent') ? found : undefined;
  });
  expect(sameRows).toHaveLength(names.length);
  expect(new Set(sameRows.map((row) => row.batch_key))).toEqual(new Set([multicasts[0]!.retryKey]));
  expect(sameRows.map((row) => row.retry_key)).toContain(multicasts[0]!.retryKey);
});
