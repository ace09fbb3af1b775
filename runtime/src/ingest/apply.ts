import type { WebhookEvent } from '../line/schemas/index.ts';
import type { RunContext } from '../runs/context.ts';
import { onFollows, onReactions, onUnfollow, type ChannelRef, type FollowInput, type Reaction } from '../runs/friend-events.ts';
import type { Tx } from '../store/tx.ts';

const userOf = (event: WebhookEvent): string => event.source.userId!;

/**
 * Applies a channel's events, already in arrival order, in rounds: round k holds every user's k-th
 * event of the batch, so one user's follow and unfollow apply in the order LINE sent them, while a
 * round of a thousand users' follows is one set of multi-row statements.
 */
export async function applyWebhookEvents(tx: Tx, ctx: RunContext, channel: ChannelRef, events: WebhookEvent[]): Promise<void> {
  const rounds: WebhookEvent[][] = [];
  const seen = new Map<string, number>();
  for (const event of events) {
    const round = seen.get(userOf(event)) ?? 0;
    seen.set(userOf(event), round + 1);
    (rounds[round] ??= []).push(event);
  }
  for (const round of rounds) await applyRound(tx, ctx, channel, round);
}

async function applyRound(tx: Tx, ctx: RunContext, channel: ChannelRef, events: WebhookEvent[]): Promise<void> {
  const follows: FollowInput[] = [];
  const reactions: Reaction[] = [];
  const unfollows: string[] = [];
  for (const event of events) {
    const lineUserId = userOf(event);
    const active = event.mode === 'active';
    switch (event.type) {
      case 'follow':
        follows.push({ lineUserId, active });
        break;
      case 'unfollow':
        unfollows.push(lineUserId);
        break;
      case 'message':
        reactions.push({ kind: 'message', lineUserId, active, messageType: event.message.type, text: event.message.type === 'text' ? event.message.text : undefined });
        break;
      case 'postback':
        reactions.push({ kind: 'postback', lineUserId, active, data: event.postback.data });
        break;
    }
  }
  await onFollows(tx, ctx, channel, follows);
  for (const lineUserId of unfollows) await onUnfollow(tx, ctx, channel, lineUserId);
  await onReactions(tx, ctx, channel, reactions);
}
