import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';

export const CreateVirtualFriendBody = Type.Object(
  { displayName: Type.String({ minLength: 1, maxLength: 20 }), inflowRouteId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type CreateVirtualFriendBody = Static<typeof CreateVirtualFriendBody>;

export const VirtualFriendParams = Type.Object({ workspaceId: Uuid, friendId: Uuid });

export const SimulatorTextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
export const SimulatorPostbackBody = Type.Object({ data: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false });

export const InboxEntry = Type.Object({
  at: IsoDateTime,
  /** LINE message objects exactly as the fake LINE server accepted them. */
  messages: Type.Array(Type.Unknown()),
});
export const InboxResponse = Type.Object({ entries: Type.Array(InboxEntry) });
export type InboxResponse = Static<typeof InboxResponse>;

export const FastForwardResponse = Type.Object({ fired: Type.Integer() });
