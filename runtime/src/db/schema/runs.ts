import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { RUN_STATUSES } from '@lsb/shared/api';
import { friends } from './friends.ts';
import { scenarioVersions, scenarios } from './scenarios.ts';
import { workspaces } from './workspaces.ts';

export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    scenarioId: uuid('scenario_id').notNull().references(() => scenarios.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').notNull().references(() => scenarioVersions.id),
    /** running: being stepped; waiting: timer or event pending; held: friend blocked; finished/stopped: over. */
    status: text('status', { enum: RUN_STATUSES }).notNull(),
    currentNodeId: text('current_node_id'),
    wakeAt: timestamp('wake_at', { withTimezone: true }),
    /** Engine-owned state (visit counters, random seed, wait-for-event deadline), without the status
     *  (the column above is its only home); parsed on read with it (engine/run-state.ts). */
    state: jsonb('state').$type<unknown>().notNull(),
    /** Bumped by every applied step; a stale wake-up job for an older step is ignored. */
    stepSeq: integer('step_seq').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('runs_friend').on(t.friendId, t.scenarioId),
    index('runs_scenario_node').on(t.scenarioId, t.status, t.currentNodeId),
    // The wake tick's scan: due waiting runs in wake order (jobs/wake-tick.ts).
    index('runs_due').on(t.wakeAt).where(sql`status = 'waiting'`),
  ],
);

/**
 * Enrolments asked for and not yet applied: the API writes a whole segment here in one statement,
 * and workers take it in chunks (`SKIP LOCKED`), deleting each chunk in the transaction that
 * enters its friends, so every request is applied exactly once (jobs/enrol-drain.ts).
 */
export const pendingEnrolments = pgTable(
  'pending_enrolments',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    scenarioId: uuid('scenario_id').notNull().references(() => scenarios.id, { onDelete: 'cascade' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
);

/** One row each time a run enters a node: the per-node "entered" counts and the friend's history. */
export const runSteps = pgTable(
  'run_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    runId: uuid('run_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
    scenarioId: uuid('scenario_id').notNull(),
    nodeId: text('node_id').notNull(),
    visit: integer('visit').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    /** The output the run left by in the same step (branch case, random-split arm, …); null while it waits there. */
    output: text('output'),
  },
  (t) => [
    uniqueIndex('run_steps_visit').on(t.runId, t.nodeId, t.visit),
    index('run_steps_scenario_node').on(t.scenarioId, t.nodeId),
  ],
);
