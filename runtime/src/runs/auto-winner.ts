import { compareArms, parseFlowGraph, type FlowNodeOf } from '@lsb/shared';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { insertAudit } from '../store/audit.ts';
import { splitArms } from '../store/measure.ts';
import { listSplitWinners, scenariosWithAutoWinner, setSplitWinner, splitProgress } from '../store/split-winners.ts';

const HOUR_MS = 3_600_000;
const ALL_TIME = { start: new Date('1970-01-01T00:00:00Z'), end: new Date('9999-01-01T00:00:00Z') };

/**
 * 自動勝者: for each random split with an `autoWinner` rule and no winner yet, once `afterHours`
 * have passed since its first friend or `afterFriends` friends entered it, the arm with the best
 * click or conversion rate becomes the winner (the engine sends every later friend down it) and the
 * audit log records it with the rates. An arm nobody entered cannot win; with no friends yet, wait.
 * Returns how many winners were decided.
 */
export async function decideAutoWinners(db: Db, clock: Clock): Promise<number> {
  let decided = 0;
  for (const scenario of await scenariosWithAutoWinner(db)) {
    const parsed = parseFlowGraph(scenario.graph);
    if (!parsed.ok) continue;
    const taken = new Set((await listSplitWinners(db, scenario.id)).map((w) => w.nodeId));
    const splits = parsed.graph.nodes.filter((n): n is FlowNodeOf<'randomSplit'> => n.type === 'randomSplit' && n.data.autoWinner !== undefined && !taken.has(n.id));
    for (const node of splits) {
      const rule = node.data.autoWinner!;
      const now = clock.now();
      const progress = await splitProgress(db, scenario.id, node.id);
      const due = progress.firstAt !== null && (
        (rule.afterHours !== undefined && now.getTime() - progress.firstAt.getTime() >= rule.afterHours * HOUR_MS)
        || (rule.afterFriends !== undefined && progress.friends >= rule.afterFriends));
      if (!due) continue;
      const arms = (await splitArms(db, scenario.id, node.id, ALL_TIME)).filter((a) => node.data.branches.some((b) => b.id === a.output));
      const pick = rule.metric === 'click' ? 'clicked' : 'converted';
      const results = arms.map((a) => ({ id: a.output, successes: a[pick], trials: a.friends }));
      const test = compareArms(results);
      const winner = test?.leader ?? results.find((r) => r.trials > 0)?.id;
      if (winner === undefined) continue;
      await db.transaction(async (tx) => {
        await setSplitWinner(tx, { workspaceId: scenario.workspaceId, scenarioId: scenario.id, nodeId: node.id, branchId: winner, by: 'auto', decidedAt: now });
        await insertAudit(tx, {
          workspaceId: scenario.workspaceId, action: 'scenario.split_winner', targetType: 'scenario', targetId: scenario.id, targetLabel: scenario.name,
          details: { nodeId: node.id, branchId: winner, by: 'auto', metric: rule.metric, arms: results, pValue: test?.pValue ?? null },
          at: now, actorKind: 'system', actorId: null, actorLabel: 'system',
        });
      });
      decided += 1;
    }
  }
  return decided;
}
