import type { FastifyBaseLogger } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { advanceRuns } from '../runs/advance.ts';
import type { RunContext } from '../runs/context.ts';
import { enrolFriends } from '../runs/enrol.ts';
import { enqueueWake } from '../runs/enqueue.ts';
import { deliverActivities } from '../runs/friend-events.ts';
import { sweepInbox, type Drainer } from '../ingest/drain.ts';
import { createProfileFetcher, fetchFriendProfiles } from '../ingest/profiles.ts';
import { enterScenarios } from '../runs/triggers.ts';
import type { SendGateway } from '../sending/deliver.ts';
import { startSender } from '../sending/sender.ts';
import { runsDueInFriendTime } from '../store/due-runs.ts';
import { activeFriendWorkspaces } from '../store/friends.ts';
import { lockRuns } from '../store/runs.ts';
import { activeScenarioIds } from '../store/scenarios.ts';
import type { Db, Tx } from '../store/tx.ts';
import { startLoop, type Loop } from './loop.ts';
import { QUEUES, type ActivityJob, type EnrolJob, type ProfileJob, type SendJob, type WakeJob, type WebhookEventJob } from '../store/queues.ts';
import { wakeTick } from './wake-tick.ts';
import { enrolTick } from './enrol-tick.ts';
import { broadcastPass } from './broadcast-tick.ts';
import { MEASURE_TICK_MS, measureTick } from './measure-tick.ts';
import type { InsightGateway } from '../sending/insight.ts';
import { tickTuning, workBatch, workEach, type WorkerTuning } from './work.ts';

export interface WorkerDeps {
  db: Db;
  boss: PgBoss;
  log: FastifyBaseLogger;
  ctx: RunContext;
  gateway: SendGateway;
  tuning: WorkerTuning;
  /** This process's webhook drain, shared with its webhook route (which drains its own commits). */
  ingest: Drainer;
}

/**
 * Starts every worker: the set-based loops (the wake tick, queued enrolments, the sender), which
 * several processes share through `SKIP LOCKED`, and pg-boss's workers for what comes one at a time
 * (webhook events, activities, single wake-ups, start-scenario enrolments). Handlers are idempotent:
 * a job run twice (crash, expiry) changes nothing more. Resolves with a stop for the loops.
 */
export async function startWorkers(deps: WorkerDeps): Promise<() => Promise<void>> {
  const { db, boss, log, ctx, tuning, ingest } = deps;
  const ticks = tickTuning(tuning);
  const loops: Loop[] = [
    startLoop('wake-tick', log, ticks.idleMs, () => wakeTick(db, ctx, ticks.wakeChunk)),
    ...Array.from({ length: ticks.enrolLoops }, (_, i) => startLoop(`enrol-${i + 1}`, log, ticks.idleMs, () => enrolTick(db, ctx))),
    startSender({ db, clock: ctx.clock, gateway: deps.gateway, log }, { ...ticks.sender, idleMs: ticks.idleMs }),
    startLoop('broadcasts', log, ticks.idleMs, broadcastPass({ db, clock: ctx.clock, clickBaseUrl: ctx.clickBaseUrl }, ticks.broadcast)),
    startLoop('measure', log, MEASURE_TICK_MS, () => measureTick(db, ctx, 'statisticsPerUnit' in deps.gateway ? deps.gateway as SendGateway & InsightGateway : undefined)),
    // Its first pass, at start, drains what a dead process left pending.
    startLoop('webhook-sweep', log, ticks.inboxSweepMs, () => sweepInbox(db, ingest.startDrain)),
  ];

  // Webhook events: drained per channel in batches (ingest/drain.ts), right after their commit in
  // the process that took them, by a job when an API-only process took them, and by the sweep
  // above for anything left; new friends' profiles fetched afterwards, a job per batch.
  const profiles = createProfileFetcher(ctx.fetchProfile);
  await workEach<WebhookEventJob>(boss, QUEUES.webhookEvent, log, tuning, (job) => ingest.drain(job.channelId));
  await workEach<ProfileJob>(boss, QUEUES.profile, log, tuning, (_data, job) => fetchFriendProfiles(db, ctx, profiles, job));

  await workBatch<WakeJob>(boss, db, QUEUES.wake, log, tuning, (tx, jobs) => wakeRuns(tx, ctx, jobs));

  await workBatch<EnrolJob>(boss, db, QUEUES.enrol, log, tuning, async (tx, jobs) => { await enrolFriends(tx, ctx, jobs); });

  await workBatch<ActivityJob>(boss, db, QUEUES.activity, log, tuning, (tx, jobs) => processActivities(tx, ctx, jobs));

  // Sends are claimed from the outbox by the sender; a send job left by an earlier version names a
  // row the sender takes anyway, so it is simply completed.
  await workEach<SendJob>(boss, QUEUES.send, log, tuning, async () => {});

  return async () => {
    await Promise.all(loops.map((loop) => loop.stop()));
    await ingest.idle();
  };
}

/** Tags added (by scenarios or by hand) and link clicks: tag/link triggers, then waiting runs. */
async function processActivities(tx: Tx, ctx: RunContext, jobs: ActivityJob[]): Promise<void> {
  const workspaceOf = await activeFriendWorkspaces(tx, jobs.map((job) => job.friendId));
  const live = jobs.filter((job) => workspaceOf.has(job.friendId));
  await enterScenarios(tx, ctx, live.map((job) => ({ friendId: job.friendId, workspaceId: workspaceOf.get(job.friendId)!, event: job.activity })));
  await deliverActivities(tx, ctx, live);
}

/** Single wake-ups (a virtual friend's, a resumed run's): locked and stepped together, written in one batch. */
async function wakeRuns(tx: Tx, ctx: RunContext, jobs: WakeJob[]): Promise<void> {
  const locked = await lockRuns(tx, [...new Set(jobs.map((job) => job.runId))]);
  const expected = new Set(jobs.map((job) => `${job.runId}:${job.stepSeq}`));
  // A wake-up for a step the run has already left (fast-forward, event, block) is stale.
  const due = locked.filter((run) => run.status === 'waiting' && expected.has(`${run.id}:${run.stepSeq}`));
  if (due.length === 0) return;
  const active = await activeScenarioIds(tx, due.map((run) => run.scenarioId));
  // Paused scenarios keep their runs waiting: resumeScenario wakes what fell due meanwhile.
  await advanceRuns(tx, ctx, due.filter((run) => active.has(run.scenarioId)).map((run) => ({ run, event: { kind: 'wake' as const } })));
}

/**
 * After a pause, every run whose wake-up fell due while paused moves now: the wake tick takes them
 * as soon as their scenario is active again. Only a virtual friend's run, due in its friend's
 * time ahead of the real one, gets a wake-up job of its own. Returns how many are due.
 */
export async function wakeDueRuns(db: Db, ctx: RunContext, workspaceId: string, scenarioId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const due = await runsDueInFriendTime(tx, workspaceId, scenarioId, now);
    for (const run of due) if (run.offsetMs > 0) await enqueueWake(ctx.boss, tx, { runId: run.id, stepSeq: run.stepSeq }, now);
    return due.length;
  });
}
