import type { SplitComparison } from '@lsb/shared/api';
import type { Principal } from '../accounts/principal.ts';
import { notFound } from '../errors.ts';
import { clearSplitWinner, setSplitWinner } from '../store/split-winners.ts';
import type { Db } from '../store/tx.ts';
import { recordAudit } from './audit.ts';
import { measuredGraphOf, rangeOf, splitComparisons, type MeasureScope } from './measure.ts';
import { getScenarioRow } from './scenarios.ts';

/** 勝者を選ぶ by hand on the analytics page: every later friend goes down `branchId` (audited). */
export async function chooseSplitWinner(db: Db, scope: MeasureScope, principal: Principal | null, scenarioId: string, nodeId: string, branchId: string): Promise<SplitComparison> {
  const scenario = await getScenarioRow(db, scope.workspaceId, scenarioId);
  const graph = await measuredGraphOf(db, scenario);
  const node = graph.nodes.find((n) => n.id === nodeId && n.type === 'randomSplit');
  if (!node || node.type !== 'randomSplit') throw notFound('node');
  if (!node.data.branches.some((b) => b.id === branchId)) throw notFound('branch');
  await db.transaction(async (tx) => {
    await setSplitWinner(tx, { workspaceId: scope.workspaceId, scenarioId, nodeId, branchId, by: 'manual', decidedAt: scope.now });
    await recordAudit(tx, principal, scope.now, {
      workspaceId: scope.workspaceId, action: 'scenario.split_winner', targetType: 'scenario', targetId: scenarioId, targetLabel: scenario.name,
      details: { nodeId, branchId, by: 'manual' },
    });
  });
  const { range } = rangeOf({}, scope.timeZone, scope.now);
  return (await splitComparisons(db, scenarioId, graph, range)).find((s) => s.nodeId === nodeId)!;
}

export async function clearWinner(db: Db, scope: MeasureScope, principal: Principal | null, scenarioId: string, nodeId: string): Promise<void> {
  const scenario = await getScenarioRow(db, scope.workspaceId, scenarioId);
  await db.transaction(async (tx) => {
    if (!await clearSplitWinner(tx, scenarioId, nodeId)) throw notFound('node');
    await recordAudit(tx, principal, scope.now, {
      workspaceId: scope.workspaceId, action: 'scenario.split_winner', targetType: 'scenario', targetId: scenarioId, targetLabel: scenario.name,
      details: { nodeId, branchId: null, by: 'manual' },
    });
  });
}
