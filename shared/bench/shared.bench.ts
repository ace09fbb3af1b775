// `npm run bench:shared`: how fast the flow language's hot paths are. A benchmark, not a test:
// it prints figures (recorded in shared/README.md) and never fails on a slow machine.
import { fixtureCatalogue } from '../fixtures/index.ts';
import {
  createConditionEvaluator,
  evaluateCondition,
  parseFlowGraph,
  validateFlow,
  type Condition,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type FriendFacts,
} from '../src/index.ts';

const [tagNew, tagInterested, tagPurchased] = fixtureCatalogue.tags.map((t) => t.id);
const [fieldCount, fieldReserved, fieldRank, fieldBirthday] = fixtureCatalogue.fields.map((f) => f.id);
const scenarioId = fixtureCatalogue.scenarios[0]!.id;

/**
 * A scenario of exactly `size` nodes: repeated send → wait → branch → tag|tag → set field blocks,
 * entered by as many inflow-route triggers as it takes to make up the count.
 */
function bigGraph(size: number): FlowGraph {
  const blocks = Math.floor((size - 2) / 6);
  const nodes: FlowNode[] = [{ id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: true }, reentry: 'firstTimeOnly' } }];
  const edges: FlowEdge[] = [];
  const link = (source: string, sourceHandle: string, target: string) => edges.push({ id: `${source}:${sourceHandle}`, source, sourceHandle, target });
  for (let t = 0; t < size - 2 - blocks * 6; t++) {
    const routeId = fixtureCatalogue.inflowRoutes[t % fixtureCatalogue.inflowRoutes.length]!.id;
    nodes.push({ id: `trigger-${t}`, type: 'trigger', position: { x: 300 * (t + 1), y: 0 }, data: { trigger: { kind: 'inflowRoute', routeId }, reentry: 'firstTimeOnly' } });
    link(`trigger-${t}`, 'next', 'send-0');
  }
  let previous = 'trigger';
  for (let b = 0; b < blocks; b++) {
    const id = (name: string) => `${name}-${b}`;
    const y = b * 600;
    nodes.push(
      { id: id('send'), type: 'send', position: { x: 0, y }, data: { messages: [{ type: 'text', text: `{name}さん、ステップ${b + 1}です。{field:${fieldRank}|一般}会員様へのお知らせ` }] } },
      { id: id('wait'), type: 'wait', position: { x: 0, y: y + 100 }, data: { mode: 'dayAt', days: 1, time: '10:00', windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '21:00' }] } },
      {
        id: id('branch'),
        type: 'branch',
        position: { x: 0, y: y + 200 },
        data: { cases: [{ id: 'buyer', label: '購入者', condition: { kind: 'and', conditions: [{ kind: 'tag', tagId: tagPurchased!, has: true }, { kind: 'fieldNumber', fieldId: fieldCount!, op: 'gte', value: 2 }] } }] },
      },
      { id: id('tag-a'), type: 'tag', position: { x: -150, y: y + 300 }, data: { add: [tagInterested!], remove: [] } },
      { id: id('tag-b'), type: 'tag', position: { x: 150, y: y + 300 }, data: { add: [], remove: [tagNew!] } },
      { id: id('set'), type: 'setField', position: { x: 0, y: y + 400 }, data: { op: 'increment', fieldId: fieldCount!, by: 1 } },
    );
    link(previous, 'next', id('send'));
    link(id('send'), 'next', id('wait'));
    link(id('wait'), 'next', id('branch'));
    link(id('branch'), 'buyer', id('tag-a'));
    link(id('branch'), 'else', id('tag-b'));
    link(id('tag-a'), 'next', id('set'));
    link(id('tag-b'), 'next', id('set'));
    previous = id('set');
  }
  nodes.push({ id: 'end', type: 'end', position: { x: 0, y: blocks * 600 }, data: {} });
  link(previous, 'next', 'end');
  return { schemaVersion: 2, nodes, edges };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same friends. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function friends(count: number, now: Date): FriendFacts[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const day = 86_400_000;
  const date = (offsetDays: number) => new Date(now.getTime() + offsetDays * day).toISOString().slice(0, 10);
  return Array.from({ length: count }, () => ({
    status: next() < 0.9 ? 'active' : 'blocked',
    inflowRouteId: next() < 0.5 ? pick(fixtureCatalogue.inflowRoutes).id : null,
    fields: {
      [fieldCount!]: Math.floor(next() * 5),
      [fieldReserved!]: date(Math.floor(next() * 60) - 30),
      [fieldRank!]: pick(['ゴールド', 'シルバー', '']),
      [fieldBirthday!]: `19${70 + Math.floor(next() * 30)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-15`,
    },
    registeredAt: new Date(now.getTime() - next() * 365 * day),
    lastReactionAt: next() < 0.7 ? new Date(now.getTime() - next() * 60 * day) : null,
    tagIds: new Set(fixtureCatalogue.tags.filter(() => next() < 0.3).map((t) => t.id)),
    runs: next() < 0.4 ? [{ scenarioId, status: pick(['running', 'waiting', 'finished'] as const) }] : [],
    clickedLinkIds: new Set(next() < 0.2 ? [fixtureCatalogue.links[0]!.id] : []),
    receivedSends: [],
    conversionNames: new Set(next() < 0.1 ? ['purchase'] : []),
  }));
}

/** A segment marketers actually build: bought, engaged recently or birthday this month, not mid-scenario. */
const segment: Condition = {
  kind: 'and',
  conditions: [
    { kind: 'tag', tagId: tagPurchased!, has: true },
    { kind: 'friendStatus', status: 'active' },
    {
      kind: 'or',
      conditions: [
        { kind: 'fieldNumber', fieldId: fieldCount!, op: 'gte', value: 2 },
        { kind: 'birthdayMonth', fieldId: fieldBirthday!, month: 'current' },
        { kind: 'lastReactionAt', op: 'withinPastDays', days: 14 },
        { kind: 'fieldDate', fieldId: fieldReserved!, op: 'withinNextDays', days: 7 },
      ],
    },
    { kind: 'not', condition: { kind: 'scenario', scenarioId, state: 'running' } },
  ],
};

function measure(label: string, repeat: number, run: () => void, per?: { count: number; unit: string }): void {
  for (let i = 0; i < Math.min(3, repeat); i++) run(); // warm the JIT
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
  const rate = per ? `  (${Math.round((per.count / median) * 1000).toLocaleString('en-US')} ${per.unit}/s)` : '';
  console.log(`${label.padEnd(58)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms${rate}`);
}

const graph = bigGraph(300);
const json = JSON.parse(JSON.stringify(graph)) as unknown;
const now = new Date();
const population = friends(100_000, now);
const context = { now, timeZone: 'Asia/Tokyo' };

console.log(`shared benchmarks — ${graph.nodes.length} nodes / ${graph.edges.length} edges, ${population.length.toLocaleString('en-US')} friends`);
console.log(`runtime: ${navigator.userAgent}, ${navigator.hardwareConcurrency} logical CPUs`);
if (validateFlow(graph, fixtureCatalogue).length > 0) throw new Error('benchmark graph should be publishable');
measure(`validateFlow, ${graph.nodes.length}-node graph, with catalogue`, 200, () => void validateFlow(graph, fixtureCatalogue));
measure(`parseFlowGraph + validateFlow, ${graph.nodes.length}-node graph`, 200, () => {
  const parsed = parseFlowGraph(json);
  if (parsed.ok) validateFlow(parsed.graph, fixtureCatalogue);
});
let matched = 0;
measure('createConditionEvaluator, 100,000 friends', 20, () => {
  const matches = createConditionEvaluator(segment, context);
  matched = 0;
  for (const friend of population) if (matches(friend)) matched++;
}, { count: population.length, unit: 'friends' });
measure('evaluateCondition per friend, 100,000 friends', 5, () => {
  for (const friend of population) evaluateCondition(segment, friend, context);
}, { count: population.length, unit: 'friends' });
console.log(`segment matched ${matched.toLocaleString('en-US')} of ${population.length.toLocaleString('en-US')} friends`);
