import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, rows, sendRequests, type Workspace } from '../webhook/harness.ts';
import { call, draft, received, seedFriends } from './harness.ts';

// 一斉配信 against real PostgreSQL and the built-in fake LINE, with the real workers: refusals that
// write nothing, the audience frozen at the start, identical messages by multicast and personalised
// ones by push, the delivery window, blocked friends skipped, pause/resume/cancel, results.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  // Small chunks: a broadcast of a few thousand takes many passes, so pause and cancel land mid-way.
  t = await createTestApp({ workers: true, start: '2026-04-01T03:00:00.000Z', ticks: { broadcast: { chunk: 50, lookahead: 50 } } });
  ws = await createWorkspace(t);
});
afterAll(() => t.close());
// Each test has the workspace's friends to itself, whatever the previous one left.
beforeEach(async () => {
  await t.database.pool.query('delete from friends where workspace_id = $1', [ws.id]);
});

const settled = (id: string) => waitFor(t.clock, async () => {
  const progress = (await call(t, ws, 'GET', `/broadcasts/${id}/progress`)).body;
  return progress.status === 'done' || progress.status === 'cancelled' ? progress : undefined;
}, 1500);

test('refused whole: empty audience, a time in the past, messages over LINE limits, more than the quota left', async () => {
  const nobody = (await call(t, ws, 'POST', '/broadcasts', draft({ audience: { kind: 'condition', condition: { kind: 'fieldSet', fieldId: 'no-such-field' } } }))).body;
  expect(await call(t, ws, 'POST', `/broadcasts/${nobody.id}/start`)).toMatchObject({ status: 422, body: { code: 'empty_audience' } });

  const friends = await seedFriends(t, ws, 3);
  const past = (await call(t, ws, 'POST', '/broadcasts', draft({ schedule: { kind: 'at', at: '2026-04-01T11:59' } }))).body; // 02:59Z
  expect(await call(t, ws, 'POST', `/broadcasts/${past.id}/start`)).toMatchObject({ status: 422, body: { code: 'time_in_past' } });

  const long = (await call(t, ws, 'POST', '/broadcasts', draft({ messages: [{ type: 'text', text: 'あ'.repeat(5001) }] }))).body;
  const tooLong = await call(t, ws, 'POST', `/broadcasts/${long.id}/start`);
  expect(tooLong).toMatchObject({ status: 422, body: { code: 'invalid_messages', details: { violations: [expect.objectContaining({ rule: 'textLength', messageIndex: 0 })] } } });
  const six = (await call(t, ws, 'POST', '/broadcasts', draft({ messages: Array.from({ length: 6 }, () => ({ type: 'text' as const, text: 'x' })) }))).body;
  expect(await call(t, ws, 'POST', `/broadcasts/${six.id}/start`)).toMatchObject({ status: 422, body: { code: 'invalid_messages' } });

  // The fake LINE's quota: 2 left this month, 3 needed.
  t.app.fakeLine.setMonthlyLimit(2);
  const preview = (await call(t, ws, 'POST', '/broadcasts/preview', { audience: { kind: 'all' }, exclusions: [], options: { skipWaitingForReply: false, respectCaps: true } })).body;
  expect(preview).toMatchObject({ audience: 3, recipients: 3, quotaNeeded: 3, quota: { limit: 2, used: 0, remaining: 2 }, withinQuota: false });
  const big = (await call(t, ws, 'POST', '/broadcasts', draft())).body;
  expect(await call(t, ws, 'POST', `/broadcasts/${big.id}/start`)).toMatchObject({ status: 422, body: { code: 'over_quota', details: { needed: 3, remaining: 2 } } });
  t.app.fakeLine.setMonthlyLimit(undefined);

  // Nothing half-done: no occurrence, no recipient, no send; every one is still a draft.
  expect(await rows(t, 'select 1 from broadcast_occurrences')).toEqual([]);
  expect(await rows(t, 'select 1 from sends')).toEqual([]);
  for (const id of [nobody.id, past.id, long.id, six.id, big.id]) expect((await call(t, ws, 'GET', `/broadcasts/${id}`)).body.status).toBe('draft');
  expect(received(t, friends.map((f) => f.lineUserId))).toEqual([0, 0, 0]);
  await t.database.pool.query('delete from friends where workspace_id = $1', [ws.id]);
});

test('the audience is frozen at the start; held outside the window; a friend blocked before their send is skipped; identical messages go by multicast of ≤ 500', async () => {
  const friends = await seedFriends(t, ws, 1_200);
  const [alreadyBlocked] = await seedFriends(t, ws, 1);
  await t.database.pool.query("update friends set status = 'blocked' where id = $1", [alreadyBlocked!.id]);
  // 12:00 JST now; the window 13:00–21:00 every day holds it until 13:00.
  const body = draft({ name: '窓', messages: [{ type: 'text', text: '凍結テスト' }], delivery: { mode: 'custom', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '13:00', to: '21:00' }] } });
  const created = (await call(t, ws, 'POST', '/broadcasts', body)).body;
  const started = await call(t, ws, 'POST', `/broadcasts/${created.id}/start`);
  expect(started).toMatchObject({ status: 200, body: { status: 'running', personalised: false } });

  const held = await waitFor(t.clock, async () => {
    const progress = (await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body;
    return progress.held ? progress : undefined;
  });
  expect(held).toMatchObject({ heldUntil: '2026-04-01T04:00:00.000Z', occurrence: { recipients: 1_200, sent: 0, remaining: 1_200 } });
  expect(await rows(t, "select 1 from sends where status in ('queued', 'sending')")).toEqual([]);

  // After the start: a new friend (not frozen in) and a frozen one who blocks us.
  const [late] = await seedFriends(t, ws, 1);
  await t.database.pool.query("update friends set status = 'blocked' where id = $1", [friends[7]!.id]);

  await t.clock.setTime('2026-04-01T04:00:00.000Z');
  const done = await settled(created.id);
  expect(done.occurrence).toMatchObject({ recipients: 1_200, sent: 1_199, failed: 0, remaining: 0, skipped: { blocked: 1, waiting_for_reply: 0, over_cap: 0 } });
  const counts = received(t, friends.map((f) => f.lineUserId), '凍結テスト');
  expect(counts.filter((n) => n === 1)).toHaveLength(1_199);
  expect(counts[7]).toBe(0);
  expect(received(t, [late!.lineUserId, alreadyBlocked!.lineUserId])).toEqual([0, 0]);
  const multicasts = sendRequests(t).filter((r) => r.endpoint === 'multicast');
  // A batch the claim left with one member goes as a push (LINE's multicast takes 1..500, a push is the same request for one).
  const pushes = sendRequests(t).filter((r) => r.endpoint === 'push');
  expect(multicasts.every((r) => r.status === 200 && r.recipients! <= 500)).toBe(true);
  expect(multicasts.reduce((sum, r) => sum + r.recipients!, 0) + pushes.length).toBe(1_199);
  // The same text for everyone: frozen straight into batches of ≤ 500 (500, 500, 200; the blocked friend left out at the claim).
  const sizes = multicasts.map((r) => r.recipients!).sort((a, b) => a - b);
  expect([[199, 500, 500], [200, 499, 500]]).toContainEqual(sizes);
  expect(pushes).toEqual([]);
  expect(Date.parse(multicasts[0]!.at)).toBeGreaterThanOrEqual(Date.parse('2026-04-01T04:00:00.000Z'));
  // The recipient list is recorded (each friend in one batch), no send row per friend; the timeline shows the broadcast.
  const members = await rows<{ friend_id: string }>(t, 'select unnest(m.friend_ids) as friend_id from broadcast_batch_members m join broadcast_batches b on b.id = m.batch_id join broadcast_occurrences o on o.id = b.occurrence_id where o.broadcast_id = $1', [created.id]);
  expect(members).toHaveLength(1_199);
  expect(new Set(members.map((m) => m.friend_id)).size).toBe(1_199);
  expect(await rows(t, 'select 1 from sends')).toEqual([]);
  const timeline = (await call(t, ws, 'GET', `/friends/${friends[3]!.id}`)).body.timeline;
  expect(timeline).toEqual([expect.objectContaining({ kind: 'message_sent', detail: expect.objectContaining({ nodeId: expect.stringMatching(/^broadcast:/), scenarioId: null }) })]);
  expect((await call(t, ws, 'GET', `/friends/${friends[7]!.id}`)).body.timeline).toEqual([]);
  await t.database.pool.query('delete from friends where workspace_id = $1', [ws.id]);
});

test('personalised messages go by push, each friend their own; results give LINE reasons and tracked-link clicks', async () => {
  t.app.fakeLine.requests.reset();
  const link = await ws.api('POST', '/links', { name: 'クーポン', url: 'https://shop.example/coupon' });
  const friends = await seedFriends(t, ws, 4, (i) => ({ displayName: `花子${i}` }));
  // LINE refuses a push to a malformed user id (400, its reason kept per send).
  const [broken] = await seedFriends(t, ws, 1, () => ({ lineUserId: 'Ubroken' }));
  const body = draft({ name: '個別', messages: [{ type: 'text', text: `{name}さんへ {link:${link.id}}` }] });
  const created = (await call(t, ws, 'POST', '/broadcasts', body)).body;
  expect(created.personalised).toBe(true);
  await call(t, ws, 'POST', `/broadcasts/${created.id}/start`);
  const done = await settled(created.id);
  expect(done.occurrence).toMatchObject({ recipients: 5, sent: 4, failed: 1, remaining: 0 });
  const pushes = sendRequests(t).filter((r) => r.endpoint === 'push');
  expect(pushes.filter((r) => r.status === 200)).toHaveLength(4);
  expect(sendRequests(t).filter((r) => r.endpoint === 'multicast')).toEqual([]);
  const inbox = t.app.fakeLine.users.inbox(friends[2]!.lineUserId);
  expect(inbox).toHaveLength(1);
  const text = inbox[0]!.message.type === 'text' ? inbox[0]!.message.text : '';
  expect(text).toMatch(/^花子2さんへ http:\/\/runtime\.test\/l\/[A-Za-z0-9_-]+\//);

  // The friend opens the link twice: one click.
  const path = new URL(text.split(' ')[1]!).pathname;
  for (let i = 0; i < 2; i++) expect((await t.anonymous({ method: 'GET', url: path })).statusCode).toBe(302);
  const results = (await call(t, ws, 'GET', `/broadcasts/${created.id}/results`)).body;
  expect(results.occurrences).toEqual([expect.objectContaining({
    recipients: 5, delivered: 4, failed: 1,
    failures: [{ status: 400, reason: expect.stringContaining("'to'"), count: 1 }],
    clicks: [{ linkId: link.id, clicks: 1, friends: 1 }],
  })]);
  expect(broken).toBeDefined();
  await t.database.pool.query('delete from friends where workspace_id = $1', [ws.id]);
});

test('testers: marked through the API, listed with the friend, the only ones a test-send reaches', async () => {
  const [tester, other] = await seedFriends(t, ws, 2);
  const created = (await call(t, ws, 'POST', '/broadcasts', draft({ messages: [{ type: 'text', text: 'テスト配信' }] }))).body;
  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/test`, {})).toMatchObject({ status: 422, body: { code: 'no_testers' } });
  expect(await call(t, ws, 'PUT', `/friends/${tester!.id}/tester`, { tester: true })).toMatchObject({ status: 200, body: { isTester: true } });
  expect((await call(t, ws, 'GET', '/testers')).body.testers).toEqual([expect.objectContaining({ id: tester!.id, isTester: true })]);
  expect((await call(t, ws, 'GET', `/friends/${tester!.id}`)).body).toMatchObject({ isTester: true });
  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/test`, { friendIds: [other!.id] })).toMatchObject({ status: 422, body: { code: 'no_testers' } });
  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/test`, {})).toMatchObject({ status: 200, body: { sentTo: [tester!.id] } });
  await waitFor(t.clock, async () => received(t, [tester!.lineUserId], 'テスト配信')[0] === 1);
  expect(received(t, [other!.lineUserId])).toEqual([0]);
  // A test-send does not start it.
  expect((await call(t, ws, 'GET', `/broadcasts/${created.id}`)).body.status).toBe('draft');
  await t.database.pool.query('delete from friends where workspace_id = $1', [ws.id]);
});

test('pause stops sending promptly, resume finishes with each friend once; cancel leaves the rest unsent', async () => {
  const friends = await seedFriends(t, ws, 600);
  const body = draft({ name: '一時停止', messages: [{ type: 'text', text: '{name|お客様}へ 一時停止テスト' }] });
  const created = (await call(t, ws, 'POST', '/broadcasts', body)).body;
  await call(t, ws, 'POST', `/broadcasts/${created.id}/start`);
  const paused = await call(t, ws, 'POST', `/broadcasts/${created.id}/pause`);
  expect(paused).toMatchObject({ status: 200, body: { status: 'paused' } });
  // In flight when paused: finishes under its key; nothing more is queued or claimed.
  await waitFor(t.clock, async () => (await rows(t, "select 1 from sends where status in ('queued', 'sending')")).length === 0);
  const atPause = (await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body.occurrence;
  expect(atPause.sent).toBeLessThan(600);
  expect(atPause.remaining).toBe(600 - atPause.sent);
  await t.clock.tick(5_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body.occurrence.sent).toBe(atPause.sent);
  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/pause`)).toMatchObject({ status: 409, body: { code: 'broadcast_state' } });

  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/resume`)).toMatchObject({ status: 200, body: { status: 'running' } });
  const done = await settled(created.id);
  expect(done.occurrence).toMatchObject({ sent: 600, remaining: 0 });
  expect(received(t, friends.map((f) => f.lineUserId), '一時停止テスト').every((n) => n === 1)).toBe(true);

  const second = (await call(t, ws, 'POST', '/broadcasts', draft({ name: '中止', messages: [{ type: 'text', text: '{name|お客様}へ 中止テスト' }] }))).body;
  await call(t, ws, 'POST', `/broadcasts/${second.id}/start`);
  expect(await call(t, ws, 'POST', `/broadcasts/${second.id}/cancel`)).toMatchObject({ status: 200, body: { status: 'cancelled' } });
  await waitFor(t.clock, async () => (await rows(t, "select 1 from sends where status in ('queued', 'sending')")).length === 0);
  const cancelled = (await call(t, ws, 'GET', `/broadcasts/${second.id}/progress`)).body;
  expect(cancelled.occurrence.sent + cancelled.occurrence.remaining).toBe(600);
  expect(cancelled.occurrence.remaining).toBeGreaterThan(0);
  const got = received(t, friends.map((f) => f.lineUserId), '中止テスト');
  expect(got.filter((n) => n === 1)).toHaveLength(cancelled.occurrence.sent);
  expect(got.every((n) => n <= 1)).toBe(true);
  expect(await call(t, ws, 'POST', `/broadcasts/${second.id}/resume`)).toMatchObject({ status: 409 });
}, 180_000);

test('the same text for everyone (batched): pause holds the batches not yet claimed, resume sends each friend once; cancel leaves the rest unsent', async () => {
  const friends = await seedFriends(t, ws, 2_000);
  const created = (await call(t, ws, 'POST', '/broadcasts', draft({ name: '一括停止', messages: [{ type: 'text', text: '一括停止テスト' }] }))).body;
  await call(t, ws, 'POST', `/broadcasts/${created.id}/start`);
  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/pause`)).toMatchObject({ status: 200, body: { status: 'paused' } });
  // In flight when paused: finishes under its key; no batch is claimed after.
  await waitFor(t.clock, async () => (await rows(t, "select 1 from broadcast_batches where status = 'sending'")).length === 0);
  const atPause = (await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body.occurrence;
  expect(atPause.sent + atPause.remaining).toBe(2_000);
  await t.clock.tick(5_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body.occurrence.sent).toBe(atPause.sent);
  expect(received(t, friends.map((f) => f.lineUserId), '一括停止テスト').filter((n) => n === 1)).toHaveLength(atPause.sent);

  expect(await call(t, ws, 'POST', `/broadcasts/${created.id}/resume`)).toMatchObject({ status: 200, body: { status: 'running' } });
  const done = await settled(created.id);
  expect(done.occurrence).toMatchObject({ recipients: 2_000, sent: 2_000, remaining: 0 });
  expect(received(t, friends.map((f) => f.lineUserId), '一括停止テスト').every((n) => n === 1)).toBe(true);
  const results = (await call(t, ws, 'GET', `/broadcasts/${created.id}/results`)).body;
  expect(results.occurrences).toEqual([expect.objectContaining({ recipients: 2_000, delivered: 2_000, failed: 0, failures: [], clicks: [] })]);

  const second = (await call(t, ws, 'POST', '/broadcasts', draft({ name: '一括中止', messages: [{ type: 'text', text: '一括中止テスト' }] }))).body;
  await call(t, ws, 'POST', `/broadcasts/${second.id}/start`);
  expect(await call(t, ws, 'POST', `/broadcasts/${second.id}/cancel`)).toMatchObject({ status: 200, body: { status: 'cancelled' } });
  await waitFor(t.clock, async () => (await rows(t, "select 1 from broadcast_batches where status = 'sending'")).length === 0);
  const cancelled = (await call(t, ws, 'GET', `/broadcasts/${second.id}/progress`)).body;
  expect(cancelled.occurrence.sent + cancelled.occurrence.remaining).toBe(2_000);
  await t.clock.tick(5_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const got = received(t, friends.map((f) => f.lineUserId), '一括中止テスト');
  expect(got.filter((n) => n === 1)).toHaveLength(cancelled.occurrence.sent);
  expect(got.every((n) => n <= 1)).toBe(true);
}, 180_000);
