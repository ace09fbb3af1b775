import type { PgBoss } from 'pg-boss';
import type { WebhookEvent } from '../line/schemas/index.ts';
import type { Db } from '../store/tx.ts';
import { storeWebhookEvents } from '../store/webhook-events.ts';

/**
 * A verified webhook POST's events: stored (a redelivery is ignored) with their jobs in one
 * transaction, one job per user so that user's events apply in body order. Returns how many were new.
 */
export function acceptWebhookEvents(db: Db, boss: PgBoss, channel: { id: string; workspaceId: string }, events: WebhookEvent[], at: Date): Promise<number> {
  return storeWebhookEvents(db, boss, channel, events, at, groupByUser);
}

/**
 * The new events, one list per user in body order. One job per event let a user's follow and
 * unfollow in one POST run in either order (pg-boss does not keep insertion order), leaving a
 * friend who blocked us active and in a scenario; one job per user applies them in order.
 */
function groupByUser(events: WebhookEvent[], isNew: Set<string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const event of events) {
    if (!isNew.delete(event.webhookEventId)) continue; // a redelivery, or the same id twice in one body
    const key = event.source.userId ?? `event:${event.webhookEventId}`;
    const group = groups.get(key);
    if (group) group.push(event.webhookEventId);
    else groups.set(key, [event.webhookEventId]);
  }
  return [...groups.values()];
}
