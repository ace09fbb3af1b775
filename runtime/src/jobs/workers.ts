import { and, eq, inArray, lte } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/pool.ts';
import { channels, friends, runs, scenarios, webhookEvents } from '../db/schema/index.ts';
import type { WebhookEvent } from '../line/schemas/index.ts';
import { advanceRun, lockRun } from '../runs/advance.ts';
import type { LineProfile, RunContext } from '../runs/context.ts';
import { enrolFriend } from '../runs/enrol.ts';
import { enqueueWake } from '../runs/enqueue.ts';
import { deliverActivity, onFollow, onMessage, onPostback, onUnfollow } from '../runs/friend-events.ts';
import { fireTriggers } from '../runs/triggers.ts';
import { deliverSend, type SendGateway } from '../sending/deliver.ts';
import type { Tx } from '../services/friends.ts';
import { QUEUES, type ActivityJob, type EnrolJob, type SendJob, type WakeJob, type WebhookEventJob } from './queues.ts';
import { workEach, type WorkerTuning } from './work.ts';

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

  await workEach<WebhookEventJob>(boss, QUEUES.webhookEvent, log, tuning, (job) => processWebhookEvents(deps, job));

  await workEach<WakeJob>(boss, QUEUES.wake, log, tuning, (job) =>
    db.transaction(async (tx) => {
      const run = await lockRun(tx, job.runId);
      // A wake-up for a step the run has already left (fast-forward, event, block) is stale.
      if (!run || run.stepSeq !== job.stepSeq || run.status !== 'waiting') return;
      const [scenario] = await tx.select({ state: scenarios.state }).from(scenarios).where(eq(scenarios.id, run.scenarioId));
      if (scenario?.state !== 'active') return; // paused: resumeScenario wakes what fell due
      await advanceRun(tx, ctx, run, { kind: 'wake' });
    }));

  await workEach<EnrolJob>(boss, QUEUES.enrol, log, tuning, (job) =>
    db.transaction(async (tx) => { await enrolFriend(tx, ctx, job.friendId, job.scenarioId); }));

  await workEach<ActivityJob>(boss, QUEUES.activity, log, tuning, (job) =>
    db.transaction(async (tx) => {
      const [friend] = await tx.select({ id: friends.id, workspaceId: friends.workspaceId, status: friends.status })
        .from(friends).where(eq(friends.id, job.friendId));
      if (!friend || friend.status === 'blocked') return;
      await fireTriggers(tx, ctx, friend, job.activity);
      await deliverActivity(tx, ctx, job.friendId, job.activity);
    }));

  await workEach<SendJob>(boss, QUEUES.send, log, tuning, (job) => deliverSend(db, ctx.clock, deps.gateway, job.sendId));
}

async function processWebhookEvents(deps: WorkerDeps, job: WebhookEventJob): Promise<void> {
  const { db, ctx } = deps;
  const ids = job.webhookEventIds ?? (job.webhookEventId === undefined ? [] : [job.webhookEventId]);
  if (ids.length === 0) return;
  const rows = await db.select({ webhookEventId: webhookEvents.webhookEventId, event: webhookEvents.event, workspaceId: channels.workspaceId })
    .from(webhookEvents)
    .innerJoin(channels, eq(channels.id, webhookEvents.channelId))
    .where(and(eq(webhookEvents.channelId, job.channelId), inArray(webhookEvents.webhookEventId, ids)));
  const first = rows[0];
  if (!first) return;
  const channel = { id: job.channelId, workspaceId: first.workspaceId };
  // In the order LINE sent them: a follow then an unfollow must leave the friend blocked.
  const events = ids.flatMap((id) => rows.filter((row) => row.webhookEventId === id).map((row) => row.event as WebhookEvent));
  // The profile is fetched before the transaction: no database lock is held across a LINE call.
  const follower = events.find((event) => event.type === 'follow')?.source.userId;
  const profile = follower ? await ctx.fetchProfile(job.channelId, follower) : null;
  await db.transaction(async (tx) => {
    for (const event of events) await applyWebhookEvent(tx, ctx, channel, event, profile);
  });
}

async function applyWebhookEvent(tx: Tx, ctx: RunContext, channel: { id: string; workspaceId: string }, event: WebhookEvent, profile: LineProfile | null) {
  const userId = event.source.userId;
  if (!userId) return; // group/room events without a user are not about a friend
  const active = event.mode === 'active';
  switch (event.type) {
    case 'follow':
      await onFollow(tx, ctx, channel, userId, profile, active);
      return;
    case 'unfollow':
      await onUnfollow(tx, ctx, channel, userId);
      return;
    case 'message':
      await onMessage(tx, ctx, channel, userId, event.message.type === 'text' ? event.message.text : undefined, active);
      return;
    case 'postback':
      await onPostback(tx, ctx, channel, userId, event.postback.data, active);
      return;
  }
}

/** After a pause, every run whose wake-up fell due while paused moves now. */
export async function wakeDueRuns(db: Db, ctx: RunContext, workspaceId: string, scenarioId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const due = await tx.select({ id: runs.id, stepSeq: runs.stepSeq }).from(runs)
      .where(and(eq(runs.workspaceId, workspaceId), eq(runs.scenarioId, scenarioId), eq(runs.status, 'waiting'), lte(runs.wakeAt, now)));
    for (const run of due) await enqueueWake(ctx.boss, tx, { runId: run.id, stepSeq: run.stepSeq }, now);
    return due.length;
  });
}
