import type { FlowGraph, SendData, TriggerData } from '@lsb/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// 配信上限 through a real scenario on real PostgreSQL, time injected. The clock starts Monday
// 2026-04-06 09:00 JST (00:00 UTC); the workspace's zone is Asia/Tokyo, so its day ends at 15:00 UTC.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-06T00:00:00.000Z' });
});
afterAll(() => t.close());

const trigger: TriggerData = { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' };

/** A straight scenario whose send nodes get extra data (always deliver, over-cap choice) by node id. */
function scenario(steps: Parameters<typeof linearScenario>[1], extra: Record<string, Partial<SendData>> = {}): FlowGraph {
  const graph = linearScenario(trigger, steps);
  for (const node of graph.nodes) if (node.type === 'send' && extra[node.id]) node.data = { ...node.data, ...extra[node.id] };
  return graph;
}

async function workspaceWithCaps(name: string, messageCaps: { perDay: number | null; perWeek: number | null }): Promise<Workspace> {
  const ws = await createWorkspace(t, name);
  const saved = await ws.api('PATCH', '', { messageCaps });
  expect(saved.messageCaps).toEqual(messageCaps);
  return ws;
}

async function friendIn(ws: Workspace, name: string) {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: name });
  const texts = async (): Promise<string[]> => (await ws.api('GET', `/simulator/friends/${friend.id}/inbox`)).entries
    .flatMap((entry: { messages: Array<{ text?: string }> }) => entry.messages.map((m) => m.text ?? ''));
  const run = async () => (await ws.api('GET', `/friends/${friend.id}`)).runs[0] as { status: string; wakeAt: string | null } | undefined;
  const capped = () => rows<{ detail: { outcome: string; until?: string; nodeId: string } }>(t,
    "select detail from timeline_entries where friend_id = $1 and kind = 'send_capped' order by id", [friend.id]);
  return { id: friend.id, texts, run, capped };
}

async function settle(friend: Awaited<ReturnType<typeof friendIn>>, texts: string[], status: string) {
  await waitFor(t.clock, async () => (await friend.texts()).length === texts.length && (await friend.run())?.status === status);
  await waitFor(t.clock, async () => (await rows(t, "select 1 from sends where friend_id = $1 and status in ('queued', 'sending') and due_at <= $2",
    [friend.id, new Date(t.clock.now()).toISOString()])).length === 0);
  expect(await friend.texts()).toEqual(texts);
}

test('per day: the third message of the day waits at its node and goes at the start of the next day', async () => {
  const ws = await workspaceWithCaps('day', { perDay: 2, perWeek: null });
  await publishScenario(ws, 'three', scenario([{ send: '一通目' }, { send: '二通目' }, { send: '三通目' }]));
  const f = await friendIn(ws, '佐藤');
  await settle(f, ['一通目', '二通目'], 'waiting');
  // Held at the third send until 00:00 JST on Tuesday.
  expect((await f.run())!.wakeAt).toBe('2026-04-06T15:00:00.000Z');
  expect((await f.capped()).map((row) => row.detail)).toEqual([{ scenarioId: expect.any(String), nodeId: 'n3', outcome: 'held', until: '2026-04-06T15:00:00.000Z' }]);

  await t.clock.setTime('2026-04-06T14:59:00.000Z');
  await t.clock.tick(5_000);
  expect(await f.texts()).toEqual(['一通目', '二通目']);
  await t.clock.setTime('2026-04-06T15:00:00.000Z');
  await settle(f, ['一通目', '二通目', '三通目'], 'finished');
});

test('per week: a week of Monday-to-Sunday in the zone; the fourth message waits for next Monday', async () => {
  const ws = await workspaceWithCaps('week', { perDay: null, perWeek: 3 });
  await publishScenario(ws, 'week', scenario([{ send: '月1' }, { send: '月2' }, { waitDayAt: { days: 1, time: '10:00' } }, { send: '火1' }, { send: '火2' }]));
  await t.clock.setTime('2026-04-07T00:00:00.000Z'); // Tuesday 09:00 JST
  const f = await friendIn(ws, '鈴木');
  await settle(f, ['月1', '月2'], 'waiting');
  await t.clock.setTime('2026-04-08T01:00:00.000Z'); // Wednesday 10:00 JST: the wait ends
  await settle(f, ['月1', '月2', '火1'], 'waiting');
  // Monday 2026-04-13 00:00 JST.
  expect((await f.run())!.wakeAt).toBe('2026-04-12T15:00:00.000Z');
  await t.clock.setTime('2026-04-12T15:00:00.000Z');
  await settle(f, ['月1', '月2', '火1', '火2'], 'finished');
});

test('always deliver ignores the cap (and counts); skip leaves the node without sending and goes on', async () => {
  await t.clock.setTime('2026-04-14T00:00:00.000Z');
  const ws = await workspaceWithCaps('always-skip', { perDay: 1, perWeek: 10 });
  await publishScenario(ws, 'mixed', scenario(
    [{ send: 'ようこそ' }, { send: 'ご予約を承りました' }, { send: 'キャンペーン' }, { send: '最後' }],
    { n2: { alwaysDeliver: true }, n3: { overCap: 'skip' }, n4: { overCap: 'skip', alwaysDeliver: true } },
  ));
  const f = await friendIn(ws, '高橋');
  await settle(f, ['ようこそ', 'ご予約を承りました', '最後'], 'finished');
  expect((await f.capped()).map((row) => [row.detail.nodeId, row.detail.outcome])).toEqual([['n3', 'skipped']]);
  const sent = await rows<{ node_id: string; cap_policy: string; status: string }>(t, 'select node_id, cap_policy, status from sends where friend_id = $1 order by seq', [f.id]);
  expect(sent).toEqual([
    { node_id: 'n1', cap_policy: 'hold', status: 'sent' },
    { node_id: 'n2', cap_policy: 'always', status: 'sent' },
    { node_id: 'n4', cap_policy: 'always', status: 'sent' },
  ]);
});

test('a workspace without caps and an old send node without the fields: nothing held', async () => {
  const ws = await createWorkspace(t, 'no-caps');
  expect((await ws.api('GET', '')).messageCaps).toEqual({ perDay: null, perWeek: null });
  await publishScenario(ws, 'many', scenario([{ send: '1' }, { send: '2' }, { send: '3' }, { send: '4' }]));
  const f = await friendIn(ws, '田中');
  await settle(f, ['1', '2', '3', '4'], 'finished');
});

test('a weekly limit below the daily one is refused whole', async () => {
  const ws = await createWorkspace(t, 'bad-caps');
  const response = await t.app.inject({ method: 'PATCH', url: `/api/workspaces/${ws.id}`, payload: { messageCaps: { perDay: 5, perWeek: 3 } } });
  expect(response.statusCode).toBe(422);
  expect(response.json().code).toBe('invalid_message_caps');
  expect((await ws.api('GET', '')).messageCaps).toEqual({ perDay: null, perWeek: null });
  const zero = await t.app.inject({ method: 'PATCH', url: `/api/workspaces/${ws.id}`, payload: { messageCaps: { perDay: 1001, perWeek: null } } });
  expect(zero.statusCode).toBe(400);
});
