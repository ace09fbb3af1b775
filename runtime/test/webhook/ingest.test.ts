import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { followEvent, textMessageEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, friendByLineUserId, inboxTexts, newUserId, postEvents, postWebhook, publishScenario, rows, waitForFriend, type Workspace } from './harness.ts';

// The webhook's bad input, through the real route and workers: each event is applied or set aside
// on its own, text from LINE is stored cleaned, a failing event never fails its neighbours, and a
// `{name}` message never goes out without the name.

let t: TestApp;
let ws: Workspace;

const WELCOME = '{name}さん、ようこそ！';
const THANKS = 'お返事ありがとう';

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'welcome', welcomeThenWaitForReply());
});
afterAll(() => t.close());

/** 友だち追加 → `{name}` welcome → wait for a reply (1 day) → thanks. */
function welcomeThenWaitForReply(): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'n1', type: 'send', position: { x: 0, y: 160 }, data: { messages: [{ type: 'text', text: WELCOME }], delivery: { mode: 'off' } } },
      { id: 'n2', type: 'waitForEvent', position: { x: 0, y: 320 }, data: { event: 'replied', timeout: { amount: 1, unit: 'days' } } },
      { id: 'n3', type: 'send', position: { x: 0, y: 480 }, data: { messages: [{ type: 'text', text: THANKS }], delivery: { mode: 'off' } } },
    ],
    edges: [
      { id: 'e0', source: 'n0', sourceHandle: 'next', target: 'n1' },
      { id: 'e1', source: 'n1', sourceHandle: 'next', target: 'n2' },
      { id: 'e2', source: 'n2', sourceHandle: 'done', target: 'n3' },
    ],
  };
}

/** A LINE user the fake knows, so their profile answers with this name. */
const person = (displayName: string) => t.app.fakeLine.users.register({ displayName }).userId;
const welcome = (name: string) => WELCOME.replace('{name}', name);
const setAside = (ids: string[]) => rows<{ webhook_event_id: string; set_aside_reason: string }>(t,
  'select webhook_event_id, set_aside_reason from webhook_events where webhook_event_id = any($1) and set_aside_reason is not null order by webhook_event_id', [ids]);

describe('one POST, each event on its own', () => {
  test('a broken event, a group member, a malformed user id and NUL in a text: the valid follows in that POST still become friends', async () => {
    const alice = person('Alice');
    const bob = person('Bob');
    const broken = { ...followEvent({ userId: newUserId() }), source: { type: 'user' } };
    const groupMember = newUserId();
    const inGroup = { ...textMessageEvent({ userId: groupMember, text: 'hi all' }), source: { type: 'group', groupId: `C${'1'.repeat(32)}`, userId: groupMember } };
    const malformed = followEvent({ userId: 'U123' });
    const withNul = textMessageEvent({ userId: alice, text: 'a\u0000b\ud800c' });
    const events = [followEvent({ userId: alice }), broken, inGroup, malformed, followEvent({ userId: bob })];

    expect(await postEvents(t, ws, events)).toEqual({ received: events.length });
    await waitFor(t.clock, async () => inboxTexts(t, alice).length === 1 && inboxTexts(t, bob).length === 1);
    // Alice replies to the welcome (a reply sent before it would not answer it: the wait starts after).
    expect(await postEvents(t, ws, [withNul])).toEqual({ received: 1 });
    await waitFor(t.clock, async () => inboxTexts(t, alice).length === 2);
    expect(inboxTexts(t, alice)).toEqual([welcome('Alice'), THANKS]);
    expect(inboxTexts(t, bob)).toEqual([welcome('Bob')]);
    // The group member never followed: not a friend. The malformed id is no one.
    expect(await friendByLineUserId(t, groupMember)).toBeUndefined();
    expect(await friendByLineUserId(t, 'U123')).toBeUndefined();
    const reasons = await setAside([broken.webhookEventId, inGroup.webhookEventId, malformed.webhookEventId]);
    expect(new Map(reasons.map((row) => [row.webhook_event_id, row.set_aside_reason])))
      .toEqual(new Map([[broken.webhookEventId, 'invalid_shape'], [inGroup.webhookEventId, 'not_a_user_source'], [malformed.webhookEventId, 'malformed_user_id']]));
    // The text is stored cleaned: NUL dropped, the lone surrogate shown as U+FFFD.
    const [stored] = await rows<{ text: string }>(t, "select event->'message'->>'text' as text from webhook_events where webhook_event_id = $1", [withNul.webhookEventId]);
    expect(stored!.text).toBe('ab\uFFFDc');
    const [timeline] = await rows<{ text: string }>(t,
      "select detail->>'text' as text from timeline_entries t join friends f on f.id = t.friend_id where f.line_user_id = $1 and kind = 'message_received'", [alice]);
    expect(timeline!.text).toBe('ab\uFFFDc');
  });

  test('a display name with NUL from LINE is stored cleaned and greets the friend', async () => {
    const userId = person('Ka\u0000na\udc00');
    await postEvents(t, ws, [followEvent({ userId })]);
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
    expect((await friendByLineUserId(t, userId))!.display_name).toBe('Kana\uFFFD');
    expect(inboxTexts(t, userId)).toEqual([welcome('Kana\uFFFD')]);
  });

  test('a standby follow without a replyToken records the friend (and sends nothing)', async () => {
    const userId = person('Standby');
    const { replyToken: _replyToken, ...standby } = followEvent({ userId, mode: 'standby' });
    expect(await postEvents(t, ws, [standby])).toEqual({ received: 1 });
    const friend = await waitForFriend(t, userId);
    expect(friend.status).toBe('active');
    // The name follows the friend's record: LINE's profile is fetched after the batch commits.
    await waitFor(t.clock, async () => (await friendByLineUserId(t, userId))!.display_name === 'Standby');
    expect(inboxTexts(t, userId)).toEqual([]);
  });

  test('a sticker counts as the friend replying', async () => {
    const userId = person('Sticker');
    await postEvents(t, ws, [followEvent({ userId })]);
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
    const sticker = { ...textMessageEvent({ userId, text: '' }), message: { id: '100001', type: 'sticker', packageId: '446', stickerId: '1988' } };
    await postEvents(t, ws, [sticker]);
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 2);
    expect(inboxTexts(t, userId)).toEqual([welcome('Sticker'), THANKS]);
  });
});

describe('a batch with one event that fails', () => {
  test('the failing event is retried alone and set aside with its error; its neighbours are applied once', async () => {
    const doomed = person('Doomed');
    const neighbours = [person('N1'), person('N2'), person('N3')];
    // A friend row for this user cannot be written: the database refuses it, as a bug would.
    await t.database.pool.query(`create or replace function refuse_doomed() returns trigger language plpgsql as $$
      begin if new.line_user_id = '${doomed}' then raise exception 'refused for the test'; end if; return new; end $$`);
    await t.database.pool.query('create trigger refuse_doomed before insert on friends for each row execute function refuse_doomed()');
    try {
      const events = [followEvent({ userId: neighbours[0]! }), followEvent({ userId: doomed }), followEvent({ userId: neighbours[1]! }), followEvent({ userId: neighbours[2]! })];
      await postEvents(t, ws, events);
      for (const userId of neighbours) await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
      const failed = await waitFor(t.clock, async () => (await setAside([events[1]!.webhookEventId]))[0]);
      expect(failed.set_aside_reason).toBe('failed');
      const [row] = await rows<{ attempts: number; last_error: string }>(t, 'select attempts, last_error from webhook_events where webhook_event_id = $1', [events[1]!.webhookEventId]);
      expect(row!.attempts).toBe(3);
      expect(row!.last_error).toContain('refused for the test');
    } finally {
      await t.database.pool.query('drop trigger refuse_doomed on friends');
    }
    expect(neighbours.map((userId) => inboxTexts(t, userId))).toEqual([[welcome('N1')], [welcome('N2')], [welcome('N3')]]);
    expect(await friendByLineUserId(t, doomed)).toBeUndefined();
  });
});

describe('LINE failing the profile', () => {
  test('a {name} welcome waits while the profile call fails (5xx, 429, timeout), then goes out with the name', async () => {
    const userId = person('Haruka');
    t.app.fakeLine.failures.add({ kind: 'server-error', endpoint: 'profile', count: 2 });
    t.app.fakeLine.failures.add({ kind: 'rate-limited', endpoint: 'profile', count: 1 });
    await postEvents(t, ws, [followEvent({ userId })]);
    const friend = await waitForFriend(t, userId);
    expect(friend.display_name).toBe('');
    // The run waits at the welcome: nothing has gone out without the name.
    const [run] = await waitFor(t.clock, async () => {
      const found = await rows<{ status: string; current_node_id: string }>(t, 'select status, current_node_id from runs where friend_id = $1', [friend.id]);
      return found[0]?.current_node_id ? found : undefined;
    });
    expect(run).toMatchObject({ status: 'waiting', current_node_id: 'n1' });
    expect(inboxTexts(t, userId)).toEqual([]);

    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1, 1_500);
    expect(inboxTexts(t, userId)).toEqual([welcome('Haruka')]);
    expect((await friendByLineUserId(t, userId))!.display_name).toBe('Haruka');
  });

  test('with a declared fallback ({name|お客様}) the message does not wait', async () => {
    const text = '{name|お客様}へ、特別なお知らせ';
    const graph = welcomeThenWaitForReply();
    graph.nodes[0] = { ...graph.nodes[0]!, data: { trigger: { kind: 'keyword', text: 'お知らせ', match: 'exact' }, reentry: 'everyTime' } } as FlowGraph['nodes'][number];
    graph.nodes[1] = { ...graph.nodes[1]!, data: { messages: [{ type: 'text', text }], delivery: { mode: 'off' } } } as FlowGraph['nodes'][number];
    await publishScenario(ws, 'notice', graph);
    const userId = newUserId(); // unknown to LINE: a message from someone we never saw, profile not found
    t.app.fakeLine.failures.add({ kind: 'server-error', endpoint: 'profile', count: 5 });
    await postEvents(t, ws, [textMessageEvent({ userId, text: 'お知らせ' })]);
    // The profile calls' failures and retries take real time on a loaded machine: allow more rounds.
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1, 1_500);
    expect(inboxTexts(t, userId)).toEqual(['お客様へ、特別なお知らせ']);
  });

  test('a signed POST that arrives while its batch commits is not lost', async () => {
    const users = Array.from({ length: 30 }, (_, i) => person(`P${i}`));
    const posts = users.map((userId) => postWebhook(t, ws.channelId, JSON.stringify({ destination: `U${'0'.repeat(32)}`, events: [followEvent({ userId })] }), { secret: ws.channelSecret }));
    expect((await Promise.all(posts)).map((response) => response.statusCode)).toEqual(users.map(() => 200));
    for (const userId of users) await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
    expect(users.map((userId) => inboxTexts(t, userId))).toEqual(users.map((_, i) => [welcome(`P${i}`)]));
  });
});
