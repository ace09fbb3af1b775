import { sql } from 'drizzle-orm';
import type { Db } from './tx.ts';

/**
 * 流入経路 report's `converted`: friends whose route it is (`friends.inflow_route_id`, as for
 * blocked) with a conversion recorded in the period, each friend once per day and once in the
 * period's total — a friend who buys twice a day, or on three days, is one converted friend there.
 * Days in the workspace's zone, `from` to `toExclusive` (YYYY-MM-DD).
 */
export async function reportConversions(db: Db, workspaceId: string, timeZone: string, from: string, toExclusive: string) {
  const start = sql`(${from}::date)::timestamp at time zone ${timeZone}`;
  const end = sql`(${toExclusive}::date)::timestamp at time zone ${timeZone}`;
  const { rows } = await db.execute<{ route_id: string; day: string | null; converted: number }>(sql`
    select route_id, to_char(day, 'YYYY-MM-DD') as day, count(distinct friend_id)::int as converted
    from (
      select f.inflow_route_id as route_id, (c.at at time zone ${timeZone})::date as day, c.friend_id
      from conversions c join friends f on f.id = c.friend_id
      where c.workspace_id = ${workspaceId} and f.inflow_route_id is not null and c.at >= ${start} and c.at < ${end}
    ) c
    group by grouping sets ((route_id, day), (route_id))`);
  // The grouping set without a day is the period's total (day null).
  return rows;
}
