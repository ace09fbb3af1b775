import { friendsWaitingFor } from '../store/runs.ts';
import type { Tx } from '../store/tx.ts';
import { liveScenarios, versionGraphs } from '../store/version-graphs.ts';

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
  const live = await liveScenarios(tx, workspaceIds);
  const graphs = await versionGraphs(tx, live.map((scenario) => scenario.versionId));
  const triggers = new Set<string>();
  for (const scenario of live) {
    for (const node of graphs.get(scenario.versionId)!.nodes) {
      if (node.type === 'trigger' && node.data.trigger.kind === 'tagAdded') triggers.add(`${scenario.workspaceId}:${node.data.trigger.tagId}`);
    }
  }
  const waitingFriends = await friendsWaitingFor(tx, friendIds, 'tagAdded');
  return {
    triggers,
    waitingFriends,
    hears: (workspaceId, friendId, tagId) => triggers.has(`${workspaceId}:${tagId}`) || waitingFriends.has(friendId),
  };
}
