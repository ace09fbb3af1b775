import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels, workspaces } from './workspaces.ts';
import { xid8 } from './friends.ts';

/**
 * What a cohort's request is, from its batch to its settled send: the node it comes from and the
 * identical request every attempt repeats. A function, so each table gets columns of its own.
 */
const cohortRequestColumns = () => ({
  scenarioId: uuid('scenario_id').notNull(),
  nodeId: text('node_id').notNull(),
  /** The rendered LINE message objects, byte-identical on every retry. */
  messages: jsonb('messages').$type<unknown[]>().notNull(),
  messageDigest: text('message_digest').notNull(),
  aggregationUnit: text('aggregation_unit'),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
});

/**
 * A cohort's members, one array per column in the order every request names them: the friend,
 * their run and its visit of the node, and the send's own retry key and id (what the timeline names).
 */
const cohortMemberColumns = () => ({
  friendIds: uuid('friend_ids').array().notNull(),
  runIds: uuid('run_ids').array().notNull(),
  visits: integer('visits').array().notNull(),
  retryKeys: uuid('retry_keys').array().notNull(),
  /** Drawn in time order with the step. */
  sendIds: uuid('send_ids').array().notNull(),
});

/**
 * A cohort's multicast while it is on its way: a step that sends the same rendered messages at one
 * node to many friends writes one row per ≤ 500 of them instead of a send row each (the send rows
 * are never written: see `cohort_sends` and store/cohort-batches.ts). The retry key
 * is fixed when the row is written, so every attempt repeats the identical request and LINE answers
 * 409 to a repeat. Its recipients are as the step read them (active, with their LINE ids): queued →
 * sending (claimed and leased; at the first claim members who blocked since are cut, found by the
 * transaction that blocked them, not by reading every member's friend) → moved by the settle, with
 * its members, into `cohort_sends`. A friend deleted meanwhile is cut when deleted (a trigger, migrations 0041 and 0042).
 *
 * `seq` is drawn from the outbox's own sequence: a friend's send rows and batches share one write
 * order, so their messages reach the friend in it.
 */
export const cohortBatches = pgTable(
  'cohort_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(sql`nextval('sends_seq_seq')`),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull(),
    ...cohortRequestColumns(),
    /** The X-Line-Retry-Key: its first member's own send key, as a multicast of send rows has. */
    retryKey: uuid('retry_key').notNull(),
    status: text('status', { enum: ['queued', 'sending'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /**
     * The oldest transaction the step's read of its members' friends could not see (its snapshot's
     * xmin): a member blocked by a transaction from this one on may have blocked after that read, and
     * is looked for at the claim (store/cohort-batches.ts). The default, the first, makes every block count.
     */
    friendsReadXmin: xid8('friends_read_xmin').notNull().default(sql`'1'::xid8`),
  },
  (t) => [
    uniqueIndex('cohort_batches_retry_key').on(t.retryKey),
    index('cohort_batches_queued').on(t.seq).where(sql`status = 'queued'`),
    index('cohort_batches_in_flight').on(t.leaseUntil).where(sql`status = 'sending'`),
  ],
);

/**
 * A cohort batch's members (cohortMemberColumns), apart from the batch row, which changes with its
 * claim and lease: the GIN index over the friends is written when the batch is, and not again for
 * every new version of that row.
 */
export const cohortBatchMembers = pgTable(
  'cohort_batch_members',
  {
    batchId: uuid('batch_id').primaryKey().references(() => cohortBatches.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    ...cohortMemberColumns(),
    /**
     * The members' LINE user ids as the step read them, the request's recipients: the claim reads no
     * friend row. A friend deleted meanwhile is cut from every array here by a trigger (migrations 0041 and 0042).
     */
    lineUserIds: text('line_user_ids').array().notNull(),
  },
  (t) => [
    // Which pending batches hold a friend: a step asks it of each friend it would batch, the claim
    // of every send row of its friend. Without GIN's pending list (fastupdate): every search would
    // read that unsorted list whole, and these searches are many while a cohort is on its way.
    index('cohort_batch_members_friends').using('gin', t.friendIds).with({ fastupdate: false }),
  ],
);

/**
 * A cohort batch LINE has answered: one row per multicast request, holding the members' sends (sent,
 * or failed with LINE's answer) as arrays in the request's order. Written by the settle, which moves
 * the batch and its members here in one statement; never changed after. Every reader of a friend's
 * sends reads these beside the outbox's rows (the timeline, statistics, segments, attribution, caps),
 * as it reads a batched broadcast's members: a cohort friend's send is an array element, not a row
 * with entries in four indexes and a foreign key.
 */
export const cohortSends = pgTable(
  'cohort_sends',
  {
    /** The batch's id. */
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    // A channel deleted takes its friends and their send rows; its cohort sends go with them (one
    // key check per 500 friends).
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    ...cohortRequestColumns(),
    /** The X-Line-Retry-Key of the request LINE answered. */
    retryKey: uuid('retry_key').notNull(),
    status: text('status', { enum: ['sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    /** LINE's refusal when `failed` (status and reason), as a send row's `error`. */
    error: jsonb('error').$type<Record<string, unknown>>(),
    /** LINE answered 409 for the key: an earlier attempt had been accepted, so the members got it once. */
    retryKeyReplayed: boolean('retry_key_replayed').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    ...cohortMemberColumns(),
  },
  (t) => [
    // A friend's sends (their timeline, caps, a segment's facts for a batch of friends). Read far less
    // often than written: GIN's pending list (the default) takes a settle's 500 entries in one append.
    index('cohort_sends_friends').using('gin', t.friendIds),
    // Who received a node's send (segments, statistics).
    index('cohort_sends_node').on(t.scenarioId, t.nodeId),
  ],
);
