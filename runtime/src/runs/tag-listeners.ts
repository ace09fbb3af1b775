import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { runs, scenarios } from '../db/schema/index.ts';
import type { Tx } from '../store/tx.ts';
import { versionGraph } from './version-graphs.ts';

export interface TagListeners {
  /** `${workspaceId}:${tagId}` of every tag-added trigger in the live scenarios. */
  triggers: Set<string>;
  /** Friends with a run waiting at a wait-for-event node for a tag. */
  waitingFriends: Set<string>;
  hears(workspaceId: string, friendId: string, tagId: string): boolean;
}

/**
 * Who could react to a tag being added, so a step that tags a whole cohort queues follow-up work
 * only for tags something listens to (a job per tagged friend was half the cost of a cohort).
 */
export async function tagListeners(tx: Tx, workspaceIds: string[], friendIds: string[]): Promise<TagListeners> {
  const live = await tx.select({ workspaceId: scenarios.workspaceId, versionId: scenarios.currentVersionId }).from(scenarios)
    .where(and(inArray(scenarios.workspaceId, workspaceIds), eq(scenarios.state, 'active'), isNotNull(scenarios.currentVersionId)));
  const triggers = new Set<string>();
  for (const scenario of live) {
    for (const node of (await versionGraph(tx, scenario.versionId!)).nodes) {
      if (node.type === 'trigger' && node.data.trigger.kind === 'tagAdded') triggers.add(`${scenario.workspaceId}:${node.data.trigger.tagId}`);
    }
  }
  const waiting = await tx.selectDistinct({ friendId: runs.friendId }).from(runs)
    .where(and(inArray(runs.friendId, friendIds), eq(runs.status, 'waiting'), sql`${runs.state}->'waitingFor'->>'event' = 'tagAdded'`));
  const waitingFriends = new Set(waiting.map((row) => row.friendId));
  return {
    triggers,
    waitingFriends,
    hears: (workspaceId, friendId, tagId) => triggers.has(`${workspaceId}:${tagId}`) || waitingFriends.has(friendId),
  };
}
