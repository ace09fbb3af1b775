import type { PgBoss } from 'pg-boss';
import { webhookEvents } from '../db/schema/index.ts';
import { queueJobs } from './jobs.ts';
import { QUEUES } from './queues.ts';
import type { Db } from './tx.ts';

/**
 * Stores a webhook POST's events (deduplicated on webhookEventId) and, in the same transaction, one
 * webhook-event job per list `group` makes of the new ones. Returns how many events were new.
 */
export async function storeWebhookEvents<E extends { webhookEventId: string }>(
  db: Db,
  boss: PgBoss,
  channel: { id: string; workspaceId: string },
  events: E[],
  at: Date,
  group: (events: E[], isNew: Set<string>) => string[][],
): Promise<number> {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(webhookEvents)
      .values(events.map((event) => ({ workspaceId: channel.workspaceId, channelId: channel.id, webhookEventId: event.webhookEventId, event, receivedAt: at })))
      .onConflictDoNothing()
      .returning({ webhookEventId: webhookEvents.webhookEventId });
    if (inserted.length === 0) return 0; // every event was a redelivery we already hold
    await queueJobs(boss, tx, QUEUES.webhookEvent,
      group(events, new Set(inserted.map((row) => row.webhookEventId))).map((webhookEventIds) => ({ data: { channelId: channel.id, webhookEventIds } })));
    return inserted.length;
  });
}
