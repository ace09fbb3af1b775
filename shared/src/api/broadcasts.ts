import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';
import { FriendSummary } from './friends.ts';
import { MessageDraft } from '../messages/draft.ts';
import { SendDelivery } from '../nodes/send.ts';
import { TimeOfDay } from '../graph/primitives.ts';

// 一斉配信 / セグメント配信: a one-off, scheduled or monthly message to all friends, a saved segment
// or an ad-hoc condition. Messages use the send node's schema (MessageDraft) and LINE's limits
// (messages/check-limits.ts); the runtime freezes the audience when sending starts and hands it to
// LINE through the send outbox (multicast ≤ 500 for identical messages, push for personalised).

/** Who receives it. Conditions are shared's segment conditions (checked by the runtime). */
export const BroadcastAudience = Type.Union([
  Type.Object({ kind: Type.Literal('all') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('segment'), segmentId: Uuid }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('condition'), condition: Type.Unknown() }, { additionalProperties: false }),
]);
export type BroadcastAudience = Static<typeof BroadcastAudience>;

/** Friends left out even when the audience holds them. */
export const BroadcastExclusion = Type.Union([
  Type.Object({ kind: Type.Literal('segment'), segmentId: Uuid }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('condition'), condition: Type.Unknown() }, { additionalProperties: false }),
]);
export type BroadcastExclusion = Static<typeof BroadcastExclusion>;

/** `YYYY-MM-DDTHH:MM`, a wall-clock moment in the workspace's time zone. */
export const LocalDateTime = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$' });

/**
 * When it goes: at once when started; once at a time (workspace time zone); or every month on a day
 * (a day past the month's end means its last day) at a time. Each monthly occurrence evaluates the
 * audience then, so a `birthdayMonth: current` condition reaches that month's birthdays.
 */
export const BroadcastSchedule = Type.Union([
  Type.Object({ kind: Type.Literal('now') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('at'), at: LocalDateTime }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('monthly'), day: Type.Integer({ minimum: 1, maximum: 31 }), time: TimeOfDay }, { additionalProperties: false }),
]);
export type BroadcastSchedule = Static<typeof BroadcastSchedule>;

/** Why a frozen recipient was not sent to. */
export const BROADCAST_SKIP_REASONS = ['blocked', 'waiting_for_reply', 'over_cap'] as const;
export type BroadcastSkipReason = (typeof BROADCAST_SKIP_REASONS)[number];

export const BroadcastOptions = Type.Object(
  {
    /** Leave out friends waiting in a scenario for their reply (a wait-for-event node), so a blast does not cut across a conversation. */
    skipWaitingForReply: Type.Boolean({ default: false }),
    /** Leave out friends already at the workspace's frequency cap (when caps are configured). */
    respectCaps: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type BroadcastOptions = Static<typeof BroadcastOptions>;

/** What the editor saves while composing; every field is kept as given until started. */
export const BroadcastDraftBody = Type.Object(
  {
    name: Name,
    /** 1 to 5 messages (LINE's limit), each within LINE's limits: refused with `invalid_messages` at start. */
    messages: Type.Array(MessageDraft, { maxItems: 50 }),
    audience: BroadcastAudience,
    exclusions: Type.Array(BroadcastExclusion, { maxItems: 20 }),
    options: BroadcastOptions,
    schedule: BroadcastSchedule,
    /** 配信時間帯 like the send node: the workspace's (default), any time (`off`) or its own rules. */
    delivery: SendDelivery,
  },
  { additionalProperties: false },
);
export type BroadcastDraftBody = Static<typeof BroadcastDraftBody>;

/**
 * draft: being composed; scheduled: waiting for its time (a monthly one between occurrences);
 * running: sending (held outside its delivery window); paused; done; cancelled.
 */
export const BroadcastStatus = Type.Union([
  Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('running'), Type.Literal('paused'), Type.Literal('done'), Type.Literal('cancelled'),
]);
export type BroadcastStatus = Static<typeof BroadcastStatus>;
export const BROADCAST_STATUSES = BroadcastStatus.anyOf.map((literal) => literal.const) as [BroadcastStatus, ...BroadcastStatus[]];

export const Broadcast = Type.Intersect([
  BroadcastDraftBody,
  Type.Object({
    id: Uuid,
    status: BroadcastStatus,
    /** The next occurrence (scheduled), as an instant; null otherwise. */
    nextAt: Type.Union([IsoDateTime, Type.Null()]),
    /** Whether the messages personalise (placeholders, tracked links): sent by push, else by multicast. */
    personalised: Type.Boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  }),
]);
export type Broadcast = Static<typeof Broadcast>;

export const BroadcastSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  status: BroadcastStatus,
  schedule: BroadcastSchedule,
  nextAt: Type.Union([IsoDateTime, Type.Null()]),
  /** The latest occurrence's counts, when one started. */
  lastOccurrence: Type.Union([Type.Object({ startedAt: IsoDateTime, recipients: Type.Integer(), sent: Type.Integer() }), Type.Null()]),
  updatedAt: IsoDateTime,
});
export type BroadcastSummary = Static<typeof BroadcastSummary>;
export const BroadcastList = Type.Object({ broadcasts: Type.Array(BroadcastSummary) });

export const BroadcastParams = Type.Object({ workspaceId: Uuid, id: Uuid });

/** LINE's monthly message quota as its quota and consumption endpoints report it. */
export const LineQuota = Type.Object({
  /** null: no limit (LINE's `type: none`). */
  limit: Type.Union([Type.Integer(), Type.Null()]),
  used: Type.Integer(),
  /** null: no limit. */
  remaining: Type.Union([Type.Integer(), Type.Null()]),
});
export type LineQuota = Static<typeof LineQuota>;

/** A live count of who would receive it now, and the quota it would use. */
export const BroadcastPreviewBody = Type.Object(
  { audience: BroadcastAudience, exclusions: Type.Array(BroadcastExclusion, { maxItems: 20 }), options: BroadcastOptions },
  { additionalProperties: false },
);
export type BroadcastPreviewBody = Static<typeof BroadcastPreviewBody>;
export const BroadcastPreview = Type.Object({
  /** Active friends in the audience after exclusions (blocked friends never count). */
  audience: Type.Integer(),
  /** Of those, left out by the options, by reason. */
  skipped: Type.Object({ waiting_for_reply: Type.Integer(), over_cap: Type.Integer() }),
  recipients: Type.Integer(),
  /** Messages counted against the monthly quota: one per recipient (LINE counts each multicast recipient). */
  quotaNeeded: Type.Integer(),
  /** null when LINE could not be asked (the count still stands). */
  quota: Type.Union([LineQuota, Type.Null()]),
  /** quotaNeeded fits into what remains this month (true when unlimited or unknown). */
  withinQuota: Type.Boolean(),
});
export type BroadcastPreview = Static<typeof BroadcastPreview>;

/** Test-send to friends marked as testers (all of them unless some are named). */
export const BroadcastTestBody = Type.Object({ friendIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50 })) }, { additionalProperties: false });
export const BroadcastTestResult = Type.Object({ sentTo: Type.Array(Uuid) });
export const TesterList = Type.Object({ testers: Type.Array(FriendSummary) });
export const SetTesterBody = Type.Object({ tester: Type.Boolean() }, { additionalProperties: false });
export const TesterState = Type.Object({ friendId: Uuid, isTester: Type.Boolean() });

/** One occurrence's progress (a one-off broadcast has one; a monthly one, one per month). */
export const BroadcastProgress = Type.Object({
  broadcastId: Uuid,
  status: BroadcastStatus,
  /** Outside its delivery window: held until it opens (`heldUntil`). */
  held: Type.Boolean(),
  heldUntil: Type.Union([IsoDateTime, Type.Null()]),
  occurrence: Type.Union([Type.Object({
    id: Uuid,
    /** `once` or `YYYY-MM` for a monthly one. */
    key: Type.String(),
    startedAt: IsoDateTime,
    finishedAt: Type.Union([IsoDateTime, Type.Null()]),
    /** Frozen recipients (the audience at the start, blocked friends left out). */
    recipients: Type.Integer(),
    sent: Type.Integer(),
    failed: Type.Integer(),
    skipped: Type.Object({ blocked: Type.Integer(), waiting_for_reply: Type.Integer(), over_cap: Type.Integer() }),
    /** Not yet sent nor settled (a cancelled broadcast's unsent recipients stay here). */
    remaining: Type.Integer(),
  }), Type.Null()]),
});
export type BroadcastProgress = Static<typeof BroadcastProgress>;

export const BroadcastResults = Type.Object({
  broadcastId: Uuid,
  occurrences: Type.Array(Type.Object({
    id: Uuid,
    key: Type.String(),
    startedAt: IsoDateTime,
    finishedAt: Type.Union([IsoDateTime, Type.Null()]),
    recipients: Type.Integer(),
    delivered: Type.Integer(),
    failed: Type.Integer(),
    skipped: Type.Object({ blocked: Type.Integer(), waiting_for_reply: Type.Integer(), over_cap: Type.Integer() }),
    /** LINE's refusals grouped by status and reason (its error message), most frequent first. */
    failures: Type.Array(Type.Object({ status: Type.Integer(), reason: Type.String(), count: Type.Integer() })),
    /** Tracked-link clicks from this occurrence's messages: per link, clicks and distinct friends. */
    clicks: Type.Array(Type.Object({ linkId: Uuid, clicks: Type.Integer(), friends: Type.Integer() })),
  })),
});
export type BroadcastResults = Static<typeof BroadcastResults>;

/** Stable codes of refused broadcast actions (HTTP 409/422 `code`). */
export const BROADCAST_ERROR_CODES = [
  /** The audience holds no one to send to (after exclusions and options). */
  'empty_audience',
  /** A scheduled time not in the future. */
  'time_in_past',
  /** More recipients than this month's LINE quota has left (`details: { needed, remaining }`). */
  'over_quota',
  /** No messages, more than 5, or a message over LINE's limits (`details.violations`: shared LimitViolation[]). */
  'invalid_messages',
  /** The audience or an exclusion names an unknown segment or holds a bad condition. */
  'invalid_audience',
  /** Test-send with no friend marked as tester (or a named friend who is not one). */
  'no_testers',
  /** The action does not fit the broadcast's status (edit after start, pause when not running, …); `details.status`. */
  'broadcast_state',
] as const;
export type BroadcastErrorCode = (typeof BROADCAST_ERROR_CODES)[number];

/**
 * Routes (all under /api/workspaces/:workspaceId):
 *   GET    /broadcasts                    → BroadcastList
 *   POST   /broadcasts                    BroadcastDraftBody → 201 Broadcast (status draft)
 *   GET    /broadcasts/:id                → Broadcast
 *   PUT    /broadcasts/:id                BroadcastDraftBody → Broadcast (only a draft or scheduled one; a scheduled one returns to draft)
 *   DELETE /broadcasts/:id                → 204 (not while running or paused)
 *   POST   /broadcasts/preview            BroadcastPreviewBody → BroadcastPreview (viewer)
 *   POST   /broadcasts/:id/test           BroadcastTestBody → BroadcastTestResult
 *   POST   /broadcasts/:id/start          → Broadcast (running for `now`, scheduled otherwise)
 *   POST   /broadcasts/:id/pause|resume|cancel → BroadcastProgress
 *   GET    /broadcasts/:id/progress       → BroadcastProgress
 *   GET    /broadcasts/:id/results        → BroadcastResults
 *   GET    /testers                       → TesterList
 *   PUT    /friends/:friendId/tester      SetTesterBody → TesterState
 */
