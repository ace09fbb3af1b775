import type { WebhookEvent } from '../schemas/index.ts';
import type { FakeChannel } from './channels.ts';
import { followEvent, postbackEvent, textMessageEvent, unfollowEvent } from './events.ts';
import type { FakeLine } from './fake-line.ts';
import { simulateWebhook, type WebhookDelivery } from './webhook-simulator.ts';

/**
 * A virtual friend acting on a channel: the fake updates what it knows (blocked or not, a reply
 * token it will honour) and posts the signed event to the channel's webhook, as LINE would.
 */

export type FriendAction =
  | { type: 'follow'; isUnblocked?: boolean }
  | { type: 'unfollow' }
  | { type: 'message'; text: string }
  | { type: 'postback'; data: string; params?: Record<string, string> };

export interface FriendActionOptions {
  isRedelivery?: boolean;
  /** Overrides the channel's webhookUrl. */
  targetUrl?: string;
}

export type FriendActionResult =
  | { ok: true; event: WebhookEvent; delivery: WebhookDelivery }
  | { ok: false; reason: 'no-webhook' | 'no-secret' | 'unreachable'; message: string };

export async function actAsFriend(
  fake: FakeLine, channel: FakeChannel, userId: string, action: FriendAction, options: FriendActionOptions = {},
): Promise<FriendActionResult> {
  const targetUrl = options.targetUrl ?? channel.webhookUrl;
  if (!targetUrl) return { ok: false, reason: 'no-webhook', message: `channel ${channel.channelId} has no webhookUrl` };
  if (!channel.channelSecret) return { ok: false, reason: 'no-secret', message: `channel ${channel.channelId} has no channelSecret` };
  const event = buildEvent(fake, channel, userId, action, options.isRedelivery ?? false);
  try {
    const delivery = await simulateWebhook({
      targetUrl, channelSecret: channel.channelSecret, destination: channel.botUserId, events: [event],
    });
    return { ok: true, event, delivery };
  } catch (error) {
    return { ok: false, reason: 'unreachable', message: `webhook ${targetUrl} unreachable: ${String(error)}` };
  }
}

function buildEvent(fake: FakeLine, channel: FakeChannel, userId: string, action: FriendAction, isRedelivery: boolean): WebhookEvent {
  const base = { userId, timestamp: fake.now(), isRedelivery };
  const replyToken = () => fake.issueReplyToken(userId, channel.channelId);
  switch (action.type) {
    case 'follow':
      if (!fake.users.get(userId)) fake.users.register({ userId, displayName: userId });
      fake.users.setBlocked(userId, false);
      return followEvent({ ...base, replyToken: replyToken(), isUnblocked: action.isUnblocked ?? false });
    case 'unfollow':
      fake.users.setBlocked(userId, true);
      return unfollowEvent(base);
    case 'message':
      return textMessageEvent({ ...base, replyToken: replyToken(), text: action.text });
    case 'postback':
      return postbackEvent({ ...base, replyToken: replyToken(), data: action.data, ...(action.params ? { params: action.params } : {}) });
  }
}
