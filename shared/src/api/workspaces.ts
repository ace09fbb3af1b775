import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';
import { DeliveryWindows } from '../time/window-rules.ts';

/** IANA zone names; the runtime checks the zone is known to the time-zone database. */
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' });

export const Workspace = Type.Object({
  id: Uuid,
  name: Type.String(),
  timeZone: Type.String(),
  /** 配信時間帯: every scenario send waits for one of these unless its node opts out; [] = any time. */
  deliveryWindows: DeliveryWindows,
  createdAt: IsoDateTime,
});
export type Workspace = Static<typeof Workspace>;

export const CreateWorkspaceBody = Type.Object({ name: Name, timeZone: Type.Optional(TimeZone) }, { additionalProperties: false });
export type CreateWorkspaceBody = Static<typeof CreateWorkspaceBody>;

export const UpdateWorkspaceBody = Type.Object(
  { name: Type.Optional(Name), timeZone: Type.Optional(TimeZone), deliveryWindows: Type.Optional(DeliveryWindows) },
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
  createdAt: IsoDateTime,
});
export type Channel = Static<typeof Channel>;

export const CreateChannelBody = Type.Object(
  {
    name: Name,
    lineChannelId: Type.String({ pattern: '^[0-9]{6,20}$' }),
    channelSecret: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    channelAccessToken: Type.String({ minLength: 20, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type CreateChannelBody = Static<typeof CreateChannelBody>;
