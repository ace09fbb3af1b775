import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { followEvent, textMessageEvent, unfollowEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  createWorkspace, friendByLineUserId, inboxTexts, linearScenario, newUserId, postEvents, publishScenario, rows, sendRequests,
  waitForFriend, type Workspace,
} from './harness.ts';

// Webhook events through the real workers: dedupe, standby, and many users in one POST. Each
// test uses fresh LINE user ids, so the tests share one app and one published welcome scenario.

const WELCOME = 'ようこそ！友だち追加ありがとうございます。';

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'welcome', linearScenario({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ send: WELCOME }]));
});
afterAll(() => t.close());

const count = async (query: string, values: unknown[]) => Number((await rows<{ n: string }>(t, query, values))[0]?.n);

/** Lets the workers run for a while with nothing to wait for, to show that nothing more happens. */
const settle = async () => {
  for (let round = 0; round < 30; round++) {
    await t.clock.tick(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('a redelivered event is processed once', () => {
  test('the same webhookEventId posted again (isRedelivery) before and after processing: one friend, one welcome', async () => {
    const userId = newUserId();
    const first = followEvent({ userId, timestamp: t.clock.now() });
    const redelivery = { ...first, deliveryContext: { isRedelivery: true } };

    expect(await postEvents(t, ws, [first])).toEqual({ received: 1 });
    // Before the worker has looked at it, and twice inside one POST.
    expect(await postEvents(t, ws, [redelivery, redelivery])).toEqual({ received: 2 });
    const friend = await waitForFriend(t, userId);
    await waitFor(t.clock, async () => inboxTexts(t, userId).length > 0);
    // And after it was processed, as LINE does when our 200 got lost.
    expect(await postEvents(t, ws, [redelivery])).toEqual({ received: 1 });
    await settle();

    expect(inboxTexts(t, userId)).toEqual([WELCOME]);
    expect(await count('select count(*) as n from friends where line_user_id = $1', [userId])).toBe(1);
    expect(await count('select count(*) as n from runs where friend_id = $1', [friend.id])).toBe(1);
    expect(await count('select count(*) as n from sends where friend_id = $1', [friend.id])).toBe(1);
    expect(await count('select count(*) as n from webhook_events where webhook_event_id = $1', [first.webhookEventId])).toBe(1);
    expect(await count('select count(*) as n from webhook_events where webhook_event_id = $1 and processed_at is not null and set_aside_reason is null', [first.webhookEventId])).toBe(1);
  });

  test('a redelivered message does not fire its keyword trigger twice', async () => {
    const userId = newUserId();
    const keyword = await publishScenario(ws, 'keyword', linearScenario(
      { trigger: { kind: 'keyword', match: 'exact', text: '資料' }, reentry: 'everyTime' }, [{ send: '資料はこちらです' }]));
    await postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })]);
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);

    const message = textMessageEvent({ userId, text: '資料', timestamp: t.clock.now() });
    await postEvents(t, ws, [message]);
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 2);
    await postEvents(t, ws, [{ ...message, deliveryContext: { isRedelivery: true } }]);
    await settle();
    expect(inboxTexts(t, userId)).toEqual([WELCOME, '資料はこちらです']);
    const friend = await friendByLineUserId(t, userId);
    expect(await count('select count(*) as n from runs where friend_id = $1 and scenario_id = $2', [friend!.id, keyword])).toBe(1);
    await ws.api('POST', `/scenarios/${keyword}/archive`);
  });
});

describe('standby mode', () => {
  test('a standby follow records the friend but starts nothing and sends nothing', async () => {
    const userId = newUserId();
    t.app.fakeLine.users.register({ userId, displayName: '待機 花子' });
    const requestsBefore = sendRequests(t).length;
    await postEvents(t, ws, [{ ...followEvent({ userId, timestamp: t.clock.now() }), mode: 'standby' }]);

    // The name follows the friend's record (profiles are fetched once the batch has committed).
    const friend = await waitFor(t.clock, async () => {
      const found = await friendByLineUserId(t, userId);
      return found?.display_name === '待機 花子' ? found : undefined;
    });
    expect(friend).toMatchObject({ status: 'active', display_name: '待機 花子' });
    await settle();
    expect(await count('select count(*) as n from runs where friend_id = $1', [friend.id])).toBe(0);
    expect(await count('select count(*) as n from sends where friend_id = $1', [friend.id])).toBe(0);
    expect(inboxTexts(t, userId)).toEqual([]);
    expect(sendRequests(t)).toHaveLength(requestsBefore);
    const detail = await ws.api('GET', `/friends/${friend.id}`);
    expect(detail.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(['followed']);
  });

  test('a standby message fires no keyword trigger', async () => {
    const userId = newUserId();
    const keyword = await publishScenario(ws, 'standby keyword', linearScenario(
      { trigger: { kind: 'keyword', match: 'contains', text: '予約' }, reentry: 'everyTime' }, [{ send: '予約を承りました' }]));
    await postEvents(t, ws, [{ ...textMessageEvent({ userId, text: '予約したい', timestamp: t.clock.now() }), mode: 'standby' }]);
    const friend = await waitForFriend(t, userId);
    await settle();
    expect(await count('select count(*) as n from runs where friend_id = $1', [friend.id])).toBe(0);
    expect(inboxTexts(t, userId)).toEqual([]);
    await ws.api('POST', `/scenarios/${keyword}/archive`);
  });
});

describe('one POST, many users', () => {
  test('every follow in one body becomes a friend with exactly one welcome', async () => {
    const users = Array.from({ length: 25 }, () => newUserId());
    users.forEach((userId, index) => t.app.fakeLine.users.register({ userId, displayName: `友だち${index}` }));
    const now = t.clock.now();
    // Mixed in: another user's message and an event type the runtime does not handle.
    const chatty = newUserId();
    const events = [
      ...users.map((userId, index) => followEvent({ userId, timestamp: now + index })),
      textMessageEvent({ userId: chatty, text: 'こんにちは', timestamp: now }),
      { type: 'beacon', mode: 'active', timestamp: now, source: { type: 'user', userId: chatty }, webhookEventId: '01MANYUSERSBEACON00000000A', deliveryContext: { isRedelivery: false }, beacon: { hwid: 'd41d8cd98f', type: 'enter' } },
    ];
    expect(await postEvents(t, ws, events)).toEqual({ received: 26 });

    await waitFor(t.clock, async () => users.every((userId) => inboxTexts(t, userId).length > 0));
    await settle();
    const friends = await rows<{ line_user_id: string; display_name: string }>(t,
      'select line_user_id, display_name from friends where line_user_id = any($1)', [users]);
    expect(friends.map((friend) => friend.line_user_id).sort()).toEqual([...users].sort());
    for (const [index, userId] of users.entries()) {
      expect(inboxTexts(t, userId), userId).toEqual([WELCOME]);
      expect(friends.find((friend) => friend.line_user_id === userId)?.display_name).toBe(`友だち${index}`);
    }
    // The message adopts its sender as a friend (added before we were connected) but starts nothing.
    const adopted = await friendByLineUserId(t, chatty);
    expect(adopted).toBeDefined();
    expect(inboxTexts(t, chatty)).toEqual([]);
  });

  test("each user's events in one body are applied in the order LINE sent them", async () => {
    const leavers = Array.from({ length: 15 }, () => newUserId());
    const talkers = Array.from({ length: 15 }, () => newUserId());
    const now = t.clock.now();
    // Interleaved with each other, as one body from LINE may be.
    const events = leavers.flatMap((userId, index) => [
      followEvent({ userId, timestamp: now }),
      textMessageEvent({ userId: talkers[index]!, text: 'はじめまして', timestamp: now }),
      unfollowEvent({ userId, timestamp: now + 1 }),
    ]);
    // A talker's follow comes first: a message first would adopt them with no welcome.
    await postEvents(t, ws, [...talkers.map((userId) => followEvent({ userId, timestamp: now - 1 })), ...events]);

    await waitFor(t.clock, async () => talkers.every((userId) => inboxTexts(t, userId).length > 0));
    await waitFor(t.clock, async () => (await rows(t, "select 1 from friends where line_user_id = any($1) and status = 'blocked'", [leavers])).length === leavers.length);
    await settle();
    for (const userId of talkers) expect(inboxTexts(t, userId)).toEqual([WELCOME]);
    // The welcome was written by the follow and cancelled by the unfollow before any job saw it.
    for (const userId of leavers) expect(inboxTexts(t, userId)).toEqual([]);
    const leaverSends = await rows<{ status: string }>(t, 'select s.status from sends s join friends f on f.id = s.friend_id where f.line_user_id = any($1)', [leavers]);
    expect(leaverSends.map((send) => send.status)).toEqual(leavers.map(() => 'cancelled'));
  });
});
