import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/pool.ts';
import { friends, runs, scenarios } from '../db/schema/index.ts';
import { advanceRuns, lockRuns } from '../runs/advance.ts';
import type { RunContext } from '../runs/context.ts';
import { enrolFriends } from '../runs/enrol.ts';
import { enqueueWake } from '../runs/enqueue.ts';
import { deliverActivities } from '../runs/friend-events.ts';
import { createDrainer, drainLeftovers } from '../ingest/drain.ts';
import { createProfileFetcher, fetchFriendProfile } from '../ingest/profiles.ts';
import { enterScenarios } from '../runs/triggers.ts';
import { deliverSend, type SendGateway } from '../sending/deliver.ts';
import type { Tx } from '../store/tx.ts';
import { QUEUES, type ActivityJob, type EnrolJob, type ProfileJob, type SendJob, type WakeJob, type WebhookEventJob } from '../store/queues.ts';
import { workBatch, workEach, type WorkerTuning } from './work.ts';

export interface WorkerDeps {
  db: Db;
  boss: PgBoss;
  log: FastifyBaseLogger;
  ctx: RunContext;
  gateway: SendGateway;
  tuning: WorkerTuning;
}

/** Starts every worker. Handlers are idempotent: a job run twice (crash, expiry) changes nothing more. */
export async function startWorkers(deps: WorkerDeps): Promise<void> {
  const { db, boss, log, ctx, tuning } = deps;

  // Webhook events: drained per channel in batches (ingest/drain.ts); profiles retried on their own.
  const profiles = createProfileFetcher(ctx.fetchProfile);
  const ingest = createDrainer({ db, ctx, log, profiles });
  await workEach<WebhookEventJob>(boss, QUEUES.webhookEvent, log, tuning, (job) => ingest.drain(job.channelId));
  await workEach<ProfileJob>(boss, QUEUES.profile, log, tuning, (_data, job) => fetchFriendProfile(db, ctx, profiles, job));
  void drainLeftovers(db, log, ingest.drain);

  await workBatch<WakeJob>(boss, db, QUEUES.wake, log, tuning, (tx, jobs) => wakeRuns(tx, ctx, jobs));

  await workBatch<EnrolJob>(boss, db, QUEUES.enrol, log, tuning, async (tx, jobs) => { await enrolFriends(tx, ctx, jobs); });

  await workBatch<ActivityJob>(boss, db, QUEUES.activity, log, tuning, (tx, jobs) => processActivities(tx, ctx, jobs));

  await workEach<SendJob>(boss, QUEUES.send, log, tuning, (job) => deliverSend(db, ctx.clock, deps.gateway, job.sendId));
}

/** Tags added (by scenarios or by hand) and link clicks: tag/link triggers, then waiting runs. */
async function processActivities(tx: Tx, ctx: RunContext, jobs: ActivityJob[]): Promise<void> {
  const active = await tx.select({ id: friends.id, workspaceId: friends.workspaceId }).from(friends)
    .where(and(inArray(friends.id, [...new Set(jobs.map((job) => job.friendId))]), eq(friends.status, 'active')));
  const workspaceOf = new Map(active.map((friend) => [friend.id, friend.workspaceId]));
  const live = jobs.filter((job) => workspaceOf.has(job.friendId));
  await enterScenarios(tx, ctx, live.map((job) => ({ friendId: job.friendId, workspaceId: workspaceOf.get(job.friendId)!, event: job.activity })));
  await deliverActivities(tx, ctx, live);
}

/** A cohort of timers: the runs are locked and stepped together, then written in one batch. */
async function wakeRuns(tx: Tx, ctx: RunContext, jobs: WakeJob[]): Promise<void> {
  const locked = await lockRuns(tx, [...new Set(jobs.map((job) => job.runId))]);
  const expected = new Set(jobs.map((job) => `${job.runId}:${job.stepSeq}`));
  // A wake-up for a step the run has already left (fast-forward, event, block) is stale.
  const due = locked.filter((run) => run.status === 'waiting' && expected.has(`${run.id}:${run.stepSeq}`));
  if (due.length === 0) return;
  const active = new Set((await tx.select({ id: scenarios.id }).from(scenarios)
    .where(and(inArray(scenarios.id, [...new Set(due.map((run) => run.scenarioId))]), eq(scenarios.state, 'active')))).map((row) => row.id));
  // Paused scenarios keep their runs waiting: resumeScenario wakes what fell due meanwhile.
  await advanceRuns(tx, ctx, due.filter((run) => active.has(run.scenarioId)).map((run) => ({ run, event: { kind: 'wake' as const } })));
}

/** After a pause, every run whose wake-up fell due while paused moves now. */
export async function wakeDueRuns(db: Db, ctx: RunContext, workspaceId: string, scenarioId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const now = ctx.clock.now();
    // wake_at is in the friend's time (a virtual friend's clock may run ahead of the real one).
    const due = await tx.select({ id: runs.id, stepSeq: runs.stepSeq }).from(runs).innerJoin(friends, eq(friends.id, runs.friendId))
      .where(and(eq(runs.workspaceId, workspaceId), eq(runs.scenarioId, scenarioId), eq(runs.status, 'waiting'),
        sql`${runs.wakeAt} <= ${now.toISOString()}::timestamptz + ${friends.clockOffsetMs} * interval '1 millisecond'`));
    for (const run of due) await enqueueWake(ctx.boss, tx, { runId: run.id, stepSeq: run.stepSeq }, now);
    return due.length;
  });
}
