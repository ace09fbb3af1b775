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
/** From `at` (real time) on, the friend's clock ran `offsetMs` ahead: set by each fast-forward. */
export const ClockShift = Type.Object({ at: IsoDateTime, offsetMs: Type.Integer() });
export type ClockShift = Static<typeof ClockShift>;

/**
 * A virtual friend's own clock: the chat shows every moment at the friend's time then (real time
 * plus the offset in force at that moment).
 */
export const FriendClock = Type.Object({ offsetMs: Type.Integer(), shifts: Type.Array(ClockShift) });
export type FriendClock = Static<typeof FriendClock>;

export const InboxResponse = Type.Object({ entries: Type.Array(InboxEntry), clock: FriendClock });
export type InboxResponse = Static<typeof InboxResponse>;

/** How many runs woke, and where the friend's clock now stands. */
export const FastForwardResponse = Type.Object({ fired: Type.Integer(), simulatedNow: IsoDateTime, offsetMs: Type.Integer() });
export type FastForwardResponse = Static<typeof FastForwardResponse>;

/**
 * The friend's time at a real moment: the real moment plus the offset in force then. A shift
 * applies strictly after its own moment: what was delivered in the same millisecond as a
 * fast-forward was already in the chat when it was pressed (what it wakes is sent later).
 */
export function simulatedTime(realAt: string, shifts: readonly ClockShift[]): Date {
  const real = Date.parse(realAt);
  let offset = 0;
  for (const shift of shifts) if (Date.parse(shift.at) < real) offset = shift.offsetMs;
  return new Date(real + offset);
}
