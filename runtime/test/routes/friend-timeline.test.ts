import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// A run's start and finish and a settled send are read from their own rows (store/run-timeline.ts,
// store/send-timeline.ts), not written as timeline rows per friend: the friend's page must still
// tell the whole story, in order.

let t: TestApp;
let ws: Workspace;
let scenarioId: string;

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  scenarioId = await publishScenario(ws, 'welcome', linearScenario({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ send: 'ようこそ' }]));
});
afterAll(() => t.close());

test("a friend's timeline shows the run's start, the message sent and the run's finish, newest first, from the rows themselves", async () => {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '山田' });
  await waitFor(t.clock, async () => (await rows(t, "select id from sends where friend_id = $1 and status = 'sent'", [friend.id])).length === 1);
  const [run] = await rows<{ id: string; status: string }>(t, 'select id, status from runs where friend_id = $1', [friend.id]);
  const [send] = await rows<{ id: string }>(t, 'select id from sends where friend_id = $1', [friend.id]);
  expect(run!.status).toBe('finished');

  const detail = await ws.api('GET', `/friends/${friend.id}`);
  const entries = detail.timeline.map((entry: { kind: string; detail: unknown }) => ({ kind: entry.kind, detail: entry.detail }));
  expect(entries).toHaveLength(4);
  expect(entries).toEqual(expect.arrayContaining([
    { kind: 'run_finished', detail: { scenarioId, runId: run!.id } },
    { kind: 'message_sent', detail: { sendId: send!.id, scenarioId, nodeId: 'n1' } },
    { kind: 'run_started', detail: { scenarioId, runId: run!.id, triggerNodeId: 'n0' } },
  ]));
  // Newest first; in one instant the follow came first, then the run's start, then its end. The
  // message is settled when LINE answers, at or after the run's end (which handed it over).
  const kinds = entries.map((entry: { kind: string }) => entry.kind);
  expect(kinds.slice(2)).toEqual(['run_started', 'followed']);
  const times = detail.timeline.map((entry: { at: string }) => Date.parse(entry.at));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  // None of the three was written as a timeline row.
  expect(await rows(t, "select kind from timeline_entries where friend_id = $1 and kind <> 'followed'", [friend.id])).toEqual([]);
});

test('a send LINE refused is on the timeline as send_failed with its status and reason', async () => {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '佐藤' });
  const [send] = await waitFor(t.clock, async () => {
    const found = await rows<{ id: string }>(t, "select id from sends where friend_id = $1 and status = 'sent'", [friend.id]);
    return found.length === 1 ? found : undefined;
  });
  // As the sender settles a refusal: the row failed, with LINE's answer and the time.
  await rows(t, `update sends set status = 'failed', sent_at = null, failed_at = $2, error = '{"status":400,"reason":"bad"}' where id = $1`,
    [send!.id, new Date(t.clock.now() + 1_000)]);
  const detail = await ws.api('GET', `/friends/${friend.id}`);
  expect(detail.timeline[0]).toEqual({ kind: 'send_failed', detail: { sendId: send!.id, scenarioId, nodeId: 'n1', status: 400, reason: 'bad' }, at: new Date(t.clock.now() + 1_000).toISOString() });
});
