import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels, workspaces } from './workspaces.ts';
import { CAP_POLICIES, SEND_STATUSES } from '@lsb/shared/api';
import { friends } from './friends.ts';

/**
 * The send outbox. A row is written in the same transaction as the step that produced it; the
 * retry key is derived from (run, node, visit), so however often a worker retries, LINE accepts
 * the message once.
 */
export const sends = pgTable(
  'sends',
  {
    // A step's rows are keyed by UUID version 7 (store/sends.ts insertSends), so they append to this
    // index instead of landing on random pages; other writers take the random default.
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Write order. A run's sends reach the friend in the order the run passed its send nodes; the
     * uuid id and a shared due time cannot say which came first, and jobs run in any order.
     */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    // No foreign key to the workspace or the channel: the friend's key cascades either one deleted
    // (a send goes to a friend of its channel), and every key is a query per inserted row on the
    // outbox's hottest path.
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    runId: uuid('run_id'),
    scenarioId: uuid('scenario_id'),
    nodeId: text('node_id'),
    visit: integer('visit').notNull().default(1),
    retryKey: uuid('retry_key').notNull(),
    /** The rendered LINE message objects, byte-identical on every retry. */
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    /** Identical rendered bodies at the same node share a digest and go out together as multicast. */
    messageDigest: text('message_digest').notNull(),
    status: text('status', { enum: SEND_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /**
     * The retry key of the LINE request carrying this row: its own for a push, the first member's
     * for a multicast. Fixed before the request, so a retry after a crash resends the same batch
     * with the same key and LINE answers 409 instead of delivering twice. Not indexed: a batch's
     * rows are found by their ids, which its claimer holds (store/send-batches.ts).
     */
    batchKey: uuid('batch_key'),
    error: jsonb('error').$type<Record<string, unknown>>(),
    /**
     * While `sending`: the batch is its claimer's until then. A claimer that died (or a retry's
     * back-off) lets it lapse, and any worker takes the batch again with the same key and members.
     */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /**
     * What the workspace's message cap does to this row when the friend has no room left at the
     * moment it is claimed: `always` (transactional: never held, still counted), `hold` (due again
     * when the day or week allows) or `skip` (status `skipped`). See store/caps.ts.
     */
    capPolicy: text('cap_policy', { enum: CAP_POLICIES }).notNull().default('hold'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When LINE refused the row for good (status `failed`; `error` says why). */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /**
     * LINE answered 409 for the retry key: an earlier attempt had been accepted (its answer lost),
     * so the message went out once. The friend's timeline says so (store/send-timeline.ts).
     */
    retryKeyReplayed: boolean('retry_key_replayed').notNull().default(false),
    /** LINE's customAggregationUnit for the insight API (the node's, or derived from scenario and node). */
    aggregationUnit: text('aggregation_unit'),
  },
  (t) => [
    uniqueIndex('sends_retry_key').on(t.retryKey),
    // A friend's messages go out in queue order (deliver.ts looks up their earlier unsent ones).
    index('sends_friend_seq').on(t.friendId, t.seq),
    // A broadcast occurrence's rows (run_id = the occurrence, no scenario): its progress, cancel and
    // report. A scenario's rows are reached by their friend, so a cohort's sends, written three
    // times each, do not keep this index too (migration 0029).
    index('sends_occurrence_seq').on(t.runId, t.seq).where(sql`scenario_id is null`),
    // The sender's scans (sending/claim.ts): queued rows in write order, batches in flight by friend and lease.
    index('sends_queued_seq').on(t.seq).where(sql`status = 'queued'`),
    index('sends_in_flight').on(t.leaseUntil).where(sql`status = 'sending'`),
  ],
);

/**
 * One row per friend of a workspace with a message cap: the row the sender locks while it counts
 * the friend's sends and claims one, so two claims racing for the friend's last slot cannot both
 * take it (the second skips the locked row and tries on a later pass). It holds no count: the sends
 * themselves are the count, so nothing can drift.
 */
export const friendCapLocks = pgTable('friend_cap_locks', {
  friendId: uuid('friend_id').primaryKey().references(() => friends.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
});

/**
 * LINE's rate limits, shared by every process: requests granted per (channel, endpoint) in each
 * 100 ms slot (rate-budget.ts). A row only ever speaks for its own slot, so one left by a process
 * that died costs nothing after it; old slots are deleted as the sender goes.
 */
export const lineRateBudget = pgTable(
  'line_rate_budget',
  {
    channelKey: text('channel_key').notNull(),
    endpoint: text('endpoint').notNull(),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelKey, t.endpoint, t.slot] })],
);

export const linkClicks = pgTable(
  'link_clicks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    linkId: uuid('link_id').notNull(),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    sendId: uuid('send_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('link_clicks_friend').on(t.friendId, t.linkId)],
);

/**
 * A friend reached a conversion point (measure-conversions.ts in shared). `order_id` makes the
 * server-to-server API idempotent; the attribution (node or broadcast, by click or by send) is
 * fixed when it is recorded. `name` is the point's name then (the `converted` condition reads it).
 */
export const conversions = pgTable(
  'conversions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    pointId: uuid('point_id'),
    /** Yen, to the cent; null: no value. */
    value: numeric('value', { precision: 14, scale: 2, mode: 'number' }),
    orderId: text('order_id'),
    source: text('source', { enum: ['api', 'pixel', 'redirect', 'manual'] }).notNull().default('manual'),
    scenarioId: uuid('scenario_id'),
    nodeId: text('node_id'),
    broadcastId: uuid('broadcast_id'),
    /** How the attribution was found: the last tracked-link click in the window, or the last send. */
    attributedVia: text('attributed_via', { enum: ['click', 'send'] }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('conversions_friend').on(t.friendId, t.name),
    uniqueIndex('conversions_order').on(t.workspaceId, t.orderId).where(sql`order_id is not null`),
    index('conversions_node').on(t.scenarioId, t.nodeId, t.at),
    index('conversions_workspace_at').on(t.workspaceId, t.at),
  ],
);

/** Dedupe of LINE webhook deliveries: a redelivered event id is ignored. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    // No key to the workspace: the channel's key cascades a deleted workspace, and each key is a
    // query per event taken, locking the workspace's row (migration 0034).
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    webhookEventId: text('webhook_event_id').notNull(),
    event: jsonb('event').$type<unknown>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Set in the transaction that applied the event: a job run twice (lost completion) applies it once. */
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** Arrival order (per channel, events are applied in it: a follow before its unfollow). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /**
     * Why the event was set aside instead of applied (a group/room source, a malformed user id, a
     * broken shape, or failing on its own `attempts` times): kept, with its reason, never retried.
     */
    setAsideReason: text('set_aside_reason'),
    /** How often applying this event on its own has failed (the batch it was in is retried without it). */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('webhook_events_id').on(t.channelId, t.webhookEventId),
    index('webhook_events_pending').on(t.channelId, t.seq).where(sql`processed_at is null`),
  ],
);
