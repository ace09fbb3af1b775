import { afterAll, beforeAll, expect, test } from 'vitest';
import { followEvent, textMessageEvent } from '../../src/line/fake/index.ts';
import { QUEUES } from '../../src/store/queues.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, friendByLineUserId, inboxTexts, linearScenario, newUserId, postEvents, publishScenario, rows, type Workspace } from './harness.ts';

// A job whose work committed but whose completion was lost runs again: the second run must change
// nothing. And a send written just before its friend blocked us is cancelled, not "sent" to nobody.

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'welcome', linearScenario({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ send: 'ようこそ' }]));
  await publishScenario(ws, 'keyword', linearScenario({ trigger: { kind: 'keyword', match: 'exact', text: '資料' }, reentry: 'everyTime' }, [{ send: '資料です' }]));
});
afterAll(() => t.close());

const settle = async () => {
  for (let round = 0; round < 30; round++) {
    await t.clock.tick(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

test('a webhook job run a second time after its work committed applies nothing again', async () => {
  const userId = newUserId();
  await postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })]);
  await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
  const message = textMessageEvent({ userId, text: '資料', timestamp: t.clock.now() });
  await postEvents(t, ws, [message]);
  await waitFor(t.clock, async () => inboxTexts(t, userId).length === 2);

  // The same job again, as pg-boss would retry it had the completion been lost.
  await t.app.boss.send(QUEUES.webhookEvent, { channelId: ws.channelId, webhookEventIds: [message.webhookEventId] });
  await settle();
  expect(inboxTexts(t, userId)).toEqual(['ようこそ', '資料です']);
  const friend = await friendByLineUserId(t, userId);
  const received = await rows<{ n: string }>(t, "select count(*) as n from timeline_entries where friend_id = $1 and kind = 'message_received'", [friend!.id]);
  expect(Number(received[0]!.n)).toBe(1);
});

test('a queued send whose friend blocked us before it went out is cancelled and never requested', async () => {
  const userId = newUserId();
  await postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })]);
  await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
  const friend = await friendByLineUserId(t, userId);
  // The race: a step wrote the send, then the unfollow landed before the sender claimed it (one
  // statement here, so the sender cannot come between the two).
  const [send] = await rows<{ id: string }>(t, `
    with blocked as (update friends set status = 'blocked' where id = $3)
    insert into sends (workspace_id, channel_id, friend_id, retry_key, messages, message_digest, due_at)
    values ($1, $2, $3, gen_random_uuid(), '[{"type":"text","text":"遅れた"}]', 'late', $4) returning id`,
  [ws.id, ws.channelId, friend!.id, new Date(t.clock.now())]);
  await waitFor(t.clock, async () => (await rows<{ status: string }>(t, 'select status from sends where id = $1', [send!.id]))[0]?.status === 'cancelled');
  expect(inboxTexts(t, userId)).toEqual(['ようこそ']);
});
