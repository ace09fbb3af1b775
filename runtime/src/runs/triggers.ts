import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FlowGraph, FlowNodeOf, Trigger } from '@lsb/shared';
import { runs, scenarios } from '../db/schema/index.ts';
import type { Tx } from '../services/friends.ts';
import { startRun } from './advance.ts';
import type { RunContext } from './context.ts';
import { versionGraph } from './version-graphs.ts';

/** Something that happened to a friend which trigger nodes may be listening for. */
export type TriggerEvent =
  | { kind: 'friendAdded'; returning: boolean; inflowRouteId: string | null }
  | { kind: 'tagAdded'; tagId: string }
  | { kind: 'keyword'; text: string }
  | { kind: 'postback'; data: string }
  | { kind: 'linkClicked'; linkId: string }
  | { kind: 'manual' };

export function triggerMatches(trigger: Trigger, event: TriggerEvent): boolean {
  switch (trigger.kind) {
    case 'friendAdded':
      return event.kind === 'friendAdded' && (!event.returning || trigger.includeReturning);
    case 'inflowRoute':
      return event.kind === 'friendAdded' && event.inflowRouteId === trigger.routeId;
    case 'tagAdded':
      return event.kind === 'tagAdded' && event.tagId === trigger.tagId;
    case 'keyword': {
      if (event.kind !== 'keyword' || trigger.text === '') return false;
      const said = event.text.trim();
      return trigger.match === 'exact' ? said === trigger.text.trim() : said.includes(trigger.text);
    }
    case 'postback':
      return event.kind === 'postback' && event.data === trigger.data;
    case 'linkClicked':
      return event.kind === 'linkClicked' && event.linkId === trigger.linkId;
    case 'manual':
      return event.kind === 'manual';
  }
}

function matchingTrigger(graph: FlowGraph, event: TriggerEvent) {
  return graph.nodes
    .filter((node): node is FlowNodeOf<'trigger'> => node.type === 'trigger')
    .sort((a, b) => a.id.localeCompare(b.id))
    .find((node) => triggerMatches(node.data.trigger, event));
}

interface Friend { id: string; workspaceId: string }

/**
 * Starts a run in every published, active scenario of the friend's workspace with a trigger that
 * matches, as far as each trigger's re-entry policy allows. Returns the scenarios entered.
 */
export async function fireTriggers(tx: Tx, ctx: RunContext, friend: Friend, event: TriggerEvent, onlyScenarioId?: string): Promise<string[]> {
  const filters = [eq(scenarios.workspaceId, friend.workspaceId), eq(scenarios.state, 'active'), isNotNull(scenarios.currentVersionId)];
  if (onlyScenarioId) filters.push(eq(scenarios.id, onlyScenarioId));
  const live = await tx.select({ id: scenarios.id, versionId: scenarios.currentVersionId }).from(scenarios).where(and(...filters));
  const entered: string[] = [];
  for (const scenario of live) {
    const graph = await versionGraph(tx, scenario.versionId!);
    const trigger = matchingTrigger(graph, event);
    if (!trigger) continue;
    if (!(await reentryAllows(tx, friend.id, scenario.id, trigger.data.reentry, ctx.clock.now()))) continue;
    await startRun(tx, ctx, {
      workspaceId: friend.workspaceId,
      friendId: friend.id,
      scenarioId: scenario.id,
      versionId: scenario.versionId!,
      triggerNodeId: trigger.id,
      seed: randomInt(0, 2 ** 31),
    });
    entered.push(scenario.id);
  }
  return entered;
}

async function reentryAllows(tx: Tx, friendId: string, scenarioId: string, policy: FlowNodeOf<'trigger'>['data']['reentry'], now: Date): Promise<boolean> {
  const previous = await tx.select({ id: runs.id, status: runs.status }).from(runs)
    .where(and(eq(runs.friendId, friendId), eq(runs.scenarioId, scenarioId)));
  switch (policy) {
    case 'firstTimeOnly':
      return previous.length === 0;
    case 'notWhileRunning':
      return !previous.some((run) => run.status === 'running' || run.status === 'waiting' || run.status === 'held');
    case 'everyTime':
      // A new pass replaces one still in progress, so the friend is never in the same scenario twice.
      if (previous.some((run) => run.status !== 'finished' && run.status !== 'stopped')) {
        await tx.update(runs).set({ status: 'stopped', finishedAt: now })
          .where(and(eq(runs.friendId, friendId), eq(runs.scenarioId, scenarioId), inArray(runs.status, ['running', 'waiting', 'held'])));
      }
      return true;
  }
}
