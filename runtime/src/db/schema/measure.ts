import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces.ts';

/** A workspace's conversion points (コンバージョンポイント); deleted ones stay for their history. */
export const conversionPoints = pgTable(
  'conversion_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    defaultValue: numeric('default_value', { precision: 14, scale: 2, mode: 'number' }),
    /** Where the redirect route may send people; tracked links into their origins carry the click token. */
    urls: jsonb('urls').$type<unknown>().notNull().default([]),
    addTagIds: jsonb('add_tag_ids').$type<unknown>().notNull().default([]),
    attributionDays: integer('attribution_days').notNull().default(7),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('conversion_points_name').on(t.workspaceId, t.name).where(sql`deleted_at is null`)],
);

/**
 * Per-node counters per hour, kept by statement triggers on run_steps and sends (migration
 * `measure_counters`), so a node's figures for any range read a few hundred rows instead of
 * millions. `metric`: entered, sent, failed, or `out:<output id>`. `shard` spreads concurrent
 * writers of the same node and hour over several rows (no single hot row).
 */
export const nodeCounters = pgTable(
  'node_counters',
  {
    workspaceId: uuid('workspace_id').notNull(),
    scenarioId: uuid('scenario_id').notNull(),
    nodeId: text('node_id').notNull(),
    metric: text('metric').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    shard: smallint('shard').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.nodeId, t.metric, t.hour, t.shard] })],
);

/** The first tracked-link click of each friend on each node's sends: the node's unique clicks. */
export const nodeClickers = pgTable(
  'node_clickers',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    scenarioId: uuid('scenario_id').notNull(),
    nodeId: text('node_id').notNull(),
    friendId: uuid('friend_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.nodeId, t.friendId] }), index('node_clickers_at').on(t.scenarioId, t.at)],
);

/** A random split's decided winner: every later friend goes down `branch_id`. */
export const splitWinners = pgTable(
  'split_winners',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    scenarioId: uuid('scenario_id').notNull(),
    nodeId: text('node_id').notNull(),
    branchId: text('branch_id').notNull(),
    by: text('by', { enum: ['auto', 'manual'] }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scenarioId, t.nodeId] })],
);

/** RFM bands per workspace (shared RfmSettings, parsed on read). */
export const rfmSettings = pgTable('rfm_settings', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  settings: jsonb('settings').$type<unknown>().notNull(),
});

/**
 * LINE's insight figures per customAggregationUnit (fetched by the insight job): what a send node
 * or broadcast's sends carried. Null figures were withheld by LINE (below its privacy threshold).
 */
export const insightUnits = pgTable(
  'insight_units',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull(),
    unit: text('unit').notNull(),
    scenarioId: uuid('scenario_id'),
    nodeId: text('node_id'),
    broadcastId: uuid('broadcast_id'),
    firstSentAt: timestamp('first_sent_at', { withTimezone: true }).notNull(),
    uniqueImpression: bigint('unique_impression', { mode: 'number' }),
    uniqueClick: bigint('unique_click', { mode: 'number' }),
    impression: bigint('impression', { mode: 'number' }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    /**
     * The last time LINE refused a send for carrying this unit (`unavailable`: the account may not
     * use units; `limit`: this month's units are used up); those messages went out without it.
     */
    refusal: text('refusal'),
    refusedAt: timestamp('refused_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.unit] }), index('insight_units_node').on(t.scenarioId, t.nodeId)],
);
