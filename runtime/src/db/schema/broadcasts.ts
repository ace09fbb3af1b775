import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BROADCAST_STATUSES } from '@lsb/shared/api';
import { workspaces } from './workspaces.ts';

/**
 * 一斉配信 / セグメント配信: what a marketer composed (messages, audience, exclusions, options,
 * schedule, delivery window) and where it stands. A monthly one fires an occurrence each month.
 */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The drafts as composed (shared MessageDraft[]); rendered per occurrence. */
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    audience: jsonb('audience').$type<unknown>().notNull(),
    exclusions: jsonb('exclusions').$type<unknown[]>().notNull(),
    options: jsonb('options').$type<unknown>().notNull(),
    schedule: jsonb('schedule').$type<unknown>().notNull(),
    delivery: jsonb('delivery').$type<unknown>().notNull(),
    status: text('status', { enum: BROADCAST_STATUSES }).notNull().default('draft'),
    /** While scheduled: when the tick fires the next occurrence. */
    nextAt: timestamp('next_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('broadcasts_workspace').on(t.workspaceId, t.createdAt),
    index('broadcasts_due').on(t.nextAt).where(sql`status = 'scheduled'`),
  ],
);

/**
 * One sending of a broadcast: `once`, or `YYYY-MM` for a monthly one. The unique key makes firing
 * an occurrence exactly once however many workers tick. Its messages are frozen with it.
 */
export const broadcastOccurrences = pgTable(
  'broadcast_occurrences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    broadcastId: uuid('broadcast_id').notNull().references(() => broadcasts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** running (held outside its window), paused, done, cancelled. */
    status: text('status', { enum: ['running', 'paused', 'done', 'cancelled'] }).notNull(),
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    personalised: boolean('personalised').notNull(),
    /**
     * The audience went straight into multicast batches (`broadcast_batches`): the same messages for
     * everyone and no per-friend cap decision at the claim. Otherwise a send row per recipient.
     */
    batched: boolean('batched').notNull().default(false),
    /** The delivery window rules in force (shared DeliveryWindowRule[]); [] = any time. */
    windows: jsonb('windows').$type<unknown[]>().notNull(),
    timeZone: text('time_zone').notNull(),
    recipients: integer('recipients').notNull().default(0),
    /** Outside the window: held until then (the tick keeps it current). */
    heldUntil: timestamp('held_until', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('broadcast_occurrences_key').on(t.broadcastId, t.key),
    index('broadcast_occurrences_running').on(t.startedAt).where(sql`status = 'running'`),
  ],
);

/**
 * The frozen audience: one row per friend, written by one INSERT … SELECT when the occurrence
 * starts. pending → queued (its send row is in the outbox, `sends.run_id` = the occurrence) or
 * skipped (with the reason). Sent / failed are the send row's status.
 */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    occurrenceId: uuid('occurrence_id').notNull().references(() => broadcastOccurrences.id, { onDelete: 'cascade' }),
    // No foreign keys on these two: a key is checked by one query per inserted row, and at a
    // million recipients those checks took twice as long as the freeze itself (BENCHMARKS.md).
    // The occurrence's key still cascades a deleted workspace here; friends are never deleted
    // on their own (a friend who blocks is kept as blocked), and a recipient whose friend row is
    // gone is skipped as blocked when its turn comes (store/broadcast-delivery.ts).
    workspaceId: uuid('workspace_id').notNull(),
    friendId: uuid('friend_id').notNull(),
    status: text('status', { enum: ['pending', 'queued', 'skipped'] }).notNull(),
    skipReason: text('skip_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.occurrenceId, t.friendId] }),
    index('broadcast_recipients_pending').on(t.occurrenceId, t.friendId).where(sql`status = 'pending'`),
  ],
);

/**
 * A batched occurrence's multicasts: the frozen audience written straight into batches of ≤ 500
 * friends of one channel, each with its retry key fixed at creation, so a million recipients are
 * two thousand rows. queued → sending (claimed and leased in one statement; at the first claim the
 * members are narrowed to friends still active, the rest counted as `blocked`) → sent or failed
 * (one statement), or `cancelled` when every member had blocked. The members then never change, so
 * a retry after a crash repeats the identical request under the same key and LINE answers 409.
 * The members live in `broadcast_batch_members`: this row changes with every claim, lease and
 * settle, and a GIN index over its array would index all 500 ids again for each new row version.
 */
export const broadcastBatches = pgTable(
  'broadcast_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Claim order. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    occurrenceId: uuid('occurrence_id').notNull().references(() => broadcastOccurrences.id, { onDelete: 'cascade' }),
    // No keys on these: the occurrence's cascades a deleted workspace (channels belong to one).
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    /** How many members the batch has now (its request names them all). */
    size: integer('size').notNull(),
    /** Members left out at the first claim: blocked since the freeze (or their row gone). */
    blocked: integer('blocked').notNull().default(0),
    retryKey: uuid('retry_key').notNull().defaultRandom(),
    /** The rendered LINE message objects, byte-identical on every retry. */
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'cancelled'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** What the settle adds to the timeline entry: `{ retryKeyReplayed }` or LINE's `{ status, reason }`. */
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /** LINE's customAggregationUnit, dropped for good when LINE refuses it. */
    aggregationUnit: text('aggregation_unit'),
  },
  (t) => [
    uniqueIndex('broadcast_batches_retry_key').on(t.retryKey),
    index('broadcast_batches_occurrence').on(t.occurrenceId, t.status),
    index('broadcast_batches_queued').on(t.seq).where(sql`status = 'queued'`),
    index('broadcast_batches_in_flight').on(t.leaseUntil).where(sql`status = 'sending'`),
  ],
);

/**
 * A batch's members (friends' ids): the recipients recorded at the freeze, in the order every
 * request names them; rewritten once at most (the first claim leaves out friends who blocked).
 */
export const broadcastBatchMembers = pgTable(
  'broadcast_batch_members',
  {
    batchId: uuid('batch_id').primaryKey().references(() => broadcastBatches.id, { onDelete: 'cascade' }),
    // Every table names its workspace (isolation checks and per-workspace deletes read it); the
    // batch's cascade removes these rows, so no key of its own.
    workspaceId: uuid('workspace_id').notNull(),
    friendIds: uuid('friend_ids').array().notNull(),
  },
  (t) => [
    // A friend's broadcasts (timeline, caps, attribution): which batches hold them. A freeze adds a
    // million entries at once: they go to GIN's pending list (128 MB here, not 4 MB) and autovacuum
    // merges them later, instead of the freeze merging them itself (4 s of 5 at 300,000; BENCHMARKS.md).
    index('broadcast_batch_members_friends').using('gin', t.friendIds).with({ fastupdate: true, gin_pending_list_limit: 131072 }),
  ],
);
