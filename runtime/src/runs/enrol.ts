import { activeFriendWorkspaces } from '../store/friends.ts';
import type { Tx } from '../store/tx.ts';
import type { RunContext } from './context.ts';
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
