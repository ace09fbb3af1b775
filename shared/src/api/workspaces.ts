import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';
import { ChannelLogin, SaveChannelLoginBody } from './inflow-routes.ts';
import { DeliveryWindows } from '../time/window-rules.ts';

/** IANA zone names; the runtime checks the zone is known to the time-zone database. */
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' });

const CapLimit = Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()]);
/**
 * 配信上限: at most this many messages per friend per day / per week (days and ISO weeks from
 * Monday, in the workspace's zone), scenario and broadcast sends alike; null = no limit. A send
 * marked "always deliver" ignores it (and still counts). A weekly limit below the daily one is
 * refused (422 `invalid_message_caps`).
 */
export const MessageCaps = Type.Object({ perDay: CapLimit, perWeek: CapLimit }, { additionalProperties: false });
export type MessageCaps = Static<typeof MessageCaps>;

export const Workspace = Type.Object({
  id: Uuid,
  name: Type.String(),
  timeZone: Type.String(),
  /** 配信時間帯: every scenario send waits for one of these unless its node opts out; [] = any time. */
  deliveryWindows: DeliveryWindows,
  messageCaps: MessageCaps,
  createdAt: IsoDateTime,
});
export type Workspace = Static<typeof Workspace>;

export const CreateWorkspaceBody = Type.Object({ name: Name, timeZone: Type.Optional(TimeZone) }, { additionalProperties: false });
export type CreateWorkspaceBody = Static<typeof CreateWorkspaceBody>;

export const UpdateWorkspaceBody = Type.Object(
  { name: Type.Optional(Name), timeZone: Type.Optional(TimeZone), deliveryWindows: Type.Optional(DeliveryWindows), messageCaps: Type.Optional(MessageCaps) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWorkspaceBody = Static<typeof UpdateWorkspaceBody>;

export const Channel = Type.Object({
  id: Uuid,
  workspaceId: Uuid,
  name: Type.String(),
  lineChannelId: Type.String(),
  isFake: Type.Boolean(),
  /** Only the last characters, so an operator can tell credentials apart without seeing them. */
  channelSecretHint: Type.String(),
  accessTokenHint: Type.String(),
  /** What to paste into the LINE Developers console as the webhook URL. */
  webhookUrl: Type.String(),
  /** LINE Login settings (inflow routes); null until set. */
  login: Type.Union([ChannelLogin, Type.Null()]),
  /** What to register as the LINE Login channel's callback URL. */
  loginCallbackUrl: Type.String(),
  createdAt: IsoDateTime,
});
export type Channel = Static<typeof Channel>;

export const CreateChannelBody = Type.Object(
  {
    name: Name,
    lineChannelId: Type.String({ pattern: '^[0-9]{6,20}$' }),
    channelSecret: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    channelAccessToken: Type.String({ minLength: 20, maxLength: 1000 }),
    /** Optional LINE Login settings, so inflow routes can identify who opened them. */
    login: Type.Optional(SaveChannelLoginBody),
  },
  { additionalProperties: false },
);
export type CreateChannelBody = Static<typeof CreateChannelBody>;
