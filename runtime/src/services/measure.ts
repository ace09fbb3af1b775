import {
  addDays, compareArms, dateInZone, parseFlowGraph, startOfDateInZone, wilsonInterval, type FlowGraph, type FlowNodeOf,
} from '@lsb/shared';
import {
  DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS, type DailyMeasure, type FunnelStep, type MeasureRangeQuery, type NodeMeasure, type NodeMeasures,
  type Rate, type ScenarioAnalytics, type SplitComparison,
} from '@lsb/shared/api';
import { badRequest } from '../errors.ts';
import {
  clickersByNode, conversionsByNode, counterTotals, dailyMeasures, friendsByNode, insightByNode, routeBreakdown, splitArms, waitingNow, type Range,
} from '../store/measure.ts';
import { findVersionById } from '../store/scenarios.ts';
import { listSplitWinners } from '../store/split-winners.ts';
import type { Db } from '../store/tx.ts';
import { toInsight } from './insight-measure.ts';
import { getScenarioRow } from './scenarios.ts';

const DAY_MS = 86_400_000;

export interface MeasureScope { workspaceId: string; timeZone: string; now: Date }

/** `from`..`to` inclusive in the zone (default the last 30 days) as instants [start, end). */
export function rangeOf(query: MeasureRangeQuery, timeZone: string, now: Date): { from: string; to: string; range: Range; days: string[] } {
  const to = query.to ?? dateInZone(now, timeZone);
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (addDays(from, 0) !== from || addDays(to, 0) !== to) throw badRequest('invalid_date_range', 'Dates must be real calendar dates (YYYY-MM-DD).');
  const count = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (count < 1 || count > MAX_RANGE_DAYS) throw badRequest('invalid_date_range', `\`from\` must not be after \`to\`, and a range covers at most ${MAX_RANGE_DAYS} days.`);
  return {
    from, to,
    range: { start: startOfDateInZone(from, timeZone), end: startOfDateInZone(addDays(to, 1), timeZone) },
    days: Array.from({ length: count }, (_, i) => addDays(from, i)),
  };
}

/** The graph the statistics are drawn on: the current published version, else the draft. */
export async function measuredGraphOf(db: Db, scenario: { draft: unknown; currentVersionId: string | null }): Promise<FlowGraph> {
  let raw = scenario.draft;
  if (scenario.currentVersionId) {
    const version = await findVersionById(db, scenario.currentVersionId);
    raw = version?.graph ?? raw;
  }
  const parsed = parseFlowGraph(raw);
  return parsed.ok ? parsed.graph : { schemaVersion: 2, nodes: [], edges: [] } as unknown as FlowGraph;
}

const emptyMeasure = (): NodeMeasure => ({ entered: 0, waiting: 0, sent: 0, failed: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0 });

/** Per-node statistics on the canvas for a range: counters, waiting now, clickers, conversions, outputs, LINE insight. */
export async function nodeMeasures(db: Db, scope: MeasureScope, scenarioId: string, query: MeasureRangeQuery): Promise<NodeMeasures> {
  const scenario = await getScenarioRow(db, scope.workspaceId, scenarioId);
  const { from, to, range } = rangeOf(query, scope.timeZone, scope.now);
  const [graph, counters, waiting, clickers, converted, insight] = await Promise.all([
    measuredGraphOf(db, scenario), counterTotals(db, scenarioId, range), waitingNow(db, scenarioId), clickersByNode(db, scenarioId, range),
    conversionsByNode(db, scenarioId, range), insightByNode(db, scenarioId),
  ]);
  const nodes: Record<string, NodeMeasure> = {};
  const at = (nodeId: string) => (nodes[nodeId] ??= emptyMeasure());
  const outputs = new Map<string, Map<string, number>>();
  for (const { nodeId, metric, n } of counters) {
    if (metric === 'entered') at(nodeId).entered = n;
    else if (metric === 'sent') at(nodeId).sent = n;
    else if (metric === 'failed') at(nodeId).failed = n;
    else if (metric.startsWith('out:')) outputs.set(nodeId, (outputs.get(nodeId) ?? new Map()).set(metric.slice(4), n));
  }
  for (const row of waiting) at(row.node_id).waiting = row.n;
  for (const row of clickers) at(row.node_id).uniqueClicks = row.n;
  for (const row of converted) Object.assign(at(row.nodeId), { conversions: row.n, conversionValue: row.value });
  for (const row of insight) at(row.node_id).insight = toInsight(row);
  for (const node of graph.nodes) {
    if (node.type !== 'branch' && node.type !== 'randomSplit') continue;
    const ids = node.type === 'branch' ? [...node.data.cases.map((c) => c.id), 'else'] : node.data.branches.map((b) => b.id);
    const counts = outputs.get(node.id) ?? new Map<string, number>();
    const total = ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);
    at(node.id).outputs = ids.map((id) => ({ output: id, friends: counts.get(id) ?? 0, share: total === 0 ? 0 : (counts.get(id) ?? 0) / total }));
  }
  return { from, to, timeZone: scope.timeZone, nodes };
}

function rate(successes: number, trials: number): Rate {
  return { successes, trials, ...wilsonInterval(successes, trials) };
}

/** Breadth first from the triggers: each node once, at its shortest depth. */
function funnelOrder(graph: FlowGraph): Array<{ nodeId: string; type: string; depth: number }> {
  const depth = new Map<string, number>();
  const queue = graph.nodes.filter((n) => n.type === 'trigger').map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i]!;
    for (const edge of graph.edges) {
      if (edge.source !== id || depth.has(edge.target)) continue;
      depth.set(edge.target, depth.get(id)! + 1);
      queue.push(edge.target);
    }
  }
  const typeOf = new Map(graph.nodes.map((n) => [n.id, n.type]));
  return queue.filter((id) => typeOf.has(id)).map((id) => ({ nodeId: id, type: typeOf.get(id)!, depth: depth.get(id)! }));
}

export async function splitComparisons(db: Db, scenarioId: string, graph: FlowGraph, range: Range): Promise<SplitComparison[]> {
  const splits = graph.nodes.filter((n): n is FlowNodeOf<'randomSplit'> => n.type === 'randomSplit');
  if (splits.length === 0) return [];
  const winners = new Map((await listSplitWinners(db, scenarioId)).map((w) => [w.nodeId, w]));
  return Promise.all(splits.map(async (node) => {
    const arms = new Map((await splitArms(db, scenarioId, node.id, range)).map((row) => [row.output, row]));
    const variants = node.data.branches.map((b) => {
      const arm = arms.get(b.id);
      const friends = arm?.friends ?? 0;
      return {
        branchId: b.id, label: b.label, weight: b.weight, friends,
        clickRate: rate(arm?.clicked ?? 0, friends), conversionRate: rate(arm?.converted ?? 0, friends), conversionValue: arm?.value ?? 0,
      };
    });
    const test = (pick: 'clickRate' | 'conversionRate') => compareArms(variants.map((v) => ({ id: v.branchId, successes: v[pick].successes, trials: v[pick].trials })));
    const winner = winners.get(node.id);
    return {
      nodeId: node.id, variants, clickTest: test('clickRate'), conversionTest: test('conversionRate'),
      winner: winner ? { branchId: winner.branchId, by: winner.by, decidedAt: winner.decidedAt.toISOString() } : null,
    };
  }));
}

/** The analytics page: funnel, daily series, inflow routes, A/B comparisons. */
export async function scenarioAnalytics(db: Db, scope: MeasureScope, scenarioId: string, query: MeasureRangeQuery): Promise<ScenarioAnalytics> {
  const scenario = await getScenarioRow(db, scope.workspaceId, scenarioId);
  const { from, to, range, days } = rangeOf(query, scope.timeZone, scope.now);
  const graph = await measuredGraphOf(db, scenario);
  const [friends, daily, routes, splits] = await Promise.all([
    friendsByNode(db, scenarioId, range), dailyMeasures(db, scenarioId, range, scope.timeZone), routeBreakdown(db, scenarioId, range),
    splitComparisons(db, scenarioId, graph, range),
  ]);
  const order = funnelOrder(graph);
  const top = order.filter((s) => s.depth === 0).reduce((sum, s) => sum + (friends.get(s.nodeId) ?? 0), 0);
  const funnel: FunnelStep[] = order.map((s) => ({ ...s, friends: friends.get(s.nodeId) ?? 0, share: top === 0 ? 0 : (friends.get(s.nodeId) ?? 0) / top }));
  const series: DailyMeasure[] = days.map((date) => ({ date, sent: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0, ...daily.get(date) }));
  return {
    from, to, timeZone: scope.timeZone, funnel, daily: series,
    routes: routes.map((r) => ({ routeId: r.route_id, name: r.name ?? '', added: r.added, blocked: r.blocked, converted: r.converted })),
    splits,
  };
}

