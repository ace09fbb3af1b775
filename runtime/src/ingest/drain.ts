import type { FastifyBaseLogger } from 'fastify';
import { isTransientConflict } from '../db/availability.ts';
import type { RunContext } from '../runs/context.ts';
import { findChannel } from '../store/channels.ts';
import type { Db } from '../store/tx.ts';
import { channelsWithPendingEvents, claimEvents, holdChannelDrain, lockInboxLanes, peekPendingEvents, recordEventFailure, type PendingEvent } from '../store/webhook-events.ts';
import { applyWebhookEvents } from './apply.ts';
import { INGEST_LANES, splitIntoLanes, type LaneGroup } from './lanes.ts';

/** Events applied per transaction (a backlog takes several, side by side: lanes.ts). */
export const INGEST_BATCH = 500;
/** An event failing on its own this often is set aside with its error (its neighbours go on). */
export const MAX_EVENT_ATTEMPTS = 3;

interface Deps { db: Db; ctx: RunContext; log: FastifyBaseLogger }

export type Drainer = ReturnType<typeof createDrainer>;

/**
 * Applies a channel's pending webhook events in arrival order, a batch per transaction, and a
 * backlog in several transactions side by side, each user's events in one of them (lanes.ts). Within a
 * process one drain per channel runs at a time (a commit or job arriving meanwhile marks it dirty
 * and waits for it), and across processes the channel's advisory lock orders the transactions. No
 * batch waits for LINE: new friends' profiles are fetched afterwards by a job per batch
 * (profiles.ts).
 */
export function createDrainer(deps: Deps) {
  const draining = new Map<string, { dirty: boolean; done: Promise<void> }>();

  async function drain(channelId: string): Promise<void> {
    const current = draining.get(channelId);
    if (current) {
      current.dirty = true;
      return current.done;
    }
    const entry = { dirty: true, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        while (entry.dirty) {
          entry.dirty = false;
          await drainPass(channelId);
        }
      } finally {
        draining.delete(channelId);
      }
    })();
    draining.set(channelId, entry);
    return entry.done;
  }

  /**
   * One pass over what is pending now, batch after batch, the next batch read while one commits.
   * Across processes one pass per channel runs at a time: the transaction holding that lock only
   * waits (on a connection of its own) while the batches commit on others.
   */
  async function drainPass(channelId: string): Promise<void> {
    await deps.db.transaction(async (held) => {
      await holdChannelDrain(held, channelId);
      await drainBatches(channelId);
    });
  }

  async function drainBatches(channelId: string): Promise<void> {
    const found = await findChannel(deps.db, channelId);
    const channel = found && { id: found.id, workspaceId: found.workspaceId };
    if (!channel) return;
    // A user whose event failed (and was not set aside) has their later events left for the next
    // pass, so they never apply out of order.
    const stalled = new Set<string>();
    const peek = (afterSeq: number) => peekPendingEvents(deps.db, channelId, afterSeq, INGEST_BATCH * INGEST_LANES);
    let pending = await peek(0);
    while (pending.length > 0) {
      const after = pending.at(-1)!.seq;
      // The next events are read while these apply; they start once all of these have committed, so a
      // user's later event never overtakes an earlier one in another transaction.
      const groups = splitIntoLanes(pending, (item) => item.event.source.userId!, INGEST_BATCH);
      [, pending] = await Promise.all([Promise.all(groups.map((group) => apply(channel, group, stalled))), peek(after)]);
    }
    // Their failed events stay pending for the next sweep (sweepInbox) or job retry.
    if (stalled.size > 0) throw new Error(`${stalled.size} users' webhook events failed and wait for a retry`);
  }

  async function apply(channel: { id: string; workspaceId: string }, group: LaneGroup<PendingEvent>, stalled: Set<string>): Promise<void> {
    const ready = group.items.filter(({ event }) => !stalled.has(event.source.userId!));
    try {
      await applyTogether(channel, group.lanes, ready);
    } catch (error) {
      deps.log.warn({ err: error, channelId: channel.id, size: ready.length }, 'webhook batch failed; applying its events one by one');
      for (const item of ready) {
        const userId = item.event.source.userId!;
        if (stalled.has(userId)) continue;
        try {
          await applyTogether(channel, group.lanes, [item]);
        } catch (eventError) {
          if (isTransientConflict(eventError)) {
            // A deadlock or serialization failure says nothing about the event: it waits for the next
            // pass without counting an attempt.
            deps.log.warn({ err: eventError, channelId: channel.id, webhookEventId: item.webhookEventId }, 'webhook event met a conflicting transaction; it waits for the next pass');
            stalled.add(userId);
            continue;
          }
          const setAside = await recordEventFailure(deps.db, channel.id, item.seq, errorText(eventError), MAX_EVENT_ATTEMPTS, deps.ctx.clock.now());
          deps.log.warn({ err: eventError, channelId: channel.id, webhookEventId: item.webhookEventId, setAside }, 'webhook event failed');
          if (!setAside) stalled.add(userId);
        }
      }
    }
  }

  /** Claims and applies the events in one transaction: all of them take effect, or none is marked. */
  async function applyTogether(channel: { id: string; workspaceId: string }, lanes: number[], items: PendingEvent[]): Promise<void> {
    if (items.length === 0) return;
    await deps.db.transaction(async (tx) => {
      await lockInboxLanes(tx, channel.id, lanes);
      const claimed = await claimEvents(tx, channel.id, items.map((item) => item.seq), deps.ctx.clock.now());
      const events = items.filter((item) => claimed.has(item.seq)).map((item) => item.event);
      if (events.length) await applyWebhookEvents(tx, deps.ctx, channel, events);
    });
  }

  /**
   * Starts a drain and does not wait for it (after a commit, from the sweep): a failure is logged,
   * and its events stay pending for the next sweep or commit.
   */
  function startDrain(channelId: string): void {
    drain(channelId).catch((error: unknown) => deps.log.warn({ err: error, channelId }, 'webhook events still pending after a drain; the next sweep tries again'));
  }

  /** Waits for the drains under way (shutdown: drains started with startDrain are not awaited by anyone). */
  async function idle(): Promise<void> {
    await Promise.allSettled([...draining.values()].map((entry) => entry.done));
  }

  return { drain, startDrain, idle };
}

/**
 * The inbox's safety net, a pass of the worker's sweep loop: every channel with events still
 * pending is drained. Events normally drain right after their commit, in the process that took
 * them; this finds what that missed: a process that died between its commit and its drain, events
 * an API-only process committed, and events that failed and wait for another attempt (each pass
 * is one more, until MAX_EVENT_ATTEMPTS sets them aside). The drains are started, not awaited: a
 * channel kept busy by a stream of commits must not hold the next sweep back from the others.
 */
export async function sweepInbox(db: Db, startDrain: (channelId: string) => void): Promise<false> {
  for (const channelId of await channelsWithPendingEvents(db)) startDrain(channelId);
  return false;
}

/** The database's own words first (drizzle wraps them in "Failed query: …"). */
function errorText(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${cause.message} (${message})` : message;
}
