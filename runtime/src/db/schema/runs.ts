import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { RUN_STATUSES } from '@lsb/shared/api';
import { friends } from './friends.ts';

export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No foreign key to the workspace: the friend's key cascades a deleted workspace (a friend
    // belongs to one), and every key is a query per inserted run.
    workspaceId: uuid('workspace_id').notNull(),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    // No keys to the scenario or its version: a cohort inserts thousands of runs of one scenario,
    // each key a query per run. A deleted scenario takes its runs by a statement-level trigger
    // (migration 0027); versions are deleted only with their scenario.
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
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
 * Enrolments asked for and not yet applied, in chunks: the API writes a whole segment here in one
 * statement, a row per chunk of friends (store/enrolments.ts `ENROLMENT_CHUNK`), and workers take a
 * chunk at a time (`SKIP LOCKED`), deleting it in the transaction that enters its friends, so every
 * request is applied exactly once (jobs/enrol-tick.ts). A row per friend cost a million inserted
 * and deleted rows, with two indexes each, for a million friends.
 */
export const pendingEnrolments = pgTable(
  'pending_enrolments',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys: a request whose friends or scenario are gone by the time a worker takes it is
    // taken and skipped (runs/enrol.ts enters only active friends into live scenarios).
    workspaceId: uuid('workspace_id').notNull(),
    scenarioId: uuid('scenario_id').notNull(),
    /**
     * Never a friend queued in another chunk for the same scenario (store/enrolments.ts): chunks are
     * applied side by side, and two transactions must never decide one friend's enrolment unseen by
     * each other (an "every time" scenario would start twice).
     */
    friendIds: uuid('friend_ids').array().notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The friends already queued for a scenario, which a new request leaves out.
    index('pending_enrolments_scenario').on(t.scenarioId),
  ],
);

/**
 * One row per applied step of a run: the nodes it entered in that step, in order, with each one's
 * visit and the output it left by (null where it stopped to wait). Per-node "entered" counts
 * (node_counters, kept by a trigger) and the friend's history read it. One row per step rather than
 * per node: a cohort passing trigger → send → end writes a third of the rows and index entries.
 *
 * No foreign keys (each is a query per inserted row on the runtime's hottest path): a step is only
 * written for a run its writer inserted or locked in the same transaction, and deleting runs
 * deletes their steps by a statement-level trigger (migration 0021), as a cascade would.
 */
export const runSteps = pgTable(
  'run_steps',
  {
    workspaceId: uuid('workspace_id').notNull(),
    runId: uuid('run_id').notNull(),
    /** The run's step_seq after this step: a replayed step finds its row already there. */
    stepSeq: integer('step_seq').notNull(),
    scenarioId: uuid('scenario_id').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    nodeIds: text('node_ids').array().notNull(),
    visits: integer('visits').array().notNull(),
    /** Per entered node: the output the run left it by in this step (branch case, random-split arm, …); null where it waits. */
    outputs: text('outputs').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.stepSeq] }),
    index('run_steps_scenario_at').on(t.scenarioId, t.enteredAt),
  ],
);
