import { createNode, CURRENT_SCHEMA_VERSION, sendAggregationUnit, type FlowGraph, type FlowNode } from '@lsb/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { refreshInsight } from '../../src/sending/insight.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, publishScenario, rows, sendRequests, type Workspace } from '../webhook/harness.ts';

// LINE's opens per customAggregationUnit: a send node names a unit, its requests carry it, the fake
// LINE serves the unit's statistics from its delivery log, the runtime fetches them and the canvas
// shows them, or says LINE withheld them (fewer than 20 people).

let t: TestApp;
let ws: Workspace;
let scenarioId: string;

const node = (id: string, type: FlowNode['type'], data: unknown, y: number): FlowNode => ({ ...createNode(type, id, { x: 0, y }), data } as FlowNode);
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}.${sourceHandle}`, source, sourceHandle, target });
const graph: FlowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    node('t', 'trigger', { trigger: { kind: 'manual' }, reentry: 'everyTime' }, 0),
    node('big', 'send', { messages: [{ type: 'text', text: '春のセール' }, { type: 'text', text: '詳細はこちら' }], aggregationUnit: 'spring_sale' }, 100),
    // No unit named: the sends carry the one derived from (scenario, node).
    node('send-a1b2c3d4e5', 'send', { messages: [{ type: 'text', text: 'ご来店ありがとうございます' }] }, 200),
  ],
  edges: [edge('t', 'next', 'big'), edge('big', 'next', 'send-a1b2c3d4e5')],
};

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  scenarioId = await publishScenario(ws, 'insight', graph);
}, 60_000);
afterAll(() => t.close());

const enrol = async (n: number) => {
  const friends: Array<{ id: string }> = [];
  for (let i = 0; i < n; i++) friends.push(await ws.api('POST', '/simulator/friends', { displayName: `客${i}` }));
  await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friends.map((f) => f.id) });
  return friends;
};
const sent = async (nodeId = 'big') => Number((await rows<{ n: string }>(t, "select count(*) as n from sends where scenario_id = $1 and node_id = $2 and status = 'sent'", [scenarioId, nodeId]))[0]!.n);

test('below LINE\'s threshold the figures are withheld and said to be; at 20 or more they show', async () => {
  await enrol(5);
  await waitFor(t.clock, async () => (await sent()) === 5);
  // The request carried the unit.
  const multicast = sendRequests(t).filter((r) => r.endpoint === 'multicast' || r.endpoint === 'push');
  expect(multicast.length).toBeGreaterThan(0);
  const before = await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes`);
  expect(before.nodes.big.insight).toMatchObject({ unit: 'spring_sale', fetchedAt: null, withheld: [] });

  // Both nodes' units: the named one and the derived one.
  expect(await refreshInsight(t.app.db, t.app.clock, t.app.line)).toBe(2);
  const few = (await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes`)).nodes.big.insight;
  expect(few).toMatchObject({ unit: 'spring_sale', uniqueImpression: null, uniqueClick: null, impression: null });
  expect(few.withheld.sort()).toEqual(['impression', 'uniqueClick', 'uniqueImpression']);

  await enrol(20);
  await waitFor(t.clock, async () => (await sent()) === 25);
  // Fresh within the hour: not fetched again until then.
  expect(await refreshInsight(t.app.db, t.app.clock, t.app.line)).toBe(0);
  const hourLater = new Date(t.clock.now() + 61 * 60_000);
  expect(await refreshInsight(t.app.db, { ...t.app.clock, now: () => hourLater }, t.app.line)).toBe(2);
  const many = (await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes`)).nodes.big.insight;
  // 25 people saw both bubbles (the fake counts a delivered message as displayed); clicks stay below the threshold.
  expect(many).toMatchObject({ uniqueImpression: 25, impression: 50, uniqueClick: null, withheld: ['uniqueClick'] });
}, 240_000);

test('a send node without a unit sends with the derived one, and LINE\'s figures for it show in its measures', async () => {
  const derived = sendAggregationUnit(scenarioId, 'send-a1b2c3d4e5');
  await waitFor(t.clock, async () => (await sent('send-a1b2c3d4e5')) === 25);
  // The requests carried it: the fake LINE counts it among the channel's unit names this month.
  const fake = t.app.fakeLine;
  const lineChannelId = sendRequests(t)[0]!.channelId;
  expect(fake.units.namesThisMonth(lineChannelId, fake.now()).sort()).toEqual([derived, 'spring_sale'].sort());
  const stored = await rows<{ aggregation_unit: string }>(t, 'select distinct aggregation_unit from sends where scenario_id = $1 and node_id = $2', [scenarioId, 'send-a1b2c3d4e5']);
  expect(stored).toEqual([{ aggregation_unit: derived }]);

  const later = new Date(t.clock.now() + 3 * 3_600_000);
  await refreshInsight(t.app.db, { ...t.app.clock, now: () => later }, t.app.line);
  const measured = (await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes`)).nodes['send-a1b2c3d4e5'].insight;
  expect(measured).toMatchObject({ unit: derived, uniqueImpression: 25, impression: 25, uniqueClick: null, withheld: ['uniqueClick'] });
  expect(measured.refusal).toBeUndefined();
}, 120_000);

test('the fake LINE refuses what LINE refuses: a bad unit name or a range over 30 days', async () => {
  const [channel] = await ws.api('GET', '/channels');
  const outcome = await t.app.line.statisticsPerUnit(channel.id, 'bad-name!', '20260401', '20260402');
  expect(outcome).toMatchObject({ kind: 'failed', reason: 'LINE answered 400' });
  expect(await t.app.line.statisticsPerUnit(channel.id, 'spring_sale', '20260101', '20260401')).toMatchObject({ kind: 'failed' });
});
