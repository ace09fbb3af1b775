import { randomBytes } from 'node:crypto';
import type { FollowEvent, MessageEvent, PostbackEvent, UnfollowEvent } from '../schemas/index.ts';

/** Webhook events as LINE builds them, for simulating friends. */

export interface EventOptions {
  userId: string;
  /** Milliseconds since the epoch; default now. */
  timestamp?: number;
  webhookEventId?: string;
  isRedelivery?: boolean;
  mode?: 'active' | 'standby';
}

export interface RepliableEventOptions extends EventOptions {
  /** Default: a random token (one the fake LINE server will not accept for a reply). */
  replyToken?: string;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** LINE's webhookEventId is a ULID: 10 characters of time, 16 of randomness. */
export function createWebhookEventId(timestamp: number): string {
  let time = '';
  let remaining = timestamp;
  for (let index = 0; index < 10; index += 1) {
    time = (CROCKFORD[remaining % 32] ?? '0') + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
  return time + random;
}

function common(options: EventOptions) {
  const timestamp = options.timestamp ?? Date.now();
  return {
    mode: options.mode ?? 'active',
    timestamp,
    source: { type: 'user', userId: options.userId },
    webhookEventId: options.webhookEventId ?? createWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: options.isRedelivery ?? false },
  } as const;
}

const replyTokenOf = (options: RepliableEventOptions) => options.replyToken ?? randomBytes(16).toString('hex');

export function followEvent(options: RepliableEventOptions & { isUnblocked?: boolean }): FollowEvent {
  return {
    type: 'follow', ...common(options), replyToken: replyTokenOf(options),
    follow: { isUnblocked: options.isUnblocked ?? false },
  };
}

export function unfollowEvent(options: EventOptions): UnfollowEvent {
  return { type: 'unfollow', ...common(options) };
}

export function textMessageEvent(options: RepliableEventOptions & { text: string; messageId?: string }): MessageEvent {
  return {
    type: 'message', ...common(options), replyToken: replyTokenOf(options),
    message: {
      id: options.messageId ?? String(BigInt(`0x${randomBytes(7).toString('hex')}`)),
      type: 'text',
      text: options.text,
      quoteToken: randomBytes(12).toString('base64url'),
    },
  };
}

export function postbackEvent(options: RepliableEventOptions & { data: string; params?: Record<string, string> }): PostbackEvent {
  return {
    type: 'postback', ...common(options), replyToken: replyTokenOf(options),
    postback: { data: options.data, ...(options.params ? { params: options.params } : {}) },
  };
}
