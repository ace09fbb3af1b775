import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces.ts';

/**
 * A cohort's multicast while it is on its way: a step that sends the same rendered messages at one
 * node to many friends writes one row per ≤ 500 of them instead of a send row each (the send rows
 * are written once LINE has answered, already settled: see store/cohort-batches.ts). The retry key
 * is fixed when the row is written, so every attempt repeats the identical request and LINE answers
 * 409 to a repeat. queued → sending (claimed and leased; at the first claim the members are narrowed
 * to friends still active) → deleted by the settle, which writes the members' send rows.
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
    scenarioId: uuid('scenario_id').notNull(),
    nodeId: text('node_id').notNull(),
    /** The X-Line-Retry-Key: its first member's own send key, as a multicast of send rows has. */
    retryKey: uuid('retry_key').notNull(),
    /** The rendered LINE message objects, byte-identical on every retry. */
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    messageDigest: text('message_digest').notNull(),
    aggregationUnit: text('aggregation_unit'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['queued', 'sending'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cohort_batches_retry_key').on(t.retryKey),
    index('cohort_batches_queued').on(t.seq).where(sql`status = 'queued'`),
    index('cohort_batches_in_flight').on(t.leaseUntil).where(sql`status = 'sending'`),
  ],
);

/**
 * A cohort batch's members, one array per column in the order every request names them: the
 * friend, their run and its visit of the node, and the send's own retry key and id (the settled row's).
 * Apart from the batch row, which changes with its claim and lease, so the GIN index over the
 * friends is written when the batch is and not again for every new version of that row.
 */
export const cohortBatchMembers = pgTable(
  'cohort_batch_members',
  {
    batchId: uuid('batch_id').primaryKey().references(() => cohortBatches.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    friendIds: uuid('friend_ids').array().notNull(),
    runIds: uuid('run_ids').array().notNull(),
    visits: integer('visits').array().notNull(),
    retryKeys: uuid('retry_keys').array().notNull(),
    /** The ids the members' send rows get when the batch settles: drawn in time order with the step. */
    sendIds: uuid('send_ids').array().notNull(),
  },
  (t) => [
    // Which pending batches hold a friend: a step asks it of each friend it would batch, the claim
    // of every send row of its friend. Without GIN's pending list (fastupdate): every search would
    // read that unsorted list whole, and these searches are many while a cohort is on its way.
    index('cohort_batch_members_friends').using('gin', t.friendIds).with({ fastupdate: false }),
  ],
);
