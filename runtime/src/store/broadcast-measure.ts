import { sql } from 'drizzle-orm';
import type { BroadcastMeasure } from '@lsb/shared/api';
import { broadcastBatches, broadcastOccurrences, conversions, linkClicks, sends } from '../db/schema/index.ts';
import type { Db } from './tx.ts';

// A broadcast's results in the measures of a scenario's send step, over all its occurrences: its
// outbox rows (run_id = the occurrence; a test-send has none), the friends who clicked a tracked
// link of those rows, and the conversions attributed to the broadcast. Days in the workspace's zone.

export async function broadcastMeasure(db: Db, workspaceId: string, broadcastId: string, timeZone: string): Promise<Omit<BroadcastMeasure, 'insight'>> {
  const own = sql`select s.id, s.friend_id, s.status, s.sent_at from ${sends} s
    join ${broadcastOccurrences} o on o.id = s.run_id and s.scenario_id is null where o.broadcast_id = ${broadcastId} and o.workspace_id = ${workspaceId}`;
  const converted = sql`select c.at, c.value from ${conversions} c where c.broadcast_id = ${broadcastId} and c.workspace_id = ${workspaceId}`;
  const clicked = sql`select lc.friend_id, lc.at from ${linkClicks} lc join own on own.id = lc.send_id`;
  // A batched occurrence's multicasts (no send row per friend): their members counted.
  const batched = sql`select b.status, b.sent_at, b.size as n from ${broadcastBatches} b
    join ${broadcastOccurrences} o on o.id = b.occurrence_id where o.broadcast_id = ${broadcastId} and o.workspace_id = ${workspaceId}`;
  const { rows: [totals] } = await db.execute<{ sent: number; failed: number; clickers: number; conversions: number; value: number }>(sql`
    with own as (${own}), converted as (${converted}), clicked as (${clicked}), batched as (${batched})
    select (select count(*) from own where status = 'sent')::int + (select coalesce(sum(n), 0) from batched where status = 'sent')::int as sent,
      (select count(*) from own where status = 'failed')::int + (select coalesce(sum(n), 0) from batched where status = 'failed')::int as failed,
      (select count(distinct friend_id) from clicked)::int as clickers,
      (select count(*) from converted)::int as conversions,
      (select coalesce(sum(value), 0) from converted)::float8 as value`);
  const day = (column: string) => sql`to_char(${sql.identifier(column)} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const { rows: daily } = await db.execute<{ date: string; sent: number; clickers: number; conversions: number; value: number }>(sql`
    with own as (${own}), converted as (${converted}), clicked as (${clicked}), batched as (${batched}),
    days as (
      select ${day('sent_at')} as date, count(*) as sent, 0 as clickers, 0 as conversions, 0 as value from own where status = 'sent' group by 1
      union all select ${day('sent_at')}, sum(n), 0, 0, 0 from batched where status = 'sent' group by 1
      union all select ${day('at')}, 0, count(distinct friend_id), 0, 0 from clicked group by 1
      union all select ${day('at')}, 0, 0, count(*), coalesce(sum(value), 0) from converted group by 1)
    select date, sum(sent)::int as sent, sum(clickers)::int as clickers, sum(conversions)::int as conversions, sum(value)::float8 as value
    from days group by date order by date`);
  return {
    broadcastId,
    sent: totals!.sent, failed: totals!.failed, uniqueClicks: totals!.clickers, conversions: totals!.conversions, conversionValue: totals!.value,
    daily: daily.map((row) => ({ date: row.date, sent: row.sent, uniqueClicks: row.clickers, conversions: row.conversions, conversionValue: row.value })),
  };
}
