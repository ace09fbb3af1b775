import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FlowNodeOf } from '@lsb/shared';
import { friends, runs, scenarios } from '../db/schema/index.ts';
import type { Tx } from '../services/friends.ts';
import { startRun } from './advance.ts';
import type { RunContext } from './context.ts';
import { fireTriggers } from './triggers.ts';
import { versionGraph } from './version-graphs.ts';

/**
 * Puts a friend into one scenario by hand (UI, API, or another scenario's start node). A manual
 * trigger, when the scenario has one, decides the entry point and re-entry policy; otherwise the
 * scenario's first trigger is the entry and the friend enters unless already in it.
 */
export async function enrolFriend(tx: Tx, ctx: RunContext, friendId: string, scenarioId: string): Promise<boolean> {
  const [friend] = await tx.select({ id: friends.id, workspaceId: friends.workspaceId, status: friends.status })
    .from(friends).where(eq(friends.id, friendId));
  if (!friend || friend.status === 'blocked') return false;
  const entered = await fireTriggers(tx, ctx, friend, { kind: 'manual' }, scenarioId);
  if (entered.length > 0) return true;

  const [scenario] = await tx.select({ id: scenarios.id, versionId: scenarios.currentVersionId }).from(scenarios)
    .where(and(eq(scenarios.id, scenarioId), eq(scenarios.workspaceId, friend.workspaceId), eq(scenarios.state, 'active'),
      isNotNull(scenarios.currentVersionId)));
  if (!scenario) return false;
  const graph = await versionGraph(tx, scenario.versionId!);
  const hasManualTrigger = graph.nodes.some((node) => node.type === 'trigger' && node.data.trigger.kind === 'manual');
  if (hasManualTrigger) return false; // the manual trigger's re-entry policy said no
  const entry = graph.nodes.filter((node): node is FlowNodeOf<'trigger'> => node.type === 'trigger').sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!entry) return false;
  const inProgress = await tx.select({ id: runs.id }).from(runs)
    .where(and(eq(runs.friendId, friendId), eq(runs.scenarioId, scenarioId), inArray(runs.status, ['running', 'waiting', 'held'])));
  if (inProgress.length > 0) return false;
  await startRun(tx, ctx, {
    workspaceId: friend.workspaceId, friendId, scenarioId, versionId: scenario.versionId!, triggerNodeId: entry.id, seed: randomInt(0, 2 ** 31),
  });
  return true;
}
