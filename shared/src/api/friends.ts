import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';
import { RunStatus } from './statuses.ts';
import type { TimelineKind } from './timeline.ts';

export const FriendStatus = Type.Union([Type.Literal('active'), Type.Literal('blocked')]);

export const FriendSummary = Type.Object({
  id: Uuid,
  channelId: Uuid,
  lineUserId: Type.String(),
  displayName: Type.String(),
  status: FriendStatus,
  inflowRouteId: Type.Union([Uuid, Type.Null()]),
  registeredAt: IsoDateTime,
  lastReactionAt: Type.Union([IsoDateTime, Type.Null()]),
  /** Marked as a tester: receives broadcast test-sends (optional for older clients; the runtime always says). */
  isTester: Type.Optional(Type.Boolean()),
});
export type FriendSummary = Static<typeof FriendSummary>;

export const FriendRun = Type.Object({
  id: Uuid,
  scenarioId: Uuid,
  versionId: Uuid,
  status: RunStatus,
  currentNodeId: Type.Union([Type.String(), Type.Null()]),
  wakeAt: Type.Union([IsoDateTime, Type.Null()]),
  startedAt: IsoDateTime,
});

/** One timeline row as read back: `kind` is a TimelineKind (written only through TimelineEvent; kept a string on the wire). */
export const TimelineEntry = Type.Object({
  kind: Type.Unsafe<TimelineKind>(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  at: IsoDateTime,
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const FriendDetail = Type.Intersect([
  FriendSummary,
  Type.Object({
    tagIds: Type.Array(Uuid),
    fields: Type.Record(Type.String(), Type.Unknown()),
    runs: Type.Array(FriendRun),
    timeline: Type.Array(TimelineEntry),
  }),
]);
export type FriendDetail = Static<typeof FriendDetail>;

export const ListFriendsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const SearchFriendsBody = Type.Object(
  {
    condition: Type.Unknown(),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const FriendPage = Type.Object({ friends: Type.Array(FriendSummary), total: Type.Integer() });

export const SetFriendTagsBody = Type.Object(
  { add: Type.Optional(Type.Array(Uuid)), remove: Type.Optional(Type.Array(Uuid)) },
  { additionalProperties: false },
);

export const ListRunsQuery = Type.Object({
  scenarioId: Type.Optional(Uuid),
  friendId: Type.Optional(Uuid),
  status: Type.Optional(RunStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export const RunSummary = Type.Intersect([FriendRun, Type.Object({ friendId: Uuid })]);

