import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
 * The steps runs took, one row per path that runs took together: the nodes entered in that step,
 * in order, with each one's visit and the output it left by (null where it stopped to wait), and
 * every run of the writing statement that entered exactly those nodes at that moment with that
 * step number (store/runs.ts insertRunSteps groups them). Per-node "entered" counts (node_counters,
 * kept by a trigger) and the funnel and split statistics read it. A cohort chunk of a thousand
 * friends passing trigger → send → end writes one row, not a thousand rows with a key each.
 *
 * A step is only written for a run its writer inserted or locked in the same transaction (so never
 * twice). A deleted scenario takes its rows (migration 0040); a run deleted on its own (its friend
 * deleted) leaves its id in its rows, as it leaves its entries in node_counters: every reader joins
 * the ids to `runs`.
 */
export const runSteps = pgTable(
  'run_steps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id').notNull(),
    scenarioId: uuid('scenario_id').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    /** The runs' step_seq after this step. */
    stepSeq: integer('step_seq').notNull(),
    nodeIds: text('node_ids').array().notNull(),
    visits: integer('visits').array().notNull(),
    /** Per entered node: the output the runs left it by in this step (branch case, random-split arm, …); null where they wait. */
    outputs: text('outputs').array().notNull(),
    runIds: uuid('run_ids').array().notNull(),
  },
  (t) => [
    index('run_steps_scenario_at').on(t.scenarioId, t.enteredAt),
  ],
);
