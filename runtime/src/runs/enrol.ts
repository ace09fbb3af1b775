import { activeFriendWorkspaces } from '../store/friends.ts';
import type { EnrolmentChunk } from '../store/enrolments.ts';
import type { Tx } from '../store/tx.ts';
import { liveScenarios, versionGraphs } from '../store/version-graphs.ts';
import type { RunContext } from './context.ts';
import { factNeedsOf, loadFriendSnapshots } from './friend-snapshot.ts';
import { enterScenarios } from './triggers.ts';

/**
 * Puts friends into scenarios by hand (UI, API, a segment, or another scenario's start node), in
 * one batch. Only a scenario with a manual trigger can be entered this way; that trigger's re-entry
 * policy decides. Blocked friends are skipped.
 */
export async function enrolFriends(tx: Tx, ctx: RunContext, requests: Array<{ friendId: string; scenarioId: string }>): Promise<number> {
  if (requests.length === 0) return 0;
  const workspaceOf = await activeFriendWorkspaces(tx, requests.map((r) => r.friendId));
  const entries = requests.flatMap((request) => {
    const workspaceId = workspaceOf.get(request.friendId);
    return workspaceId ? [{ friendId: request.friendId, workspaceId, event: { kind: 'manual' as const }, onlyScenarioId: request.scenarioId }] : [];
  });
  return (await enterScenarios(tx, ctx, entries)).length;
}

/**
 * A queued chunk of one scenario's enrolments, as enrolFriends would apply it, with its friends
 * read once: the snapshots that tell the blocked from the active are the ones their first step
 * reads (a chunk of 1,000 read its friends twice, about a tenth of PostgreSQL's time a friend).
 */
export async function enrolChunk(tx: Tx, ctx: RunContext, chunk: EnrolmentChunk): Promise<number> {
  const scenario = (await liveScenarios(tx, [chunk.workspaceId])).find((live) => live.id === chunk.scenarioId);
  if (!scenario) return 0;
  const graphs = await versionGraphs(tx, [scenario.versionId]);
  const snapshots = await loadFriendSnapshots(tx, chunk.friendIds, factNeedsOf(graphs.values()), ctx.clock.now());
  const entries = chunk.friendIds.flatMap((friendId) => {
    const snapshot = snapshots.get(friendId);
    return snapshot?.status === 'active' && snapshot.workspaceId === chunk.workspaceId
      ? [{ friendId, workspaceId: chunk.workspaceId, event: { kind: 'manual' as const }, onlyScenarioId: chunk.scenarioId }] : [];
  });
  return (await enterScenarios(tx, ctx, entries, undefined, snapshots)).length;
}
