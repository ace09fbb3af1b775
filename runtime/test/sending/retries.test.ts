import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, publishScenario, rows, sendRequests, type Workspace } from '../webhook/harness.ts';

// The outbox under LINE failures, through the real workers and the fake LINE over HTTP: each test
// orders a failure from the fake, adds a virtual friend (whose welcome is a personalised push),
// and follows that one send on the wire, in its row and in the friend's inbox.

const TIMEOUT_MS = 500;

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true, env: { LINE_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'welcome', linearScenario(
    { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ send: '{name}さん、ようこそ！' }]));
});
afterAll(() => t.close());

interface SendRow { id: string; status: string; retry_key: string; batch_key: string | null; attempts: number; lease_until: string | Date | null; error: { status: number; reason: string } | null }

/** What the send worker handed to LINE: the body and retry key of every push attempt. */
let pushes: Array<{ body: unknown; retryKey: string }>;
beforeEach(() => {
  const gateway = t.app.line;
  const push = gateway.push.bind(gateway);
  pushes = [];
  vi.spyOn(gateway, 'push').mockImplementation((channelId, body, retryKey) => {
    pushes.push({ body: structuredClone(body), retryKey });
    return push(channelId, body, retryKey);
  });
  return () => vi.restoreAllMocks();
});

async function addFriend(displayName: string) {
  const friend = await ws.api('POST', '/simulator/friends', { displayName });
  const send = await waitFor(t.clock, async () => (await rows<SendRow>(t, 'select * from sends where friend_id = $1', [friend.id]))[0]);
  return { friend, sendId: send.id, retryKey: send.retry_key };
}

const sendRow = async (id: string) => (await rows<SendRow>(t, 'select * from sends where id = $1', [id]))[0]!;
const settledRow = (id: string) => waitFor(t.clock, async () => {
  const row = await sendRow(id);
  return row.status === 'sent' || row.status === 'failed' ? row : undefined;
});
/** The fake's log for one retry key, plus forced failures (which LINE answers before reading the key). */
const wireFor = (retryKey: string, since: number) => sendRequests(t).slice(since).filter((request) => request.retryKey === retryKey || request.forcedFailure);
const timelineOf = async (friendId: string) => (await ws.api('GET', `/friends/${friendId}`)).timeline as Array<{ kind: string; detail: Record<string, unknown> }>;

/** Lets the workers run with nothing to wait for, to show that nothing more happens. */
async function settle() {
  for (let round = 0; round < 30; round++) {
    await t.clock.tick(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a retry repeats the identical request', () => {
  test('LINE answers 500 once: the job retries with the same body and X-Line-Retry-Key, and the friend gets it once', async () => {
    const since = sendRequests(t).length;
    t.app.fakeLine.failures.add({ kind: 'server-error', endpoint: 'push', count: 1 });
    const { friend, sendId, retryKey } = await addFriend('佐藤');

    const row = await settledRow(sendId);
    await settle();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, batch_key: retryKey });
    expect(wireFor(retryKey, since)).toMatchObject([{ status: 500, forcedFailure: 'server-error' }, { status: 200, retryKey }]);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]).toEqual(pushes[0]);
    // Every send carries its node's LINE unit (derived here: the node names none).
    expect(pushes[0]).toEqual({ body: { to: friend.lineUserId, messages: [{ type: 'text', text: '佐藤さん、ようこそ！' }], customAggregationUnits: [expect.stringMatching(/^s[0-9a-f]{12}_/)] }, retryKey });
    expect(inboxTexts(t, friend.lineUserId)).toEqual(['佐藤さん、ようこそ！']);
    expect((await timelineOf(friend.id)).filter((entry) => entry.kind === 'message_sent')).toHaveLength(1);
  });

  test('LINE accepts but the answer never comes (timeout): the retry gets 409 for the same key and body, the row ends sent, the inbox holds it once', async () => {
    const since = sendRequests(t).length;
    t.app.fakeLine.failures.add({ kind: 'timeout', endpoint: 'push', count: 1, delivered: true, hangMs: TIMEOUT_MS * 10 });
    const { friend, sendId, retryKey } = await addFriend('鈴木');

    const row = await settledRow(sendId);
    await settle();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    // The first request was served (then hung past our timeout); the retry is answered 409.
    expect(wireFor(retryKey, since).map((request) => [request.status, request.sameBodyAsAccepted])).toEqual([[200, undefined], [409, true]]);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]).toEqual(pushes[0]);
    expect(pushes[0]!.retryKey).toBe(retryKey);
    expect(inboxTexts(t, friend.lineUserId)).toEqual(['鈴木さん、ようこそ！']);
    const sent = (await timelineOf(friend.id)).filter((entry) => entry.kind === 'message_sent');
    expect(sent).toMatchObject([{ detail: { sendId, retryKeyReplayed: true } }]);
  });
});

describe('a worker that died holding a batch', () => {
  test('after LINE accepted: the lease lapses, another pass repeats the request, LINE answers 409, the row ends sent, the inbox holds it once', async () => {
    const { friend, sendId, retryKey } = await addFriend('高橋');
    await settledRow(sendId);
    const since = sendRequests(t).length;

    // As if the worker died between LINE's 200 and settling the batch: still `sending` under its
    // key, its lease run out (nobody renews a dead worker's lease).
    await t.database.pool.query(
      "update sends set status = 'sending', sent_at = null, lease_until = $2 where id = $1", [sendId, new Date(t.clock.now() - 1_000)]);
    const row = await settledRow(sendId);
    await settle();

    expect(row).toMatchObject({ status: 'sent', batch_key: retryKey });
    expect(wireFor(retryKey, since)).toMatchObject([{ endpoint: 'push', status: 409, retryKey, sameBodyAsAccepted: true }]);
    expect(inboxTexts(t, friend.lineUserId)).toEqual(['高橋さん、ようこそ！']);
  });

  test('a lapsed lease on a row already settled makes no request at all', async () => {
    const { friend, sendId } = await addFriend('田中');
    await settledRow(sendId);
    const since = sendRequests(t).length;
    await t.database.pool.query('update sends set lease_until = $2 where id = $1', [sendId, new Date(t.clock.now() - 1_000)]);
    await settle();
    expect(sendRequests(t).slice(since)).toEqual([]);
    expect(inboxTexts(t, friend.lineUserId)).toHaveLength(1);
  });
});

describe('answers that are not retried the same way', () => {
  test('a 400 marks the send failed with LINE\'s reason on the friend\'s timeline, and is not retried', async () => {
    // A user id LINE cannot know (the kind a truncated fixture carries): LINE refuses the push. The
    // webhook sets such an id aside now, so the friend is one recorded before ids were checked.
    const lineUserId = 'U4af4980629...';
    const since = sendRequests(t).length;
    const [friendRow] = await rows<{ id: string }>(t, `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
      values ($1, $2, $3, '古い記録', now()) returning id`, [ws.id, ws.channelId, lineUserId]);
    const manual = await publishScenario(ws, 'by hand', linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: '{name}さん、ようこそ！' }]));
    await ws.api('POST', `/scenarios/${manual}/enrol`, { friendIds: [friendRow!.id] });
    const send = await waitFor(t.clock, async () => (await rows<SendRow>(t, 'select * from sends where friend_id = $1', [friendRow!.id]))[0]);

    const row = await settledRow(send.id);
    await settle();
    expect(row.status).toBe('failed');
    expect(row.error).toEqual({ status: 400, reason: expect.stringContaining("The property, 'to', in the request body is invalid") });
    expect(wireFor(send.retry_key, since)).toMatchObject([{ status: 400 }]);
    const failed = (await timelineOf(friendRow!.id)).filter((entry) => entry.kind === 'send_failed');
    expect(failed).toMatchObject([{ detail: { sendId: send.id, status: 400, reason: row.error!.reason } }]);
  });

  test('429 backs off (2-4 s, then 4-8 s) and then succeeds, once', async () => {
    const since = sendRequests(t).length;
    t.app.fakeLine.failures.add({ kind: 'rate-limited', endpoint: 'push', count: 2 });
    const { friend, sendId, retryKey } = await addFriend('伊藤');

    // The back-off is the lease each 429 leaves on the row: read while it waits, it is what the
    // sender decided. When the retry then goes depends on the next poll, which a loaded machine
    // delays by rounds of the test clock, so those times are held only to "not before".
    const leases = new Set<number>();
    const row = await waitFor(t.clock, async () => {
      const current = await sendRow(sendId);
      if (current.status === 'sending' && current.lease_until) leases.add(new Date(current.lease_until).getTime());
      return current.status === 'sent' || current.status === 'failed' ? current : undefined;
    });
    await settle();
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    const wire = wireFor(retryKey, since);
    expect(wire.map((request) => request.status)).toEqual([429, 429, 200]);
    const [first, second, third] = wire.map((request) => Date.parse(request.at)) as [number, number, number];
    const backOffAfter = (answered: number, next: number) => [...leases].find((until) => until > answered && until <= next);
    const [firstBackOff, secondBackOff] = [backOffAfter(first, second), backOffAfter(second, third)];
    // retryDelayMs: 2-4 s after the first failure, 4-8 s after the second (the upper bounds allow
    // the clock steps between LINE's answer and the lease being written).
    expect(firstBackOff! - first).toBeGreaterThanOrEqual(2_000);
    expect(firstBackOff! - first).toBeLessThanOrEqual(4_000 + 700);
    expect(secondBackOff! - second).toBeGreaterThanOrEqual(4_000);
    expect(secondBackOff! - second).toBeLessThanOrEqual(8_000 + 700);
    expect(second).toBeGreaterThanOrEqual(firstBackOff!);
    expect(third).toBeGreaterThanOrEqual(secondBackOff!);
    expect(new Set(pushes.map((push) => JSON.stringify(push)))).toEqual(new Set([JSON.stringify({ body: pushes[0]!.body, retryKey })]));
    expect(inboxTexts(t, friend.lineUserId)).toEqual(['伊藤さん、ようこそ！']);
  });
});
