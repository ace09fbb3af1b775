import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from './tx.ts';

/** What LINE's insight API reported for one (channel, unit), as the measures read it. */
export type InsightUnitRow = {
  unit: string;
  unique_impression: string | number | null;
  unique_click: string | number | null;
  impression: string | number | null;
  fetched_at: Date | string | null;
  refusal: string | null;
};

/** Why LINE refused a send that carried a unit (the messages then went out without it). */
export type UnitRefusal = 'unavailable' | 'limit';

interface UnitUse { workspaceId: string; channelId: string; scenarioId?: string | null; nodeId?: string | null; broadcastId?: string | null; aggregationUnit?: string | null }

/** Remembers each (channel, unit) sends carry, with the node or broadcast it belongs to (first use wins). */
export async function registerInsightUnits(tx: Tx, rows: readonly UnitUse[], now: Date): Promise<void> {
  const seen = new Map<string, UnitUse>();
  for (const row of rows) if (row.aggregationUnit) seen.set(`${row.channelId}|${row.aggregationUnit}`, row);
  if (seen.size === 0) return;
  const list = [...seen.values()];
  await tx.execute(sql`
    insert into insight_units (workspace_id, channel_id, unit, scenario_id, node_id, broadcast_id, first_sent_at)
    select * from unnest(${sql.param(list.map((r) => r.workspaceId))}::uuid[], ${sql.param(list.map((r) => r.channelId))}::uuid[],
      ${sql.param(list.map((r) => r.aggregationUnit))}::text[], ${sql.param(list.map((r) => r.scenarioId ?? null))}::uuid[],
      ${sql.param(list.map((r) => r.nodeId ?? null))}::text[], ${sql.param(list.map((r) => r.broadcastId ?? null))}::uuid[],
      ${sql.param(list.map(() => now.toISOString()))}::timestamptz[])
    on conflict do nothing`);
}

interface DueUnit { channelId: string; unit: string; firstSentAt: Date }

/** Units first used within the last 30 days whose figures are older than `staleBefore` (or never fetched). */
export async function dueInsightUnits(tx: Tx, now: Date, staleBefore: Date, limit: number): Promise<DueUnit[]> {
  const { rows } = await tx.execute<{ channel_id: string; unit: string; first_sent_at: string | Date }>(sql`
    select channel_id, unit, first_sent_at from insight_units
    where first_sent_at > ${new Date(now.getTime() - 30 * 86_400_000).toISOString()}::timestamptz
      and (fetched_at is null or fetched_at < ${staleBefore.toISOString()}::timestamptz)
    order by fetched_at nulls first limit ${limit}`);
  return rows.map((row) => ({ channelId: row.channel_id, unit: row.unit, firstSentAt: new Date(row.first_sent_at) }));
}

export async function saveInsightFigures(tx: Tx, unit: DueUnit, figures: { uniqueImpression: number | null; uniqueClick: number | null; impression: number | null }, at: Date): Promise<void> {
  await tx.execute(sql`
    update insight_units set unique_impression = ${figures.uniqueImpression}, unique_click = ${figures.uniqueClick}, impression = ${figures.impression},
      fetched_at = ${at.toISOString()}::timestamptz
    where channel_id = ${unit.channelId}::uuid and unit = ${unit.unit}`);
}

/**
 * LINE refused a batch, perhaps for its unit: the batch's rows lose it, so the next attempt of the
 * same batch (even after a crash) sends without it.
 */
export async function dropBatchUnit(tx: Tx, batch: { key: string; memberIds: string[] }): Promise<void> {
  await tx.execute(sql`
    update sends set aggregation_unit = null
    where id = any(${sql.param(batch.memberIds)}::uuid[]) and batch_key = ${batch.key}::uuid and status = 'sending'`);
}

/** The unit was refused and its messages went without it: the measures say why LINE counts fewer. */
export async function noteUnitRefusal(tx: Tx, channelId: string, unit: string, refusal: UnitRefusal, at: Date): Promise<void> {
  await tx.execute(sql`
    update insight_units set refusal = ${refusal}, refused_at = ${at.toISOString()}::timestamptz
    where channel_id = ${channelId}::uuid and unit = ${unit}`);
}

/**
 * A predicate over an outbox row `s`: LINE is known to refuse its unit now, so the batch goes
 * without it at once instead of costing every request a refused first try: the channel's account
 * was refused units in the last day (`unavailable`; asked again after a day, in case it gained
 * access), or this unit was refused this month in Japan's calendar (`limit`; LINE's monthly names
 * start again). Read with the batch's messages at the claim, one statement per claim.
 */
function unitKnownRefusedSql(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`exists (select 1 from insight_units u where u.channel_id = s.channel_id and (
    (u.refusal = 'unavailable' and u.refused_at > ${at} - interval '1 day')
    or (u.unit = s.aggregation_unit and u.refusal = 'limit' and u.refused_at >= date_trunc('month', ${at} at time zone 'Asia/Tokyo') at time zone 'Asia/Tokyo')))`;
}

/** A broadcast's units (one per channel its recipients are on). */
export async function insightByBroadcast(tx: Tx, workspaceId: string, broadcastId: string): Promise<InsightUnitRow[]> {
  const { rows } = await tx.execute<InsightUnitRow>(sql`
    select unit, unique_impression, unique_click, impression, fetched_at, refusal from insight_units
    where workspace_id = ${workspaceId}::uuid and broadcast_id = ${broadcastId}::uuid order by first_sent_at`);
  return rows;
}

/** The unit an outbox row `s` goes with: its own, or none when LINE is known to refuse it now (unitKnownRefusedSql). */
export function usableUnitSql(now: Date): SQL {
  return sql`case when s.aggregation_unit is null or ${unitKnownRefusedSql(now)} then null else s.aggregation_unit end`;
}
