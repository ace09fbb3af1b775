import { eq } from 'drizzle-orm';
import { friends, workspaces } from '../db/schema/index.ts';
import type { EngineFriend } from '../engine/step.ts';
import { loadFriendActivity, type Tx } from '../services/friends.ts';

/** The friend as the engine sees them at this moment, plus the workspace zone the step runs in. */
export async function loadEngineFriend(tx: Tx, friendId: string): Promise<{ friend: EngineFriend; timeZone: string; channelId: string; status: string }> {
  const [row] = await tx.select({ friend: friends, timeZone: workspaces.timeZone }).from(friends)
    .innerJoin(workspaces, eq(workspaces.workspaceId, friends.workspaceId)).where(eq(friends.id, friendId));
  if (!row) throw new Error(`friend ${friendId} does not exist`);
  const activity = await loadFriendActivity(tx, friendId);
  const f = row.friend;
  return {
    timeZone: row.timeZone,
    channelId: f.channelId,
    status: f.status,
    friend: {
      displayName: f.displayName,
      facts: {
        status: f.status,
        tagIds: new Set(activity.tagIds),
        fields: f.fields,
        inflowRouteId: f.inflowRouteId,
        registeredAt: f.registeredAt,
        lastReactionAt: f.lastReactionAt,
        runs: activity.runs,
        clickedLinkIds: new Set(activity.clickedLinkIds),
        receivedSends: activity.receivedSends,
        conversionNames: new Set(activity.conversions),
      },
    },
  };
}
