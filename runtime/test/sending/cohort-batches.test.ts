import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COHORT_BATCH_MIN, splitCohortSends } from '../../src/runs/cohort-sends.ts';
import { FEW_PENDING_BATCHES, friendsWithUnsentMessages, insertCohortBatches, type CohortBatchWrite } from '../../src/store/cohort-batches.ts';
import { claimSendBatches, renewSendLeases, settleSendBatches, type SendBatch } from '../../src/store/send-batches.ts';
import { insertSends, type SendWrite } from '../../src/store/sends.ts';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, newUserId, publishScenario, rows, sendRequests, type Workspace } from '../webhook/harness.ts';

// A cohort's identical messages kept as one row per multicast (store/cohort-batches.ts): the step
// writes the batch, the claim leases it, the settle writes the members' send rows already sent.
// End to end through the workers and the fake LINE, then each rule by hand on real PostgreSQL.

const TEXT = '本日10:00からセール開始です！';
const NOW = new Date('2026-04-01T00:00:00.000Z');

let t: TestApp;
let ws: Workspace;
let scenarioId: string;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: NOW.toISOString() });
  ws = await createWorkspace(t);
  scenarioId = await publishScenario(ws, 'cohort', manualSend());
});
afterAll(() => t.close());

function manualSend(): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
      { id: 'send', type: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: TEXT }] } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceHandle: 'next', target: 'end' },
    ],
  };
}

/** Friends written by hand (no scenario hears them arrive). */
async function addFriends(count: number): Promise<Array<{ id: string; lineUserId: string }>> {
  const friends = Array.from({ length: count }, () => ({ id: randomUUID(), lineUserId: newUserId() }));
  for (const friend of friends) {
    await t.database.pool.query(
      'insert into friends (id, workspace_id, channel_id, line_user_id, display_name, registered_at) values ($1, $2, $3, $4, $5, $6)',
      [friend.id, ws.id, ws.channelId, friend.lineUserId, 'f', NOW]);
  }
  return friends;
}

const inbox = (lineUserId: string) => t.app.fakeLine.users.inbox(lineUserId);

describe('through the workers', () => {
  test('identical messages to a cohort go as one multicast from one batch row; the settle moves it to cohort_sends, no row per friend', async () => {
    const friends = await addFriends(25);
    const since = sendRequests(t).length;
    // LINE fails the first attempt, so the batch is seen on its way: one row, no send rows yet.
    t.app.fakeLine.failures.add({ kind: 'server-error', endpoint: 'multicast', count: 1 });
    await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friends.map((friend) => friend.id) });
    const pending = await waitFor(t.clock, async () => {
      const found = await rows<{ status: string; attempts: number; size: number }>(t,
        'select b.status, b.attempts, cardinality(m.friend_ids) as size from cohort_batches b join cohort_batch_members m on m.batch_id = b.id');
      return found.length === 1 && found[0]!.attempts === 1 && found[0]!.status === 'sending' ? found : undefined;
    });
    expect(pending).toEqual([{ status: 'sending', attempts: 1, size: 25 }]);
    expect(await rows(t, 'select 1 from sends where friend_id = any($1::uuid[])', [friends.map((friend) => friend.id)])).toEqual([]);

    await waitFor(t.clock, async () => friends.every((friend) => inbox(friend.lineUserId).length === 1));
    const multicasts = sendRequests(t).slice(since).filter((request) => request.endpoint === 'multicast');
    // (LINE's forced failure answers before reading the key.)
    expect(multicasts).toMatchObject([{ status: 500, forcedFailure: 'server-error' }, { status: 200, recipients: 25 }]);
    const key = multicasts[1]!.retryKey;

    // The settle moves the batch and its members to cohort_sends: one row, no send row per friend.
    const [settled] = await waitFor(t.clock, async () => {
      const found = await rows<{ status: string; retry_key: string; attempts: number; node_id: string; sent_at: Date | null; friend_ids: string[]; retry_keys: string[]; send_ids: string[] }>(t,
        'select status, retry_key, attempts, node_id, sent_at, friend_ids, retry_keys, send_ids from cohort_sends where friend_ids && $1::uuid[]', [friends.map((friend) => friend.id)]);
      return found.length === 1 ? found : undefined;
    });
    expect(settled).toMatchObject({ status: 'sent', retry_key: key, attempts: 2, node_id: 'send' });
    expect(settled!.sent_at).toBeTruthy();
    expect(new Set(settled!.friend_ids)).toEqual(new Set(friends.map((friend) => friend.id)));
    expect(new Set(settled!.retry_keys).size).toBe(25);
    expect(settled!.retry_keys).toContain(key);
    expect(new Set(settled!.send_ids).size).toBe(25);
    expect(await rows(t, 'select 1 from sends where friend_id = any($1::uuid[])', [friends.map((friend) => friend.id)])).toEqual([]);
    expect(await rows(t, 'select 1 from cohort_batches')).toEqual([]);
    expect(await rows(t, 'select 1 from cohort_batch_members')).toEqual([]);

    // Statistics count the members, as they count rows settled in place.
    const [counted] = await rows<{ n: number }>(t,
      "select coalesce(sum(n), 0)::int as n from node_counters where scenario_id = $1 and node_id = 'send' and metric = 'sent'", [scenarioId]);
    expect(counted!.n).toBe(25);
    // The friend's timeline names the member's own send.
    const detail = await ws.api('GET', `/friends/${friends[0]!.id}`);
    const entries = (detail.timeline as Array<{ kind: string; detail: { sendId: string; scenarioId: string; nodeId: string } }>).filter((entry) => entry.kind === 'message_sent');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toMatchObject({ scenarioId, nodeId: 'send', sendId: settled!.send_ids[settled!.friend_ids.indexOf(friends[0]!.id)] });
  });

  test('an account that may not use units: the batch goes again without its unit, under the same key', async () => {
    t.app.fakeLine.units.configure({ available: false });
    try {
      const friends = await addFriends(12);
      const since = sendRequests(t).length;
      await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friends.map((friend) => friend.id) });
      await waitFor(t.clock, async () => friends.every((friend) => inbox(friend.lineUserId).length === 1));
      const multicasts = sendRequests(t).slice(since).filter((request) => request.endpoint === 'multicast');
      expect(multicasts.map((request) => request.status)).toEqual([403, 200]);
      const settled = await waitFor(t.clock, async () => {
        const found = await rows<{ status: string; retry_key: string; aggregation_unit: string | null }>(t,
          'select status, retry_key, aggregation_unit from cohort_sends where friend_ids && $1::uuid[]', [friends.map((friend) => friend.id)]);
        return found.length === 1 ? found : undefined;
      });
      expect(settled).toEqual([{ status: 'sent', aggregation_unit: null, retry_key: multicasts[1]!.retryKey }]);
    } finally {
      t.app.fakeLine.units.configure({ available: true });
    }
  });
});

/** As a step reads it before its friends (store/friend-facts.ts): the oldest transaction its snapshot cannot see. */
const readXmin = async () => (await rows<{ xmin: string }>(t, 'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin'))[0]!.xmin;

describe('by hand', () => {
  type Friend = { id: string; lineUserId: string };
  const write = async (friends: Friend[], dueAt = NOW, friendsReadXmin?: string) => {
    const batch: CohortBatchWrite = {
      workspaceId: ws.id, channelId: ws.channelId, scenarioId, nodeId: 'send', messages: [{ type: 'text', text: TEXT }],
      messageDigest: 'digest', aggregationUnit: null, dueAt, friendsReadXmin: friendsReadXmin ?? await readXmin(),
      members: friends.map((friend) => ({ friendId: friend.id, lineUserId: friend.lineUserId, runId: randomUUID(), visit: 1, retryKey: randomUUID() })),
    };
    await t.app.db.transaction((tx) => insertCohortBatches(tx, [batch], NOW));
    return batch;
  };
  // No other claim may run meanwhile: the workers' sender is stopped for these by leasing far ahead.
  const claim = (at: Date, leaseMs = 15_000) => claimSendBatches(t.app.db, at, new Date(at.getTime() + leaseMs), { rows: 100, batches: 10, multicasts: 10 });
  const settle = (batch: SendBatch) => settleSendBatches(t.app.db, [{ batch, status: 'sent', detail: {} }], NOW);
  const future = (ms: number) => new Date(NOW.getTime() + 3_600_000 + ms);

  test('a member who blocked since the step is left out of the request and gets a cancelled row; the rest go', async () => {
    const friends = await addFriends(3);
    const batch = await write(friends, future(0));
    await t.database.pool.query("update friends set status = 'blocked' where id = $1", [friends[1]!.id]);
    const [claimed] = (await claim(future(0))).filter((b) => b.cohort);
    expect(claimed).toMatchObject({ key: batch.members[0]!.retryKey, cohort: true, attempts: 1 });
    expect(claimed!.members.map((member) => member.id)).toEqual([friends[0]!.id, friends[2]!.id]);
    expect(claimed!.members[0]!.lineUserId).toBe(friends[0]!.lineUserId);
    const cancelled = await rows<{ status: string; batch_key: string | null }>(t, 'select status, batch_key from sends where friend_id = $1', [friends[1]!.id]);
    expect(cancelled).toEqual([{ status: 'cancelled', batch_key: null }]);

    expect(await settle(claimed!)).toBe(2);
    // A second settle of the same batch (another attempt's answer) writes nothing more.
    expect(await settle(claimed!)).toBe(0);
    const statuses = await rows<{ friend_id: string; status: string }>(t,
      'select friend_id, status from sends where friend_id = any($1::uuid[])', [friends.map((friend) => friend.id)]);
    expect(statuses).toEqual([{ friend_id: friends[1]!.id, status: 'cancelled' }]);
    const settled = await rows<{ friend_ids: string[]; status: string }>(t, 'select friend_ids, status from cohort_sends where retry_key = $1', [claimed!.key]);
    expect(settled).toEqual([{ friend_ids: [friends[0]!.id, friends[2]!.id], status: 'sent' }]);
  });

  test('a member blocked by a transaction the step could not see, committed after its batch, is found at the claim', async () => {
    const friends = await addFriends(3);
    const blocker = await t.database.pool.connect();
    try {
      await blocker.query('begin');
      await blocker.query("update friends set status = 'blocked', blocked_at = now() where id = $1", [friends[1]!.id]);
      // The step reads its friends while the block is uncommitted: all three active, all three batched.
      await write(friends, future(50_000));
      await blocker.query('commit');
    } finally {
      blocker.release();
    }
    const [claimed] = (await claim(future(50_000))).filter((b) => b.cohort);
    expect(claimed!.members).toEqual([friends[0], friends[2]].map((friend) => ({ id: friend!.id, lineUserId: friend!.lineUserId })));
    expect(await rows(t, 'select status from sends where friend_id = $1', [friends[1]!.id])).toEqual([{ status: 'cancelled' }]);
    await settle(claimed!);
  });

  test('a batch whose members all blocked since the step is not claimed: each gets a cancelled row, and the batch goes', async () => {
    const friends = await addFriends(2);
    const batch = await write(friends, future(55_000));
    await t.database.pool.query("update friends set status = 'blocked' where id = any($1::uuid[])", [friends.map((friend) => friend.id)]);
    expect((await claim(future(55_000))).filter((b) => b.cohort)).toEqual([]);
    const cancelled = await rows<{ friend_id: string; retry_key: string; status: string }>(t,
      'select friend_id, retry_key, status from sends where friend_id = any($1::uuid[]) order by retry_key', [friends.map((friend) => friend.id)]);
    expect(cancelled).toEqual(batch.members.map((member) => ({ friend_id: member.friendId, retry_key: member.retryKey, status: 'cancelled' }))
      .sort((a, b) => a.retry_key.localeCompare(b.retry_key)));
    expect(await rows(t, 'select 1 from cohort_batches where retry_key = $1', [batch.members[0]!.retryKey])).toEqual([]);
    expect(await rows(t, 'select 1 from cohort_batch_members where friend_ids && $1::uuid[]', [friends.map((friend) => friend.id)])).toEqual([]);
  });

  test('a member deleted since the step is cut from every array of the batch; a batch left with no one goes', async () => {
    const friends = await addFriends(3);
    const kept = await write(friends.slice(0, 2), future(60_000));
    const alone = await write([friends[2]!], future(60_000));
    await t.database.pool.query('delete from friends where id = any($1::uuid[])', [[friends[1]!.id, friends[2]!.id]]);
    const members = await rows(t, `select m.friend_ids, m.line_user_ids, m.run_ids, m.retry_keys from cohort_batch_members m
      join cohort_batches b on b.id = m.batch_id where b.retry_key = $1`, [kept.members[0]!.retryKey]);
    expect(members).toEqual([{
      friend_ids: [friends[0]!.id], line_user_ids: [friends[0]!.lineUserId], run_ids: [kept.members[0]!.runId], retry_keys: [kept.members[0]!.retryKey],
    }]);
    expect(await rows(t, 'select 1 from cohort_batches where retry_key = $1', [alone.members[0]!.retryKey])).toEqual([]);
    const [claimed] = (await claim(future(60_000))).filter((b) => b.cohort);
    expect(claimed!.members).toEqual([{ id: friends[0]!.id, lineUserId: friends[0]!.lineUserId }]);
    await settle(claimed!);
  });

  test('a batch whose lease lapsed is taken again with the same key and members', async () => {
    const friends = await addFriends(2);
    await write(friends, future(10_000));
    const [first] = (await claim(future(10_000), 1_000)).filter((b) => b.cohort);
    expect(await claim(future(10_500))).toEqual([]);
    const [again] = (await claim(future(12_000))).filter((b) => b.cohort);
    expect(again).toMatchObject({ key: first!.key, members: first!.members, attempts: 2 });
    await settle(again!);
  });

  test('a renewed lease keeps the batch its claimer\'s until the new time', async () => {
    const friends = await addFriends(2);
    await write(friends, future(30_000));
    const [first] = (await claim(future(30_000), 1_000)).filter((b) => b.cohort);
    await renewSendLeases(t.app.db, [first!], future(40_000));
    expect(await claim(future(32_000))).toEqual([]);
    const [again] = (await claim(future(41_000))).filter((b) => b.cohort);
    expect(again).toMatchObject({ key: first!.key, attempts: 2 });
    await settle(again!);
  });

  test('a send row written after a batch holding its friend waits for that batch to settle', async () => {
    const [friend, other] = await addFriends(2);
    await write([friend!, other!], future(20_000));
    const row: SendWrite = {
      workspaceId: ws.id, channelId: ws.channelId, friendId: friend!.id, runId: randomUUID(), scenarioId, nodeId: 'later', visit: 1,
      retryKey: randomUUID(), messages: [{ type: 'text', text: 'next' }], messageDigest: 'next', dueAt: future(20_000),
    };
    await t.app.db.transaction((tx) => insertSends(tx, [row], future(20_000)));
    const claimed = await claim(future(20_000));
    // The batch goes; the row stays queued behind it.
    expect(claimed.map((batch) => (batch.cohort ? 'batch' : 'row'))).toEqual(['batch']);
    await settle(claimed[0]!);
    const next = await claim(future(20_001));
    expect(next).toMatchObject([{ key: row.retryKey }]);
    await settleSendBatches(t.app.db, [{ batch: next[0]!, status: 'sent', detail: {} }], NOW);
  });
});

describe('which sends a step batches', () => {
  const sendOf = (friendId: string, over: Partial<SendWrite> = {}): SendWrite => ({
    workspaceId: ws.id, channelId: ws.channelId, friendId, runId: randomUUID(), scenarioId, nodeId: 'send', visit: 1,
    retryKey: randomUUID(), messages: [{ type: 'text', text: TEXT }], messageDigest: 'same', dueAt: NOW, ...over,
  });
  const recipient = { lineUserId: 'U', friendsReadXmin: '1' };
  const split = (sends: SendWrite[], batchable: SendWrite[] = sends) =>
    t.app.db.transaction((tx) => splitCohortSends(tx, sends, new Map(batchable.map((send) => [send, recipient]))));

  test(`a group of ${COHORT_BATCH_MIN} or more identical sends becomes a batch; a smaller one stays rows`, async () => {
    const friends = await addFriends(COHORT_BATCH_MIN * 2 - 1);
    const large = friends.slice(0, COHORT_BATCH_MIN).map((friend) => sendOf(friend.id));
    const small = friends.slice(COHORT_BATCH_MIN).map((friend) => sendOf(friend.id, { messageDigest: 'other' }));
    const { rows: left, batches } = await split([...large, ...small]);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.members.map((member) => member.friendId)).toEqual(large.map((send) => send.friendId));
    expect(batches[0]!.members.map((member) => member.retryKey)).toEqual(large.map((send) => send.retryKey));
    expect(left).toEqual(small);
  });

  test('left as rows: a friend with a message still on its way, a friend with two sends in the step, sends not marked batchable', async () => {
    const friends = await addFriends(COHORT_BATCH_MIN + 3);
    const [queuedBefore, twice, held] = friends;
    await t.app.db.transaction((tx) => insertSends(tx, [sendOf(queuedBefore!.id, { nodeId: 'earlier', dueAt: new Date(NOW.getTime() + 86_400_000) })], NOW));
    const sends = friends.map((friend) => sendOf(friend.id));
    const second = sendOf(twice!.id, { nodeId: 'next', messageDigest: 'next' });
    const heldSend = sends[2]!;
    const { rows: left, batches } = await split([...sends, second], [...sends, second].filter((send) => send !== heldSend));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.members.map((member) => member.friendId)).toEqual(friends.slice(3).map((friend) => friend.id));
    expect(new Set(left.map((send) => send.friendId))).toEqual(new Set([queuedBefore!.id, twice!.id, held!.id]));
  });

  test('a friend already in a pending batch is not batched again; a workspace with a message cap batches nothing', async () => {
    const friends = await addFriends(COHORT_BATCH_MIN + 1);
    const friendsReadXmin = await readXmin();
    await t.app.db.transaction((tx) => insertCohortBatches(tx, [{
      workspaceId: ws.id, channelId: ws.channelId, scenarioId, nodeId: 'send', messages: [], messageDigest: 'd', aggregationUnit: null,
      dueAt: new Date(NOW.getTime() + 86_400_000), friendsReadXmin,
      members: [{ friendId: friends[0]!.id, lineUserId: friends[0]!.lineUserId, runId: randomUUID(), visit: 1, retryKey: randomUUID() }],
    }], NOW));
    const sends = friends.map((friend) => sendOf(friend.id));
    const { rows: left, batches } = await split(sends);
    expect(left.map((send) => send.friendId)).toEqual([friends[0]!.id]);
    expect(batches[0]!.members).toHaveLength(COHORT_BATCH_MIN);

    const capped = await createWorkspace(t, 'capped');
    await capped.api('PATCH', '', { messageCaps: { perDay: 3, perWeek: null } });
    const cappedSends = sends.map((send) => ({ ...send, workspaceId: capped.id, retryKey: randomUUID() }));
    expect((await split(cappedSends)).batches).toEqual([]);
  });

  test('a place in a pending batch is found whether few batches are pending (one hash) or many (the index per friend)', async () => {
    const friends = await addFriends(3);
    const [member, rowQueued, free] = friends.map((friend) => friend.id) as [string, string, string];
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    const pendingBatch = (friendIds: string[]): CohortBatchWrite => ({
      workspaceId: ws.id, channelId: ws.channelId, scenarioId, nodeId: 'send', messages: [], messageDigest: 'd', aggregationUnit: null,
      dueAt: later, friendsReadXmin: '1', members: friendIds.map((friendId) => ({ friendId, lineUserId: 'U', runId: randomUUID(), visit: 1, retryKey: randomUUID() })),
    });
    await t.app.db.transaction(async (tx) => {
      await insertCohortBatches(tx, [pendingBatch([member])], NOW);
      await insertSends(tx, [sendOf(rowQueued, { dueAt: later })], NOW);
    });
    const busy = () => t.app.db.transaction((tx) => friendsWithUnsentMessages(tx, [member, rowQueued, free]));
    const [{ n: few } = { n: -1 }] = await rows<{ n: number }>(t, 'select count(*)::int as n from cohort_batch_members');
    expect(few).toBeLessThanOrEqual(FEW_PENDING_BATCHES);
    expect(await busy()).toEqual(new Set([member, rowQueued]));

    const others = await addFriends(FEW_PENDING_BATCHES);
    await t.app.db.transaction((tx) => insertCohortBatches(tx, others.map((friend) => pendingBatch([friend.id])), NOW));
    const [{ n: many } = { n: -1 }] = await rows<{ n: number }>(t, 'select count(*)::int as n from cohort_batch_members');
    expect(many).toBeGreaterThan(FEW_PENDING_BATCHES);
    expect(await busy()).toEqual(new Set([member, rowQueued]));
    await t.database.pool.query('delete from cohort_batches where due_at = $1', [later]);
  });
});
