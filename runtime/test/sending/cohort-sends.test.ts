import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { sql } from 'drizzle-orm';
import { capCounts, overCapSql } from '../../src/store/caps.ts';
import { insertCohortBatches } from '../../src/store/cohort-batches.ts';
import { claimSendBatches, settleSendBatches } from '../../src/store/send-batches.ts';
import { sentMessagesOf } from '../../src/store/sends.ts';
import { startRuns } from '../../src/runs/advance.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, newUserId, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// A cohort's sends are never rows of the outbox: once LINE has answered, the batch and its members
// are one `cohort_sends` row (store/cohort-batches.ts). Every reader of a friend's sends must see
// them all the same: statistics, a segment in SQL and in a branch, attribution, caps, the
// simulator's chat. (The timeline: cohort-batches.test.ts.)

const TEXT = '本日10:00からセール開始です！';
const NOW = new Date('2026-04-01T00:00:00.000Z');
const COHORT = 12;

let t: TestApp;
let ws: Workspace;
let sale: string;
let friends: string[];
let stranger: string;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: NOW.toISOString() });
  ws = await createWorkspace(t);
  sale = await publishScenario(ws, 'sale', graph([
    { id: 'send', type: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: TEXT }] } },
  ], 'send'));
  friends = await addFriends(COHORT);
  stranger = (await addFriends(1))[0]!;
  await ws.api('POST', `/scenarios/${sale}/enrol`, { friendIds: friends });
  await waitFor(t.clock, async () => (await rows(t, 'select 1 from cohort_sends where scenario_id = $1', [sale])).length === 1);
  // Proof these went as a cohort: not one row of the outbox is theirs.
  expect(await rows(t, 'select 1 from sends where friend_id = any($1::uuid[])', [friends])).toEqual([]);
});
afterAll(() => t.close());

/** manual trigger → `nodes` (the first is `first`) → end, edges by each node's `next` output unless given. */
function graph(nodes: FlowGraph['nodes'], first: string, edges: FlowGraph['edges'] = []): FlowGraph {
  const chain = edges.length ? edges : [
    { id: 'e0', source: 'trigger', sourceHandle: 'next', target: first },
    { id: 'e1', source: nodes[nodes.length - 1]!.id, sourceHandle: 'next', target: 'end' },
  ];
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
      ...nodes,
      { id: 'end', type: 'end', position: { x: 0, y: 400 }, data: {} },
    ],
    edges: chain,
  };
}

async function addFriends(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) {
    await t.database.pool.query(
      'insert into friends (id, workspace_id, channel_id, line_user_id, display_name, registered_at) values ($1, $2, $3, $4, $5, $6)',
      [id, ws.id, ws.channelId, newUserId(), 'f', NOW]);
  }
  return ids;
}

describe("the cohort's steps", () => {
  test('one path names every run that took it; the entered counts, the funnel and each friend\'s timeline read it', async () => {
    const paths = await rows<{ node_ids: string[]; runs: number }>(t, 'select node_ids, cardinality(run_ids) as runs from run_steps where scenario_id = $1', [sale]);
    expect(paths).toEqual([{ node_ids: ['trigger', 'send', 'end'], runs: COHORT }]);
    const stats = await ws.api('GET', `/scenarios/${sale}/stats`);
    expect(stats.nodes.trigger).toMatchObject({ entered: COHORT });
    expect(stats.nodes.end).toMatchObject({ entered: COHORT });
    const analytics = await ws.api('GET', `/scenarios/${sale}/measure/analytics`);
    expect(analytics.funnel.map((step: { nodeId: string; friends: number }) => [step.nodeId, step.friends])).toEqual([['trigger', COHORT], ['send', COHORT], ['end', COHORT]]);
    const [run] = await rows<{ id: string }>(t, 'select id from runs where friend_id = $1 and scenario_id = $2', [friends[3], sale]);
    const detail = await ws.api('GET', `/friends/${friends[3]}`);
    expect(detail.timeline).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'run_started', detail: { scenarioId: sale, runId: run!.id, triggerNodeId: 'trigger' } }),
    ]));
  });
});

describe('a batch of steps', () => {
  test('is one moment: its runs share one path however the clock moves while it steps them', async () => {
    const straight = await publishScenario(ws, 'straight', graph([], 'end', [{ id: 'e0', source: 'trigger', sourceHandle: 'next', target: 'end' }]));
    const [{ version_id: versionId } = { version_id: '' }] = await rows<{ version_id: string }>(t, 'select current_version_id as version_id from scenarios where id = $1', [straight]);
    let ticks = 0;
    const ticking = { now: () => new Date(NOW.getTime() + ticks++), sleep: (ms: number) => t.app.runContext.clock.sleep(ms) };
    await t.app.db.transaction((tx) => startRuns(tx, { ...t.app.runContext, clock: ticking },
      friends.map((friendId) => ({ workspaceId: ws.id, friendId, scenarioId: straight, versionId, triggerNodeId: 'trigger', seed: 1 }))));
    expect(ticks).toBeGreaterThan(friends.length);
    const paths = await rows<{ node_ids: string[]; runs: number }>(t, 'select node_ids, cardinality(run_ids) as runs from run_steps where scenario_id = $1', [straight]);
    expect(paths).toEqual([{ node_ids: ['trigger', 'end'], runs: COHORT }]);
  });
});

describe('readers of a friend\'s sends', () => {
  test('statistics: the node\'s sent count is its cohort\'s members', async () => {
    const stats = await ws.api('GET', `/scenarios/${sale}/stats`);
    expect(stats.nodes.send).toMatchObject({ sent: COHORT });
  });

  test('a segment of who received the node: counted in SQL, and decided by a branch in memory', async () => {
    const count = async (nodeId: string) =>
      (await ws.api('POST', '/friends/count', { filter: { condition: { kind: 'receivedSend', scenarioId: sale, nodeId } } })).count as number;
    expect(await count('send')).toBe(COHORT);
    expect(await count('elsewhere')).toBe(0);

    const tag = (await ws.api('POST', '/tags', { name: 'セール受信済み' })).id as string;
    const follow = await publishScenario(ws, 'follow-up', graph([
      { id: 'check', type: 'branch', position: { x: 0, y: 100 }, data: { cases: [{ id: 'got', label: '受信済み', condition: { kind: 'receivedSend', scenarioId: sale, nodeId: 'send' } }] } },
      { id: 'mark', type: 'tag', position: { x: 0, y: 200 }, data: { add: [tag], remove: [] } },
    ], 'check', [
      { id: 'e0', source: 'trigger', sourceHandle: 'next', target: 'check' },
      { id: 'e1', source: 'check', sourceHandle: 'got', target: 'mark' },
      { id: 'e2', source: 'check', sourceHandle: 'else', target: 'end' },
      { id: 'e3', source: 'mark', sourceHandle: 'next', target: 'end' },
    ]));
    await ws.api('POST', `/scenarios/${follow}/enrol`, { friendIds: [...friends, stranger] });
    await waitFor(t.clock, async () => (await rows(t, "select 1 from runs where scenario_id = $1 and status = 'finished'", [follow])).length === COHORT + 1);
    const tagged = await rows<{ friend_id: string }>(t, 'select friend_id from friend_tags where tag_id = $1', [tag]);
    expect(new Set(tagged.map((row) => row.friend_id))).toEqual(new Set(friends));
  });

  test('a conversion without a click goes to the cohort send', async () => {
    const point = await ws.api('POST', '/conversion-points', { name: '来店', defaultValue: 500 });
    const recorded = await ws.api('POST', `/friends/${friends[0]}/conversions`, { pointId: point.id });
    expect(recorded.conversion.attribution).toEqual({ kind: 'node', scenarioId: sale, nodeId: 'send', via: 'send' });
  });

  test('the simulator\'s chat holds the message, with when it was sent', async () => {
    const messages = await sentMessagesOf(t.app.db, friends[1]!);
    expect(messages).toEqual([{ at: expect.any(Date), messages: [{ type: 'text', text: TEXT }] }]);
  });

  test('a cap set later counts the cohort\'s send in the friend\'s day, per friend and in a broadcast\'s audience', async () => {
    await ws.api('PATCH', '', { messageCaps: { perDay: 1, perWeek: null } });
    const counts = await t.app.db.transaction((tx) => capCounts(tx, [friends[2]!, stranger], new Date(t.clock.now())));
    expect(counts.get(friends[2]!)).toMatchObject({ today: 1, thisWeek: 1 });
    expect(counts.get(stranger)).toMatchObject({ today: 0, thisWeek: 0 });
    const { rows: full } = await t.app.db.execute<{ id: string }>(sql`select f.id from friends f where f.workspace_id = ${ws.id}::uuid and ${overCapSql(new Date(t.clock.now()))}`);
    expect(new Set(full.map((row) => row.id))).toEqual(new Set(friends));
  });

  test('a channel deleted takes its cohort sends; one deleted while its batch was in flight leaves nothing to record', async () => {
    // In flight: a second workspace's batch, claimed, then its channel deleted before LINE's answer is settled.
    const other = await createWorkspace(t, 'other');
    const friendId = randomUUID();
    await t.database.pool.query(
      'insert into friends (id, workspace_id, channel_id, line_user_id, display_name, registered_at) values ($1, $2, $3, $4, $5, $6)',
      [friendId, other.id, other.channelId, newUserId(), 'f', NOW]);
    const later = new Date(NOW.getTime() + 86_400_000);
    await t.app.db.transaction((tx) => insertCohortBatches(tx, [{
      workspaceId: other.id, channelId: other.channelId, scenarioId: sale, nodeId: 'send', messages: [{ type: 'text', text: TEXT }],
      messageDigest: 'd', aggregationUnit: null, dueAt: later, friendsReadXmin: '1',
      members: [{ friendId, lineUserId: 'U', runId: randomUUID(), visit: 1, retryKey: randomUUID() }],
    }], NOW));
    const [batch] = (await claimSendBatches(t.app.db, later, new Date(later.getTime() + 3_600_000), { rows: 10, batches: 10, multicasts: 10 }))
      .filter((claimed) => claimed.cohort);
    expect(batch!.members.map((member) => member.id)).toEqual([friendId]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${other.id}/channels/${other.channelId}` })).statusCode).toBe(204);
    expect(await settleSendBatches(t.app.db, [{ batch: batch!, status: 'sent', detail: {} }], later)).toBe(0);
    expect(await rows(t, 'select 1 from cohort_batches where channel_id = $1', [other.channelId])).toEqual([]);
    expect(await rows(t, 'select 1 from cohort_sends where channel_id = $1', [other.channelId])).toEqual([]);

    // Settled: the sale's cohort send goes with its channel, as the friends' send rows would.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws.id}/channels/${ws.channelId}` })).statusCode).toBe(204);
    expect(await rows(t, 'select 1 from cohort_sends where scenario_id = $1', [sale])).toEqual([]);
  });
});
