import { Type, type Static } from 'typebox';
import { Messages, WithRule } from '@lsb/shared/line';
import { AudienceRecipientTree, DemographicFilterTree } from './narrowcast-targets.ts';

/** Request bodies of the send endpoints. */

const notificationDisabled = Type.Optional(Type.Boolean());
/** Aggregation units feed the insight API's per-send open/click statistics. */
const customAggregationUnits = Type.Optional(Type.Array(
  Type.String({ pattern: '^[a-zA-Z0-9_]{1,30}$', lineMessage: 'Must be 1-30 characters of a-z, A-Z, 0-9 and _' }),
  { maxItems: 1 },
));

export const PushMessageRequest = Type.Object({
  to: Type.String({ minLength: 1 }),
  messages: Messages,
  notificationDisabled,
  customAggregationUnits,
});
export type PushMessageRequest = Static<typeof PushMessageRequest>;

export const MulticastRequest = Type.Object({
  to: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 500 }),
  messages: Messages,
  notificationDisabled,
  customAggregationUnits,
});
export type MulticastRequest = Static<typeof MulticastRequest>;

export const ReplyMessageRequest = Type.Object({
  replyToken: Type.String({ minLength: 1 }),
  messages: Messages,
  notificationDisabled,
});
export type ReplyMessageRequest = Static<typeof ReplyMessageRequest>;

export const NarrowcastRequest = Type.Object({
  messages: Messages,
  recipient: Type.Optional(AudienceRecipientTree),
  filter: Type.Optional(Type.Object({ demographic: Type.Optional(DemographicFilterTree) })),
  limit: Type.Optional(WithRule(
    Type.Object({
      max: Type.Optional(Type.Integer({ minimum: 1 })),
      upToRemainingQuota: Type.Optional(Type.Boolean()),
      forbidPartialDelivery: Type.Optional(Type.Boolean()),
    }),
    (limit) => limit.forbidPartialDelivery !== true || limit.upToRemainingQuota === true,
    'forbidPartialDelivery may be true only when upToRemainingQuota is true',
  )),
  notificationDisabled,
});
export type NarrowcastRequest = Static<typeof NarrowcastRequest>;

export const BroadcastRequest = Type.Object({
  messages: Messages,
  notificationDisabled,
});
export type BroadcastRequest = Static<typeof BroadcastRequest>;

/** One object id (`sentMessages[]`) per message object in an accepted push or reply. */
export const SentMessage = Type.Object({
  id: Type.String(),
  quoteToken: Type.Optional(Type.String()),
});
export type SentMessage = Static<typeof SentMessage>;

export const SendResponse = Type.Object({ sentMessages: Type.Array(SentMessage) });
export type SendResponse = Static<typeof SendResponse>;

/** Every LINE error body: a message and, for validation errors, the properties at fault. */
export const LineErrorBody = Type.Object({
  message: Type.String(),
  details: Type.Optional(Type.Array(Type.Object({
    message: Type.Optional(Type.String()),
    property: Type.Optional(Type.String()),
  }))),
  sentMessages: Type.Optional(Type.Array(SentMessage)),
});
export type LineErrorBody = Static<typeof LineErrorBody>;

export const UserProfile = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  pictureUrl: Type.Optional(Type.String()),
  statusMessage: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
});
export type UserProfile = Static<typeof UserProfile>;
