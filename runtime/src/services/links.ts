import { and, desc, eq, sql } from 'drizzle-orm';
import type { ClickClaim } from '../crypto/click-token.ts';
import type { Db } from '../db/pool.ts';
import { friends, linkClicks, sends, trackedLinks } from '../db/schema/index.ts';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../clock.ts';
import { queueJob } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { touchLastReaction } from '../store/friends.ts';
import { recordTimeline } from '../store/timeline.ts';

/**
 * A friend opened a tracked link. In one transaction: the click (attributed to the run's send that
 * carried this URL, for the node's "clicked" count), the friend's last reaction and timeline, and
 * the friend-activity job that fires linkClicked triggers and moves wait-for-event nodes. Every
 * click is recorded (stats count distinct friends). Returns where to send the friend, or undefined
 * when the link is not in the friend's workspace.
 */
export async function recordClick(db: Db, ctx: { boss: PgBoss; clock: Clock }, claim: ClickClaim, token: string, linkId: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [friend] = await tx.select().from(friends).where(eq(friends.id, claim.friendId));
    if (!friend) return undefined;
    const [link] = await tx.select().from(trackedLinks).where(and(eq(trackedLinks.id, linkId), eq(trackedLinks.workspaceId, friend.workspaceId)));
    if (!link) return undefined;
    // The path, not the whole URL: PUBLIC_URL may have changed since the message was sent.
    // strpos, not LIKE: a token may hold `_`, which LIKE reads as a wildcard.
    const path = `/l/${token}/${linkId}`;
    const [send] = await tx.select({ id: sends.id, scenarioId: sends.scenarioId, nodeId: sends.nodeId }).from(sends)
      .where(and(eq(sends.runId, claim.runId), eq(sends.friendId, friend.id), sql`strpos(${sends.messages}::text, ${path}) > 0`))
      .orderBy(desc(sends.seq)).limit(1);
    const now = ctx.clock.now();
    await tx.insert(linkClicks).values({ workspaceId: friend.workspaceId, linkId, friendId: friend.id, sendId: send?.id ?? null, at: now });
    await touchLastReaction(tx, friend.id, now);
    await recordTimeline(tx, [{ friend, event: { kind: 'link_clicked', detail: { linkId, scenarioId: send?.scenarioId ?? null, nodeId: send?.nodeId ?? null } }, at: now }]);
    // A blocked friend cannot be messaged; the activity worker skips them anyway.
    if (friend.status === 'active') await queueJob(ctx.boss, tx, QUEUES.activity, { friendId: friend.id, activity: { kind: 'linkClicked', linkId } });
    return link.url;
  });
}
