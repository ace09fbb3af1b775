import { sql } from 'drizzle-orm';
import { nodeClickers } from '../db/schema/index.ts';
import type { InsightUnitRow } from './insight.ts';
import type { Tx } from './tx.ts';

// The statistics queries. Counters (node_counters, kept by triggers: migration 0016 `measure_counters`) answer
// entered / sent / failed / outputs for any range from a few hundred rows; the rest are indexed
// ranges: waiting runs (runs_scenario_node), clickers (node_clickers_at), conversions (conversions_node).

/** A friend's first click on any tracked link of a node's sends (the node's unique clicks). */
export async function recordNodeClicker(tx: Tx, row: { workspaceId: string; scenarioId: string; nodeId: string; friendId: string; at: Date }): Promise<void> {
  await tx.insert(nodeClickers).values(row).onConflictDoNothing();
}

export interface Range { start: Date; end: Date }

export async function counterTotals(tx: Tx, scenarioId: string, range: Range) {
  const { rows } = await tx.execute<{ node_id: string; metric: string; n: string }>(sql`
    select node_id, metric, sum(n) as n from node_counters
    where scenario_id = ${scenarioId} and hour >= ${range.start.toISOString()}::timestamptz and hour < ${range.end.toISOString()}::timestamptz
    group by node_id, metric`);
  return rows.map((row) => ({ nodeId: row.node_id, metric: row.metric, n: Number(row.n) }));
}

export async function waitingNow(tx: Tx, scenarioId: string) {
  const { rows } = await tx.execute<{ node_id: string; n: number }>(sql`
    select current_node_id as node_id, count(*)::int as n from runs
    where scenario_id = ${scenarioId} and status = 'waiting' and current_node_id is not null group by current_node_id`);
  return rows;
}

export async function clickersByNode(tx: Tx, scenarioId: string, range: Range) {
  const { rows } = await tx.execute<{ node_id: string; n: number }>(sql`
    select node_id, count(*)::int as n from node_clickers
    where scenario_id = ${scenarioId} and at >= ${range.start.toISOString()}::timestamptz and at < ${range.end.toISOString()}::timestamptz
    group by node_id`);
  return rows;
}

export async function conversionsByNode(tx: Tx, scenarioId: string, range: Range) {
  const { rows } = await tx.execute<{ node_id: string; n: number; value: string }>(sql`
    select node_id, count(*)::int as n, coalesce(sum(value), 0) as value from conversions
    where scenario_id = ${scenarioId} and node_id is not null and at >= ${range.start.toISOString()}::timestamptz and at < ${range.end.toISOString()}::timestamptz
    group by node_id`);
  return rows.map((row) => ({ nodeId: row.node_id, n: row.n, value: Number(row.value) }));
}

/** Per day in the zone: sends, unique clicks, conversions of the scenario. */
export async function dailyMeasures(tx: Tx, scenarioId: string, range: Range, timeZone: string) {
  const { rows } = await tx.execute<{ day: string; sent: string; clicks: string; conversions: string; value: string }>(sql`
    with sent as (
      select to_char(hour at time zone ${timeZone}, 'YYYY-MM-DD') as day, sum(n) as n from node_counters
      where scenario_id = ${scenarioId} and metric = 'sent' and hour >= ${range.start.toISOString()}::timestamptz and hour < ${range.end.toISOString()}::timestamptz
      group by 1),
    clicks as (
      select to_char(at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*) as n from node_clickers
      where scenario_id = ${scenarioId} and at >= ${range.start.toISOString()}::timestamptz and at < ${range.end.toISOString()}::timestamptz
      group by 1),
    conv as (
      select to_char(at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*) as n, coalesce(sum(value), 0) as value from conversions
      where scenario_id = ${scenarioId} and at >= ${range.start.toISOString()}::timestamptz and at < ${range.end.toISOString()}::timestamptz
      group by 1)
    select d.day, coalesce(s.n, 0) as sent, coalesce(c.n, 0) as clicks, coalesce(v.n, 0) as conversions, coalesce(v.value, 0) as value
    from (select day from sent union select day from clicks union select day from conv) d
    left join sent s using (day) left join clicks c using (day) left join conv v using (day)`);
  return new Map(rows.map((row) => [row.day, { sent: Number(row.sent), uniqueClicks: Number(row.clicks), conversions: Number(row.conversions), conversionValue: Number(row.value) }]));
}

/** Distinct friends who entered each node in the range (the funnel). */
export async function friendsByNode(tx: Tx, scenarioId: string, range: Range) {
  const { rows } = await tx.execute<{ node_id: string; n: number }>(sql`
    select e.node_id, count(distinct r.friend_id)::int as n
    from run_steps s cross join lateral unnest(s.node_ids) as e(node_id) cross join lateral unnest(s.run_ids) as p(run_id) join runs r on r.id = p.run_id
    where s.scenario_id = ${scenarioId} and s.entered_at >= ${range.start.toISOString()}::timestamptz and s.entered_at < ${range.end.toISOString()}::timestamptz
    group by e.node_id`);
  return new Map(rows.map((row) => [row.node_id, row.n]));
}

/** Friends who started this scenario in the range, by their inflow route: added, blocked now, converted (attributed here). */
export async function routeBreakdown(tx: Tx, scenarioId: string, range: Range) {
  const { rows } = await tx.execute<{ route_id: string | null; name: string | null; added: number; blocked: number; converted: number }>(sql`
    with entered as (
      select distinct r.friend_id from runs r
      where r.scenario_id = ${scenarioId} and r.started_at >= ${range.start.toISOString()}::timestamptz and r.started_at < ${range.end.toISOString()}::timestamptz)
    select f.inflow_route_id as route_id, ir.name, count(*)::int as added,
      count(*) filter (where f.status = 'blocked')::int as blocked,
      count(*) filter (where exists (select 1 from conversions cv where cv.friend_id = f.id and cv.scenario_id = ${scenarioId}
        and cv.at >= ${range.start.toISOString()}::timestamptz and cv.at < ${range.end.toISOString()}::timestamptz))::int as converted
    from entered e join friends f on f.id = e.friend_id left join inflow_routes ir on ir.id = f.inflow_route_id
    group by f.inflow_route_id, ir.name order by added desc`);
  return rows;
}

/**
 * Per arm of a random split: friends who went down it in the range (distinct), how many of them
 * clicked a tracked link of this scenario after it, and converted with attribution to this
 * scenario after it (and the value).
 */
export async function splitArms(tx: Tx, scenarioId: string, nodeId: string, range: Range) {
  const { rows } = await tx.execute<{ output: string; friends: number; clicked: number; converted: number; value: string }>(sql`
    with arm as (
      select e.output, r.friend_id, min(s.entered_at) as at
      from run_steps s cross join lateral unnest(s.node_ids, s.outputs) as e(node_id, output) cross join lateral unnest(s.run_ids) as p(run_id) join runs r on r.id = p.run_id
      where s.scenario_id = ${scenarioId} and s.node_ids @> array[${nodeId}]::text[] and e.node_id = ${nodeId} and e.output is not null
        and s.entered_at >= ${range.start.toISOString()}::timestamptz and s.entered_at < ${range.end.toISOString()}::timestamptz
      group by e.output, r.friend_id)
    select a.output, count(*)::int as friends,
      count(*) filter (where exists (select 1 from node_clickers k where k.scenario_id = ${scenarioId} and k.friend_id = a.friend_id and k.at >= a.at))::int as clicked,
      count(*) filter (where exists (select 1 from conversions cv where cv.friend_id = a.friend_id and cv.scenario_id = ${scenarioId} and cv.at >= a.at))::int as converted,
      coalesce(sum((select sum(cv.value) from conversions cv where cv.friend_id = a.friend_id and cv.scenario_id = ${scenarioId} and cv.at >= a.at)), 0) as value
    from arm a group by a.output`);
  return rows.map((row) => ({ ...row, value: Number(row.value) }));
}

export async function insightByNode(tx: Tx, scenarioId: string) {
  const { rows } = await tx.execute<InsightUnitRow & { node_id: string }>(sql`
    select node_id, unit, unique_impression, unique_click, impression, fetched_at, refusal from insight_units where scenario_id = ${scenarioId} and node_id is not null`);
  return rows;
}
