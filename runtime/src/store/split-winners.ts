import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FlowGraph } from '@lsb/shared';
import { splitWinners } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

/**
 * Decided random-split winners of the batch's scenarios (scenario id → node id → branch id). Read
 * only when one of the graphs has a random split, so batches of other scenarios pay no query.
 */
export async function splitWinnersFor(tx: Tx, graphs: ReadonlyMap<string, FlowGraph>, runs: ReadonlyArray<{ scenarioId: string; versionId: string }>): Promise<Map<string, Record<string, string>>> {
  const found = new Map<string, Record<string, string>>();
  const scenarioIds = [...new Set(runs.filter((run) => graphs.get(run.versionId)?.nodes.some((node) => node.type === 'randomSplit')).map((run) => run.scenarioId))];
  if (scenarioIds.length === 0) return found;
  const rows = await tx.select({ scenarioId: splitWinners.scenarioId, nodeId: splitWinners.nodeId, branchId: splitWinners.branchId })
    .from(splitWinners).where(inArray(splitWinners.scenarioId, scenarioIds));
  for (const row of rows) found.set(row.scenarioId, { ...found.get(row.scenarioId), [row.nodeId]: row.branchId });
  return found;
}

export async function setSplitWinner(tx: Tx, row: typeof splitWinners.$inferInsert): Promise<void> {
  await tx.insert(splitWinners).values(row).onConflictDoUpdate({
    target: [splitWinners.scenarioId, splitWinners.nodeId],
    set: { branchId: row.branchId, by: row.by, decidedAt: row.decidedAt },
  });
}

export async function clearSplitWinner(tx: Tx, scenarioId: string, nodeId: string): Promise<boolean> {
  const deleted = await tx.delete(splitWinners).where(and(eq(splitWinners.scenarioId, scenarioId), eq(splitWinners.nodeId, nodeId))).returning({ nodeId: splitWinners.nodeId });
  return deleted.length > 0;
}

export async function listSplitWinners(tx: Tx, scenarioId: string) {
  return tx.select().from(splitWinners).where(eq(splitWinners.scenarioId, scenarioId));
}

/** Active scenarios whose current version has a random split with an automatic-winner rule. */
export async function scenariosWithAutoWinner(tx: Tx): Promise<Array<{ id: string; workspaceId: string; name: string; graph: unknown }>> {
  const { rows } = await tx.execute<{ id: string; workspace_id: string; name: string; graph: unknown }>(sql`
    select s.id, s.workspace_id, s.name, v.graph from scenarios s join scenario_versions v on v.id = s.current_version_id
    where s.state = 'active' and jsonb_path_exists(v.graph, '$.nodes[*].data.autoWinner')`);
  return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, name: row.name, graph: row.graph }));
}

/** When the first friend entered the split, and how many distinct friends have entered it. */
export async function splitProgress(tx: Tx, scenarioId: string, nodeId: string): Promise<{ firstAt: Date | null; friends: number }> {
  const { rows } = await tx.execute<{ first_at: string | Date | null; friends: number }>(sql`
    select min(s.entered_at) as first_at, count(distinct r.friend_id)::int as friends
    from run_steps s cross join lateral unnest(s.run_ids) as p(run_id) join runs r on r.id = p.run_id
    where s.scenario_id = ${scenarioId} and s.node_ids @> array[${nodeId}]::text[]`);
  const row = rows[0];
  return { firstAt: row?.first_at ? new Date(row.first_at) : null, friends: row?.friends ?? 0 };
}
