import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';
import { call, draft, received, seedFriends } from './harness.ts';

// A broadcast and the workspace's message cap (配信上限: at most 1 a day here): a friend already at
// the cap when it starts is left out and counted; one who reaches it after the freeze, before the
// sender takes their row, is skipped there and counted the same; a broadcast that does not respect
// caps (a transactional notice) reaches everyone. And one that skips friends waiting for a reply
// leaves out those in a conversation. Real PostgreSQL, real workers, the built-in fake LINE.

// Wednesday 2026-04-01 12:00 JST.
const START = '2026-04-01T03:00:00.000Z';
let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: START });
  ws = await createWorkspace(t, 'caps');
  await ws.api('PATCH', '', { messageCaps: { perDay: 1, perWeek: null } });
});
afterAll(() => t.close());

/** A message the friend got today, as the outbox records it. */
async function sentToday(friendId: string): Promise<void> {
  await t.database.pool.query(
    `insert into sends (workspace_id, channel_id, friend_id, node_id, retry_key, messages, message_digest, due_at, status, sent_at)
     values ($1, $2, $3, 'earlier', $4, '[{"type":"text","text":"earlier"}]', 'd', $5, 'sent', $5)`,
    [ws.id, ws.channelId, friendId, randomUUID(), new Date(t.clock.now()).toISOString()],
  );
}

const settled = (id: string) => waitFor(t.clock, async () => {
  const progress = (await call(t, ws, 'GET', `/broadcasts/${id}/progress`)).body;
  return progress.status === 'done' ? progress : undefined;
}, 1500);

test('at the cap when it starts: left out of the count and the send; reached after the freeze: skipped by the sender; both counted as over the cap', async () => {
  const [atCap, laterAtCap, free] = await seedFriends(t, ws, 3);
  await sentToday(atCap!.id);

  const preview = (body: { respectCaps: boolean }) => call(t, ws, 'POST', '/broadcasts/preview', { audience: { kind: 'all' }, exclusions: [], options: { skipWaitingForReply: false, ...body } });
  expect((await preview({ respectCaps: true })).body).toMatchObject({ audience: 3, recipients: 2, skipped: { over_cap: 1 } });
  expect((await preview({ respectCaps: false })).body).toMatchObject({ audience: 3, recipients: 3, skipped: { over_cap: 0 } });

  // Held by its window (13:00–21:00) after the freeze, so a friend can reach the cap meanwhile.
  const body = draft({ name: '上限', messages: [{ type: 'text', text: '上限テスト' }], delivery: { mode: 'custom', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '13:00', to: '21:00' }] } });
  const created = (await call(t, ws, 'POST', '/broadcasts', body)).body;
  expect((await call(t, ws, 'POST', `/broadcasts/${created.id}/start`)).status).toBe(200);
  await waitFor(t.clock, async () => (await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body.held || undefined);
  await sentToday(laterAtCap!.id);

  await t.clock.setTime('2026-04-01T04:00:00.000Z');
  const done = await settled(created.id);
  expect(done.occurrence).toMatchObject({ recipients: 3, sent: 1, remaining: 0, skipped: { blocked: 0, waiting_for_reply: 0, over_cap: 2 } });
  expect(received(t, [atCap!.lineUserId, laterAtCap!.lineUserId, free!.lineUserId], '上限テスト')).toEqual([0, 0, 1]);
  const results = (await call(t, ws, 'GET', `/broadcasts/${created.id}/results`)).body;
  expect(JSON.stringify(results)).toContain('"over_cap":2');

  // A notice that must arrive (respectCaps off) reaches all three, caps or not; and a friend new today.
  const [fresh] = await seedFriends(t, ws, 1);
  const notice = (await call(t, ws, 'POST', '/broadcasts', draft({
    name: '重要なお知らせ', messages: [{ type: 'text', text: '営業時間変更' }], options: { skipWaitingForReply: false, respectCaps: false },
  }))).body;
  expect((await call(t, ws, 'POST', `/broadcasts/${notice.id}/start`)).status).toBe(200);
  const noticed = await settled(notice.id);
  expect(noticed.occurrence).toMatchObject({ recipients: 4, sent: 4, skipped: { over_cap: 0 } });
  expect(received(t, [atCap!.lineUserId, laterAtCap!.lineUserId, free!.lineUserId, fresh!.lineUserId], '営業時間変更')).toEqual([1, 1, 1, 1]);
  // The same text for everyone went as multicast batches (no send row each) and still counts toward
  // the cap: the friend whose only message today is the notice is now at it too.
  expect(await rows(t, 'select batched from broadcast_occurrences o where o.broadcast_id = $1', [notice.id])).toEqual([{ batched: true }]);
  expect(await rows(t, 'select 1 from sends where friend_id = $1', [fresh!.id])).toEqual([]);
  expect((await preview({ respectCaps: true })).body).toMatchObject({ audience: 4, recipients: 0, skipped: { over_cap: 4 } });
});

test('skipping friends waiting for a reply leaves out those parked at a wait-for-event, not one waiting only for their LINE profile', async () => {
  const [talking, profileOnly, idle] = await seedFriends(t, ws, 3);
  const scenarioId = await publishScenario(ws, 'conversation', linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: 'x' }]));
  const [{ id: versionId }] = await rows<{ id: string }>(t, 'select id from scenario_versions where scenario_id = $1', [scenarioId]) as [{ id: string }];
  const park = (friendId: string, event: string) => t.database.pool.query(
    `insert into runs (id, workspace_id, friend_id, scenario_id, version_id, status, state, started_at) values ($1, $2, $3, $4, $5, 'waiting', $6, $7)`,
    [randomUUID(), ws.id, friendId, scenarioId, versionId, JSON.stringify({ currentNodeId: 'w', wakeAt: null, visits: {}, seed: 1, waitingFor: { event } }), new Date(t.clock.now()).toISOString()],
  );
  await park(talking!.id, 'replied');
  await park(profileOnly!.id, 'profile');

  const options = { skipWaitingForReply: true, respectCaps: false };
  const friendIds = [talking!.id, profileOnly!.id, idle!.id];
  // Only these three: the earlier test's friends leave the workspace first.
  await t.database.pool.query('delete from friends where workspace_id = $1 and not (id = any($2::uuid[]))', [ws.id, friendIds]);
  expect((await call(t, ws, 'POST', '/broadcasts/preview', { audience: { kind: 'all' }, exclusions: [], options })).body)
    .toMatchObject({ audience: 3, recipients: 2, skipped: { waiting_for_reply: 1 } });
  const created = (await call(t, ws, 'POST', '/broadcasts', draft({ name: '会話中', messages: [{ type: 'text', text: '会話テスト' }], options }))).body;
  expect((await call(t, ws, 'POST', `/broadcasts/${created.id}/start`)).status).toBe(200);
  const done = await settled(created.id);
  expect(done.occurrence).toMatchObject({ recipients: 3, sent: 2, skipped: { waiting_for_reply: 1 } });
  expect(received(t, [talking!.lineUserId, profileOnly!.lineUserId, idle!.lineUserId], '会話テスト')).toEqual([0, 1, 1]);
});
