import { createNode, CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decideAutoWinners } from '../../src/runs/auto-winner.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// Per-node statistics, the analytics page and A/B winners on real PostgreSQL with the workers:
// friends are tagged, enrolled, split and sent to (one send retried after a LINE 500), some click
// and one converts; every figure is checked against what was done.

let t: TestApp;
let ws: Workspace;
let scenarioId: string;
let vipTag: string;
let linkId: string;
let pointId: string;
let friends: Array<{ id: string }>;
// The split is random: clicks go to the arm that received more of the 9 friends (at least 5), so
// the test holds whichever way the coin fell. `other` is the arm nobody clicked.
let clicked: 'a' | 'b';
let other: 'a' | 'b';

const at = (y: number) => ({ x: 0, y });
const node = (id: string, type: FlowNode['type'], data: unknown, y: number): FlowNode => ({ ...createNode(type, id, at(y)), data } as FlowNode);
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}.${sourceHandle}`, source, sourceHandle, target });

function abGraph(tag: string, link: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      node('t', 'trigger', { trigger: { kind: 'manual' }, reentry: 'everyTime' }, 0),
      node('b', 'branch', { cases: [{ id: 'vip', label: 'VIP', condition: { kind: 'tag', tagId: tag, has: true } }] }, 100),
      node('vipEnd', 'end', {}, 200),
      node('s', 'randomSplit', { branches: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }], autoWinner: { metric: 'click', afterFriends: 9 } }, 200),
      node('sa', 'send', { messages: [{ type: 'text', text: `A案 {link:${link}}` }] }, 300),
      node('sb', 'send', { messages: [{ type: 'text', text: `B案 {link:${link}}` }] }, 300),
    ],
    edges: [edge('t', 'next', 'b'), edge('b', 'vip', 'vipEnd'), edge('b', 'else', 's'), edge('s', 'a', 'sa'), edge('s', 'b', 'sb')],
  };
}

const today = () => new Date(t.clock.now()).toISOString().slice(0, 10);
const addFriends = async (n: number) => {
  const made: Array<{ id: string }> = [];
  for (let i = 0; i < n; i++) made.push(await ws.api('POST', '/simulator/friends', { displayName: `友だち${i}` }));
  return made;
};
const sentCount = async () => Number((await rows<{ n: string }>(t, "select count(*) as n from sends where scenario_id = $1 and status = 'sent'", [scenarioId]))[0]!.n);
const linkOf = async (friendId: string) => {
  const [send] = await rows<{ messages: Array<{ text: string }>; node_id: string }>(t, 'select messages, node_id from sends where friend_id = $1 and scenario_id = $2', [friendId, scenarioId]);
  return { path: new URL(/http\S+/.exec(send!.messages[0]!.text)![0]).pathname, nodeId: send!.node_id };
};

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  vipTag = (await ws.api('POST', '/tags', { name: 'VIP' })).id;
  linkId = (await ws.api('POST', '/links', { name: 'LP', url: 'https://shop.example/lp' })).id;
  pointId = (await ws.api('POST', '/conversion-points', { name: '購入' })).id;
  scenarioId = await publishScenario(ws, 'ab', abGraph(vipTag, linkId));
  friends = await addFriends(12);
  for (const friend of friends.slice(0, 3)) await ws.api('POST', `/friends/${friend.id}/tags`, { add: [vipTag] });
  // LINE fails the first push once: retried with the same key, still one send.
  t.app.fakeLine.failures.add({ kind: 'server-error', endpoint: 'push', count: 1 });
  await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friends.map((f) => f.id) });
  await waitFor(t.clock, async () => (await sentCount()) === 9);
}, 120_000);
afterAll(() => t.close());

describe('per-node statistics', () => {
  test('entered, sent, outputs and shares match what was done; a retried send counts once', async () => {
    const retried = await rows<{ attempts: number }>(t, 'select attempts from sends where scenario_id = $1 and attempts > 1', [scenarioId]);
    expect(retried.length).toBeGreaterThanOrEqual(1);
    const { nodes, timeZone } = await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes`);
    expect(timeZone).toBe('Asia/Tokyo');
    expect(nodes.t.entered).toBe(12);
    expect(nodes.b.entered).toBe(12);
    expect(nodes.b.outputs).toEqual([{ output: 'vip', friends: 3, share: 0.25 }, { output: 'else', friends: 9, share: 0.75 }]);
    const arms = nodes.s.outputs as Array<{ output: string; friends: number; share: number }>;
    expect(arms.map((a) => a.output)).toEqual(['a', 'b']);
    expect(arms[0]!.friends + arms[1]!.friends).toBe(9);
    expect(arms[0]!.share + arms[1]!.share).toBeCloseTo(1, 9);
    expect(nodes.sa?.entered ?? 0).toBe(arms[0]!.friends);
    expect((nodes.sa?.sent ?? 0) + (nodes.sb?.sent ?? 0)).toBe(9);
    expect((nodes.sa?.failed ?? 0) + (nodes.sb?.failed ?? 0)).toBe(0);
    expect(nodes.sa?.sent ?? 0).toBe(arms[0]!.friends);
  });

  test('a range before anything happened is all zeros; a bad range is refused', async () => {
    const { nodes, from, to } = await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes?from=2026-01-01&to=2026-01-31`);
    expect([from, to]).toEqual(['2026-01-01', '2026-01-31']);
    expect(nodes.t?.entered ?? 0).toBe(0);
    expect(nodes.sa?.sent ?? 0).toBe(0);
    const bad = await t.app.inject({ url: `/api/workspaces/${ws.id}/scenarios/${scenarioId}/measure/nodes?from=2026-02-01&to=2026-01-01` });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_date_range']);
    const invalid = await t.app.inject({ url: `/api/workspaces/${ws.id}/scenarios/${scenarioId}/measure/nodes?from=2026-02-30` });
    expect([invalid.statusCode, invalid.json().code]).toEqual([400, 'invalid_date_range']);
  });

  test('clicks and conversions land on the node whose send carried the link', async () => {
    const split = await rows<{ friend_id: string; node_id: string }>(t, 'select friend_id, node_id from sends where scenario_id = $1 order by friend_id', [scenarioId]);
    const inA = split.filter((s) => s.node_id === 'sa');
    const inB = split.filter((s) => s.node_id === 'sb');
    [clicked, other] = inA.length >= inB.length ? ['a', 'b'] : ['b', 'a'];
    const clickers = (clicked === 'a' ? inA : inB).slice(0, 2);
    for (const s of clickers) {
      const { path } = await linkOf(s.friend_id);
      expect((await t.app.inject({ url: path })).statusCode).toBe(302);
      expect((await t.app.inject({ url: path })).statusCode).toBe(302); // a second open is no second click
    }
    const converted = await ws.api('POST', '/conversions', { pointId, friendId: clickers[0]!.friend_id, value: 3000 });
    expect(converted.conversion.attribution).toMatchObject({ nodeId: `s${clicked}`, via: 'click' });
    const { nodes } = await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes?from=${today()}&to=${today()}`);
    expect(nodes[`s${clicked}`]).toMatchObject({ uniqueClicks: 2, conversions: 1, conversionValue: 3000 });
    expect(nodes[`s${other}`]?.uniqueClicks ?? 0).toBe(0);
  });
});

describe('analytics and A/B', () => {
  test('funnel, daily series, routes and the split comparison with intervals', async () => {
    const analytics = await ws.api('GET', `/scenarios/${scenarioId}/measure/analytics`);
    expect(analytics.funnel[0]).toMatchObject({ nodeId: 't', depth: 0, friends: 12, share: 1 });
    expect(analytics.funnel.find((s: { nodeId: string }) => s.nodeId === 's')).toMatchObject({ depth: 2, friends: 9, share: 0.75 });
    const day = analytics.daily.find((d: { date: string }) => d.date === today());
    expect(day).toMatchObject({ sent: 9, uniqueClicks: 2, conversions: 1, conversionValue: 3000 });
    expect(analytics.daily).toHaveLength(30);
    expect(analytics.routes).toEqual([{ routeId: null, name: '', added: 12, blocked: 0, converted: 1 }]);
    const [split] = analytics.splits;
    expect(split.nodeId).toBe('s');
    const best = split.variants.find((v: { branchId: string }) => v.branchId === clicked);
    expect(best.clickRate).toMatchObject({ successes: 2, trials: best.friends });
    expect(best.clickRate.low).toBeLessThanOrEqual(best.clickRate.rate);
    expect(best.clickRate.high).toBeGreaterThanOrEqual(best.clickRate.rate);
    expect(best.conversionRate.successes).toBe(1);
    const otherArm = split.variants.find((v: { branchId: string }) => v.branchId === other);
    if (otherArm.friends === 0) {
      // 1 time in 256 the coin sends all 9 friends down one arm: there is nothing to compare with.
      expect(split.clickTest).toBeNull();
    } else {
      expect(split.clickTest).toMatchObject({ leader: clicked });
      expect(split.clickTest.pValue).toBeGreaterThan(0);
    }
  });

  test('the automatic winner: after 9 friends the best click rate wins, is audited, and takes every later friend', async () => {
    await decideAutoWinners(t.app.db, t.app.clock);
    const winners = await rows<{ branch_id: string; by: string }>(t, 'select branch_id, by from split_winners where scenario_id = $1', [scenarioId]);
    expect(winners).toEqual([{ branch_id: clicked, by: 'auto' }]);
    const audit = await rows<{ details: Record<string, unknown>; actor_kind: string }>(t, "select details, actor_kind from audit_log where action = 'scenario.split_winner'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_kind: 'system', details: { nodeId: 's', branchId: clicked, by: 'auto', metric: 'click' } });
    // Deciding again changes nothing.
    expect(await decideAutoWinners(t.app.db, t.app.clock)).toBe(0);

    const later = await addFriends(6);
    await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: later.map((f) => f.id) });
    await waitFor(t.clock, async () => (await sentCount()) === 15);
    const nodesOfLater = await rows<{ node_id: string }>(t, 'select node_id from sends where friend_id = any($1::uuid[])', [later.map((f) => f.id)]);
    expect(nodesOfLater.map((r) => r.node_id)).toEqual(Array(6).fill(`s${clicked}`));
  });

  test('a winner chosen by hand, audited; cleared, the weights apply again', async () => {
    const chosen = await ws.api('PUT', `/scenarios/${scenarioId}/measure/splits/s/winner`, { branchId: other });
    expect(chosen.winner).toMatchObject({ branchId: other, by: 'manual' });
    const unknown = await t.app.inject({ method: 'PUT', url: `/api/workspaces/${ws.id}/scenarios/${scenarioId}/measure/splits/s/winner`, payload: { branchId: 'zzz' } });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'branch_not_found']);
    const notSplit = await t.app.inject({ method: 'PUT', url: `/api/workspaces/${ws.id}/scenarios/${scenarioId}/measure/splits/sa/winner`, payload: { branchId: 'a' } });
    expect([notSplit.statusCode, notSplit.json().code]).toEqual([404, 'node_not_found']);
    const cleared = await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws.id}/scenarios/${scenarioId}/measure/splits/s/winner` });
    expect(cleared.statusCode).toBe(204);
    expect(await rows(t, 'select 1 from split_winners where scenario_id = $1', [scenarioId])).toHaveLength(0);
    const audit = await rows<{ actor_kind: string }>(t, "select actor_kind from audit_log where action = 'scenario.split_winner' order by seq");
    expect(audit.map((r) => r.actor_kind)).toEqual(['system', 'user', 'user']);
  });
});
