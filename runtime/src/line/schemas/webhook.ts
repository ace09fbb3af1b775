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
  /** Absent on a standby-mode follow (another channel answers the chat): the friend is still recorded. */
  replyToken: Type.Optional(Type.String({ minLength: 1 })),
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

/** Why an event is kept but not applied. */
export type SetAsideReason = 'invalid_shape' | 'not_a_user_source' | 'malformed_user_id';

export interface SetAsideEvent {
  index: number;
  type: string;
  /** LINE's id for the event, or one derived from its bytes when it has none (so a redelivery dedupes). */
  webhookEventId: string | undefined;
  reason: SetAsideReason;
  raw: unknown;
  details?: LineErrorDetail[];
}

export interface ParsedWebhookBody {
  destination: string;
  /** Events the runtime acts on, in delivery order. */
  events: WebhookEvent[];
  /** Types this runtime does not handle (join, beacon, …): accepted and ignored. */
  ignored: Array<{ index: number; type: string }>;
  /**
   * Events of a known type that cannot be applied: a broken shape, a group or room source (a group
   * member is not a friend), a user id that is not LINE's format. Each is set aside with its
   * reason on its own, never a reason to reject its neighbours.
   */
  setAside: SetAsideEvent[];
}

const knownTypes = new Set<string>(['follow', 'unfollow', 'message', 'postback']);
const validateBody = createLineValidator(WebhookBody);
const validateEvent = createLineValidator(WebhookEvent);

/** LINE user ids are `U` and 32 lower-case hex digits. */
export const LINE_USER_ID = /^U[0-9a-f]{32}$/;

/** Parses an already signature-checked JSON body; an empty `events` list is LINE's endpoint check. */
export function parseWebhookBody(json: unknown): { ok: true; value: ParsedWebhookBody } | { ok: false; details: LineErrorDetail[] } {
  const body = validateBody(json);
  if (!body.ok) return body;
  const parsed: ParsedWebhookBody = { destination: body.value.destination, events: [], ignored: [], setAside: [] };
  body.value.events.forEach((raw, index) => {
    if (!knownTypes.has(raw.type)) {
      parsed.ignored.push({ index, type: raw.type });
      return;
    }
    const setAside = (reason: SetAsideReason, details?: LineErrorDetail[]) => parsed.setAside.push({
      index, type: raw.type, webhookEventId: idOf(raw), reason, raw, ...(details ? { details } : {}),
    });
    const event = validateEvent(raw);
    if (!event.ok) return setAside('invalid_shape', event.details);
    if (event.value.source.type !== 'user') return setAside('not_a_user_source');
    if (!LINE_USER_ID.test(event.value.source.userId)) return setAside('malformed_user_id');
    parsed.events.push(event.value);
  });
  return { ok: true, value: parsed };
}

function idOf(raw: object): string | undefined {
  const id = (raw as { webhookEventId?: unknown }).webhookEventId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
