import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';

// Every kind of entry a friend's timeline holds, with the shape of its detail, defined once. The
// runtime writes them through one function (store/timeline.ts) that takes a TimelineEvent; the
// editor reads them by these names.

const NodeId = Type.String();
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const event = <K extends string, D extends Parameters<typeof Type.Object>[0]>(kind: K, detail: D) =>
  Type.Object({ kind: Type.Literal(kind), detail: Type.Object(detail) });

/** Why the engine stopped a run by itself (the run_stopped entry's reason). */
export const RunStopReason = Type.Union([Type.Literal('instantLoop'), Type.Literal('unknownNode'), Type.Literal('notATrigger'), Type.Literal('blocked')]);
export type RunStopReason = Static<typeof RunStopReason>;

/** Who changed a tag or field by hand: one friend on its page, a bulk action over a filter, a CSV import. */
const ChangedBy = Type.Union([Type.Literal('operator'), Type.Literal('bulk'), Type.Literal('import')]);

export const TimelineEvent = Type.Union([
  /** Followed the account: first time (with the inflow route claimed, if any) or again while not blocked. */
  event('followed', { inflowRouteId: Type.Optional(Nullable(Uuid)) }),
  event('unblocked', {}),
  event('blocked', {}),
  /** By an operator (`by: 'operator'`, tags page, API, an inflow route's actions) or by a scenario (`scenarioId`). */
  event('tag_added', { tagId: Uuid, by: Type.Optional(ChangedBy), scenarioId: Type.Optional(Uuid) }),
  event('tags_removed', { tagIds: Type.Array(Uuid), scenarioId: Uuid }),
  event('field_set', { fieldId: Uuid, value: Type.Unknown(), by: Type.Optional(ChangedBy) }),
  event('run_started', { scenarioId: Uuid, runId: Uuid, triggerNodeId: NodeId }),
  event('run_finished', { scenarioId: Uuid, runId: Uuid }),
  /** A run ended by its scenario (an end node set to stop), or by the engine with a `reason` at `nodeId`. */
  event('run_stopped', { scenarioId: Uuid, runId: Uuid, reason: Type.Optional(RunStopReason), nodeId: Type.Optional(NodeId) }),
  event('message_sent', { sendId: Uuid, scenarioId: Nullable(Uuid), nodeId: Nullable(NodeId), retryKeyReplayed: Type.Optional(Type.Literal(true)) }),
  event('send_failed', { sendId: Uuid, scenarioId: Nullable(Uuid), nodeId: Nullable(NodeId), status: Type.Integer(), reason: Type.String() }),
  /** The friend had reached the workspace's message cap (配信上限): the send waits until `until`
   *  (`held`) or was left out (`skipped`); `sendId` when the sender decided it, absent when the run did. */
  event('send_capped', {
    sendId: Type.Optional(Uuid), scenarioId: Nullable(Uuid), nodeId: Nullable(NodeId),
    outcome: Type.Union([Type.Literal('held'), Type.Literal('skipped')]), until: Type.Optional(Type.String({ format: 'date-time' })),
  }),
  event('link_clicked', { linkId: Uuid, scenarioId: Nullable(Uuid), nodeId: Nullable(NodeId) }),
  /** Reached a conversion point (attributed to a scenario node, a broadcast, or nothing). */
  event('converted', { conversionId: Uuid, pointId: Uuid, value: Nullable(Type.Number()), scenarioId: Nullable(Uuid), nodeId: Nullable(NodeId), broadcastId: Nullable(Uuid) }),
  event('message_received', { text: Nullable(Type.String()) }),
  event('postback_received', { data: Type.String() }),
  event('inflow_arrived', { inflowRouteId: Uuid, kind: Type.Union([Type.Literal('follow'), Type.Literal('landing')]), actionsRun: Type.Boolean() }),
  /** The simulator's fast-forward moved a virtual friend's clock. */
  event('clock_advanced', { offsetMs: Type.Integer(), simulatedAt: Type.String({ format: 'date-time' }) }),
]);
export type TimelineEvent = Static<typeof TimelineEvent>;
export type TimelineKind = TimelineEvent['kind'];

/** Every kind, in the order above: what a reader (the editor's labels) must know each of. */
export const TIMELINE_KINDS: readonly TimelineKind[] = TimelineEvent.anyOf.map((event) => event.properties.kind.const);
