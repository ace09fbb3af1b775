import { Type, type Static } from 'typebox';
import type { LineErrorDetail } from '@lsb/shared/line';
import { createLineValidator } from '@lsb/shared/line';

/**
 * Webhook bodies as LINE posts them. Only the events the runtime acts on are modelled; any other
 * event type is accepted and set aside, because LINE adds event types over time and a webhook must
 * never answer them with an error.
 */

export const EventSource = Type.Union([
  Type.Object({ type: Type.Literal('user'), userId: Type.String({ minLength: 1 }) }),
  Type.Object({ type: Type.Literal('group'), groupId: Type.String({ minLength: 1 }), userId: Type.Optional(Type.String()) }),
  Type.Object({ type: Type.Literal('room'), roomId: Type.String({ minLength: 1 }), userId: Type.Optional(Type.String()) }),
]);
export type EventSource = Static<typeof EventSource>;

const eventCommon = {
  /** `standby`: another channel handles this chat (module mode); do not reply. */
  mode: Type.Union([Type.Literal('active'), Type.Literal('standby')]),
  timestamp: Type.Integer({ minimum: 0 }),
  source: EventSource,
  webhookEventId: Type.String({ minLength: 1 }),
  deliveryContext: Type.Object({ isRedelivery: Type.Boolean() }),
};

export const FollowEvent = Type.Object({
  type: Type.Literal('follow'),
  ...eventCommon,
  replyToken: Type.String({ minLength: 1 }),
  /** LINE does not guarantee it; absent means unknown. */
  follow: Type.Optional(Type.Object({ isUnblocked: Type.Boolean() })),
});
export type FollowEvent = Static<typeof FollowEvent>;

export const UnfollowEvent = Type.Object({ type: Type.Literal('unfollow'), ...eventCommon });
export type UnfollowEvent = Static<typeof UnfollowEvent>;

/** Message content varies by kind (text, image, sticker, …); the runtime reads `type`, `id` and `text`. */
export const MessageContent = Type.Object({
  id: Type.String({ minLength: 1 }),
  type: Type.String({ minLength: 1 }),
  text: Type.Optional(Type.String()),
  quoteToken: Type.Optional(Type.String()),
});

export const MessageEvent = Type.Object({
  type: Type.Literal('message'),
  ...eventCommon,
  replyToken: Type.Optional(Type.String()),
  message: MessageContent,
});
export type MessageEvent = Static<typeof MessageEvent>;

export const PostbackEvent = Type.Object({
  type: Type.Literal('postback'),
  ...eventCommon,
  replyToken: Type.Optional(Type.String()),
  postback: Type.Object({
    data: Type.String(),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
export type PostbackEvent = Static<typeof PostbackEvent>;

export const WebhookEvent = Type.Union([FollowEvent, UnfollowEvent, MessageEvent, PostbackEvent]);
export type WebhookEvent = Static<typeof WebhookEvent>;

export const WebhookBody = Type.Object({
  destination: Type.String(),
  events: Type.Array(Type.Object({ type: Type.String() })),
});

export interface ParsedWebhookBody {
  destination: string;
  /** Events the runtime acts on, in delivery order. */
  events: WebhookEvent[];
  /** Types this runtime does not handle (join, beacon, …): accepted and ignored. */
  ignored: Array<{ index: number; type: string }>;
  /** Known types whose shape is broken: reported, never a reason to reject the whole batch. */
  invalid: Array<{ index: number; type: string; details: LineErrorDetail[] }>;
}

const knownTypes = new Set<string>(['follow', 'unfollow', 'message', 'postback']);
const validateBody = createLineValidator(WebhookBody);
const validateEvent = createLineValidator(WebhookEvent);

/** Parses an already signature-checked JSON body; an empty `events` list is LINE's endpoint check. */
export function parseWebhookBody(json: unknown): { ok: true; value: ParsedWebhookBody } | { ok: false; details: LineErrorDetail[] } {
  const body = validateBody(json);
  if (!body.ok) return body;
  const parsed: ParsedWebhookBody = { destination: body.value.destination, events: [], ignored: [], invalid: [] };
  body.value.events.forEach((raw, index) => {
    if (!knownTypes.has(raw.type)) {
      parsed.ignored.push({ index, type: raw.type });
      return;
    }
    const event = validateEvent(raw);
    if (event.ok) parsed.events.push(event.value);
    else parsed.invalid.push({ index, type: raw.type, details: event.details });
  });
  return { ok: true, value: parsed };
}
