import type { VerifiedClick } from '../crypto/click-token.ts';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../clock.ts';
import { queueJob } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { findLink } from '../store/catalogue.ts';
import { lockFriend, touchLastReaction } from '../store/friends.ts';
import { findSendCarrying, hasClicked, insertLinkClick } from '../store/link-clicks.ts';
import { recordTimeline } from '../store/timeline.ts';
import { listPointRows } from '../store/conversions.ts';
import { recordNodeClicker } from '../store/measure.ts';
import type { Db, Tx } from '../store/tx.ts';
import { CLICK_TOKEN_PARAM } from '@lsb/shared/api';

/** Where a tracked link may send people: an absolute http(s) URL with a host and no credentials. */
export function isRedirectableUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * A link into the site of one of the workspace's conversion points carries the friend's click token
 * (`lsb_ct`), so that site's thank-you page can report the conversion (pixel or redirect).
 */
async function withClickToken(tx: Tx, workspaceId: string, url: string, token: string): Promise<string> {
  const origins = new Set((await listPointRows(tx, workspaceId)).flatMap((point) => (Array.isArray(point.urls) ? point.urls : [])
    .flatMap((u) => (typeof u === 'string' && isRedirectableUrl(u) ? [new URL(u).origin] : []))));
  const target = new URL(url);
  if (!origins.has(target.origin)) return url;
  target.searchParams.set(CLICK_TOKEN_PARAM, token);
  return target.toString();
}

interface Open { claim: VerifiedClick; token: string; linkId: string; countable: boolean }

/**
 * A friend opened a tracked link. Returns the link's stored URL (only ever that), or undefined when
 * the link is not in the friend's workspace. The first countable open of this link from this send
 * is a click, in one transaction: the click (attributed to the run's send that carried this URL, for
 * the node's "clicked" count), the friend's last reaction and timeline, and the friend-activity job
 * that fires linkClicked triggers and moves wait-for-event nodes. Later opens only redirect.
 */
export async function openTrackedLink(db: Db, ctx: { boss: PgBoss; clock: Clock }, { claim, token, linkId, countable }: Open): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    // Locked: two taps at once count once.
    const friend = await lockFriend(tx, claim.friendId);
    if (!friend) return undefined;
    const link = await findLink(tx, friend.workspaceId, linkId);
    if (!link || !isRedirectableUrl(link.url)) return undefined;
    const destination = await withClickToken(tx, friend.workspaceId, link.url, token);
    if (!countable || claim.expired) return destination;
    // The path, not the whole URL: PUBLIC_URL may have changed since the message was sent.
    const send = await findSendCarrying(tx, claim.runId, friend.id, `/l/${token}/${linkId}`);
    if (await hasClicked(tx, friend.id, linkId, send?.id)) return destination;
    const now = ctx.clock.now();
    await insertLinkClick(tx, { workspaceId: friend.workspaceId, linkId, friendId: friend.id, sendId: send?.id ?? null, at: now });
    await touchLastReaction(tx, friend.id, now);
    await recordTimeline(tx, [{ friend, event: { kind: 'link_clicked', detail: { linkId, scenarioId: send?.scenarioId ?? null, nodeId: send?.nodeId ?? null } }, at: now }]);
    // A blocked friend cannot be messaged; the activity worker skips them anyway.
    if (friend.status === 'active') await queueJob(ctx.boss, tx, QUEUES.activity, { friendId: friend.id, activity: { kind: 'linkClicked', linkId } });
    if (send?.scenarioId && send.nodeId) await recordNodeClicker(tx, { workspaceId: friend.workspaceId, scenarioId: send.scenarioId, nodeId: send.nodeId, friendId: friend.id, at: now });
    return destination;
  });
}
