import { randomInt } from 'node:crypto';
import { IN_PROGRESS_RUN_STATUSES, type FlowGraph, type FlowNodeOf, type ReentryPolicy, type RunStatus, type Trigger } from '@lsb/shared';
import { runHistory, stopRunsOf } from '../store/runs.ts';
import type { Tx } from '../store/tx.ts';
import { startRuns, type StartRunInput } from './advance.ts';
import type { RunContext } from './context.ts';
import type { FriendSnapshot } from './friend-snapshot.ts';
import type { StepWriter } from './step-writer.ts';
import { liveScenarios, versionGraphs } from '../store/version-graphs.ts';

/** Something that happened to a friend which trigger nodes may be listening for. */
export type TriggerEvent =
  | { kind: 'friendAdded'; returning: boolean; inflowRouteId: string | null }
  | { kind: 'tagAdded'; tagId: string }
  | { kind: 'keyword'; text: string }
  | { kind: 'postback'; data: string }
  | { kind: 'linkClicked'; linkId: string }
  | { kind: 'manual' }
  | { kind: 'conversion'; pointId: string };

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
    case 'conversion':
      return event.kind === 'conversion' && (trigger.pointId === undefined || trigger.pointId === event.pointId);
  }
}

/** The trigger a scenario enters through for this event: the first matching one by node id. */
export function matchingTrigger(graph: FlowGraph, event: TriggerEvent): FlowNodeOf<'trigger'> | undefined {
  return graph.nodes
    .filter((node): node is FlowNodeOf<'trigger'> => node.type === 'trigger')
    .sort((a, b) => a.id.localeCompare(b.id))
    .find((node) => triggerMatches(node.data.trigger, event));
}

const IN_PROGRESS: RunStatus[] = [...IN_PROGRESS_RUN_STATUSES];

/** What the re-entry policy says, given the friend's earlier runs of that scenario. */
export function reentryDecision(policy: ReentryPolicy, previous: RunStatus[]): 'enter' | 'skip' | 'restart' {
  const inProgress = previous.some((status) => IN_PROGRESS.includes(status));
  switch (policy) {
    case 'firstTimeOnly':
      return previous.length === 0 ? 'enter' : 'skip';
    case 'notWhileRunning':
      return inProgress ? 'skip' : 'enter';
    case 'everyTime':
      // A new pass replaces one still in progress, so the friend is never in the same scenario twice.
      return inProgress ? 'restart' : 'enter';
  }
}

/** A run's random seed (random splits) is a non-negative 32-bit integer, as its column stores it. */
const SEED_LIMIT = 2 ** 31;

export interface Entry { friendId: string; workspaceId: string; event: TriggerEvent; onlyScenarioId?: string }

/**
 * Starts runs for many (friend, event) pairs in one go: every published, active scenario of the
 * friend's workspace with a matching trigger, as far as that trigger's re-entry policy allows.
 * `friendsRead`: the friends as the caller has just read them, for the first steps to use unless a
 * restart below changes what they say. Returns the runs started.
 */
export async function enterScenarios(tx: Tx, ctx: RunContext, entries: Entry[], writer?: StepWriter, friendsRead?: ReadonlyMap<string, FriendSnapshot>): Promise<StartRunInput[]> {
  if (entries.length === 0) return [];
  const workspaceIds = [...new Set(entries.map((entry) => entry.workspaceId))];
  // In the marketer's priority order (then oldest first, then id): the runs one event starts are
  // stepped, and their messages queued and delivered (deliver.ts), in this order, every time.
  const live = await liveScenarios(tx, workspaceIds);
  if (live.length === 0) return [];
  const graphs = await versionGraphs(tx, live.map((scenario) => scenario.versionId));
  const friendIds = [...new Set(entries.map((entry) => entry.friendId))];
  const previous = await runHistory(tx, friendIds, live.map((s) => s.id));
  const history = new Map<string, RunStatus[]>();
  for (const run of previous) history.set(`${run.friendId}:${run.scenarioId}`, [...(history.get(`${run.friendId}:${run.scenarioId}`) ?? []), run.status]);

  const starts: StartRunInput[] = [];
  const restarts: Array<{ friendId: string; scenarioId: string }> = [];
  for (const entry of entries) {
    for (const scenario of live) {
      if (scenario.workspaceId !== entry.workspaceId || (entry.onlyScenarioId && scenario.id !== entry.onlyScenarioId)) continue;
      const trigger = matchingTrigger(graphs.get(scenario.versionId)!, entry.event);
      if (!trigger) continue;
      const key = `${entry.friendId}:${scenario.id}`;
      const decision = reentryDecision(trigger.data.reentry, history.get(key) ?? []);
      if (decision === 'skip') continue;
      if (decision === 'restart') restarts.push({ friendId: entry.friendId, scenarioId: scenario.id });
      // Seen from here on, so a second event for the same friend in this batch obeys the policy too.
      history.set(key, [...(history.get(key) ?? []), 'running']);
      starts.push({
        workspaceId: entry.workspaceId, friendId: entry.friendId, scenarioId: scenario.id, versionId: scenario.versionId,
        triggerNodeId: trigger.id, seed: randomInt(0, SEED_LIMIT),
      });
    }
  }
  for (const { friendId, scenarioId } of restarts) {
    await stopRunsOf(tx, friendId, scenarioId, IN_PROGRESS, ctx.clock.now());
  }
  // A stopped run's queued sends are cancelled: the friends' run facts and cap counts have moved.
  await startRuns(tx, ctx, starts, writer, restarts.length === 0 ? friendsRead : undefined);
  return starts;
}

