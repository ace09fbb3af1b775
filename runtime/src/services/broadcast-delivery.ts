import { DateTime } from 'luxon';
import { Compile } from 'typebox/compile';
import { applyDeliveryWindows, broadcastAggregationUnit, isPersonalised, parseDeliveryWindows, renderMessages, type DeliveryWindowRule, type MessageDraft } from '@lsb/shared';
import { BroadcastDraftBody, type BroadcastDraftBody as Draft, type BroadcastOptions } from '@lsb/shared/api';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { digestOf } from '../line/message-digest.ts';
import { freezeIntoBatches } from '../store/broadcast-batches.ts';
import { freezeAudience, materialiseChunk, queuedAhead, unqueueOccurrence } from '../store/broadcast-delivery.ts';
import { settledOccurrence, runningOccurrenceIds } from '../store/broadcast-progress.ts';
import {
  claimDueBroadcasts, claimOccurrence, findBroadcastRow, insertOccurrence, updateBroadcastRow, updateOccurrence, type BroadcastRow, type OccurrenceRow,
} from '../store/broadcasts.ts';
import type { Tx } from '../store/tx.ts';
import { audienceQuery } from './broadcast-audience.ts';
import { nextOccurrence, occurrenceKey } from './broadcast-schedule.ts';
import { getWorkspaceRow } from './workspaces.ts';

// Runs broadcasts: fires occurrences when due (exactly once each: a unique key per occurrence) and
// feeds each running occurrence's frozen recipients into the send outbox a chunk at a time, within
// its delivery window. The one sender (sending/sender.ts) does the rest.

export interface BroadcastDeps {
  db: Db;
  clock: Clock;
  /** A friend's tracked-link base for this occurrence (`runId` = the occurrence id). */
  clickBaseUrl(friendId: string, runId: string): string;
}

export interface BroadcastTuning {
  /** Recipients moved into the outbox per transaction. */
  chunk: number;
  /** Unclaimed outbox rows an occurrence may have at once: pause and cancel take back at most this many. */
  lookahead: number;
}

export const DEFAULT_BROADCAST_TUNING: BroadcastTuning = { chunk: 5_000, lookahead: 20_000 };

const checkDraft = Compile(BroadcastDraftBody);

/** A stored broadcast read back as the draft it was saved from. */
export function draftOf(row: BroadcastRow): Draft {
  const draft = {
    name: row.name, messages: row.messages, audience: row.audience, exclusions: row.exclusions, options: row.options,
    schedule: row.schedule, delivery: row.delivery,
  };
  if (!checkDraft.Check(draft)) throw new Error(`broadcast ${row.id} holds a draft that no longer parses`);
  return draft;
}

/** Every occurrence of the broadcast counts under one unit: LINE's opens for the broadcast as a whole. */
const unitOf = (broadcastId: string) => ({ broadcastId, aggregationUnit: broadcastAggregationUnit(broadcastId) });


/** The window rules the broadcast keeps to: its own, none, or the workspace's. */
export function windowsOf(draft: Draft, workspaceWindows: unknown): DeliveryWindowRule[] {
  if (draft.delivery.mode === 'off') return [];
  return draft.delivery.mode === 'custom' ? draft.delivery.windows : parseDeliveryWindows(workspaceWindows);
}

/**
 * Fires one occurrence in the caller's transaction: the occurrence row (none if `key` was fired
 * already), then the audience frozen as it is now. Returns the occurrence and how many will be sent.
 */
export async function fireOccurrence(tx: Tx, deps: BroadcastDeps, row: BroadcastRow, key: string, now: Date): Promise<{ occurrence: OccurrenceRow; pending: number } | undefined> {
  const draft = draftOf(row);
  const workspace = await getWorkspaceRow(deps.db, row.workspaceId);
  const query = await audienceQuery(deps.db, { workspaceId: row.workspaceId, timeZone: workspace.timeZone, now }, draft);
  const personalised = isPersonalised(draft.messages);
  // The same messages for everyone and no cap to decide per friend at the claim: the audience goes
  // straight into multicast batches, no send row per recipient (store/broadcast-batches.ts).
  const batched = !personalised && !query.overCap;
  const occurrence = await insertOccurrence(tx, {
    workspaceId: row.workspaceId, broadcastId: row.id, key, status: 'running', messages: draft.messages,
    personalised, batched, windows: windowsOf(draft, workspace.deliveryWindows), timeZone: workspace.timeZone, startedAt: now,
  });
  if (!occurrence) return undefined;
  if (batched) {
    const { recipients, pending } = await freezeIntoBatches(tx, {
      workspaceId: row.workspaceId, occurrenceId: occurrence.id, query, now,
      messages: renderMessages(draft.messages, { displayName: '', fields: {} }), unit: unitOf(row.id),
    });
    // The sender claims a batch only while its occurrence is not held: outside the window it is held from the start.
    const heldUntil = windowOpens(occurrence, now);
    await updateOccurrence(tx, occurrence.id, { recipients, ...(heldUntil ? { heldUntil } : {}) });
    return { occurrence: { ...occurrence, recipients }, pending };
  }
  const { recipients } = await freezeAudience(tx, row.workspaceId, occurrence.id, query);
  await updateOccurrence(tx, occurrence.id, { recipients });
  const { pending } = await settledOccurrence(tx, occurrence.id);
  return { occurrence: { ...occurrence, recipients }, pending };
}

/** Outside the occurrence's delivery window at `now`: when it opens next; inside (or none): undefined. */
function windowOpens(occurrence: Pick<OccurrenceRow, 'windows' | 'timeZone'>, now: Date): Date | undefined {
  const rules = parseDeliveryWindows(occurrence.windows);
  if (rules.length === 0) return undefined;
  const local = DateTime.fromJSDate(now, { zone: occurrence.timeZone });
  const opens = applyDeliveryWindows(local, rules);
  return opens > local ? opens.toJSDate() : undefined;
}

/** After an occurrence ends: a monthly broadcast waits for its next month, any other is done. */
export async function afterOccurrence(tx: Tx, deps: BroadcastDeps, row: BroadcastRow, now: Date): Promise<void> {
  const draft = draftOf(row);
  if (draft.schedule.kind === 'monthly') {
    // The zone as it is now (a workspace may have moved); the next month's time follows it.
    const workspace = await getWorkspaceRow(deps.db, row.workspaceId);
    const next = nextOccurrence(draft.schedule, workspace.timeZone, now)!;
    await updateBroadcastRow(tx, row.id, { status: 'scheduled', nextAt: next.at, updatedAt: now });
  } else {
    await updateBroadcastRow(tx, row.id, { status: 'done', nextAt: null, updatedAt: now });
  }
}

/** Scheduled broadcasts whose time came: each fires its occurrence once. Returns how many fired. */
async function fireDue(deps: BroadcastDeps): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const due = await claimDueBroadcasts(tx, now, 5);
    for (const row of due) {
      const draft = draftOf(row);
      const workspace = await getWorkspaceRow(deps.db, row.workspaceId);
      const fired = await fireOccurrence(tx, deps, row, occurrenceKey(draft.schedule, workspace.timeZone, row.nextAt ?? now), now);
      if (!fired || fired.pending === 0) {
        if (fired) await updateOccurrence(tx, fired.occurrence.id, { status: 'done', finishedAt: now });
        // Already fired (or no one to send to this time): on to the next occurrence, or done.
        await afterOccurrence(tx, deps, row, now);
      } else {
        await updateBroadcastRow(tx, row.id, { status: 'running', nextAt: null, updatedAt: now });
      }
    }
    return due.length;
  });
}

/**
 * One step of one running occurrence, in one transaction holding its row: outside its window the
 * unclaimed rows are taken back and it is held until the window opens; inside, recipients are moved
 * into the outbox while less than `lookahead` wait there; once nothing is pending, queued or in
 * flight it is done. Returns whether it moved anything (more may follow at once).
 */
async function advanceOccurrence(deps: BroadcastDeps, id: string, tuning: BroadcastTuning): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const occurrence = await claimOccurrence(tx, id);
    if (!occurrence || occurrence.status !== 'running') return false;
    const now = deps.clock.now();
    const heldUntil = windowOpens(occurrence, now);
    if (heldUntil) {
      await unqueueOccurrence(tx, occurrence.id);
      if (occurrence.heldUntil?.getTime() !== heldUntil.getTime()) await updateOccurrence(tx, occurrence.id, { heldUntil });
      return false;
    }
    if (occurrence.heldUntil) await updateOccurrence(tx, occurrence.id, { heldUntil: null });
    // A batched occurrence has nothing to feed: its batches were written at the freeze.
    const ahead = occurrence.batched ? tuning.lookahead : await queuedAhead(tx, occurrence.id, tuning.lookahead);
    if (ahead < tuning.lookahead) {
      const chunk = Math.min(tuning.chunk, tuning.lookahead - ahead);
      const drafts = occurrence.messages as MessageDraft[];
      const definition = await findBroadcastRow(tx, occurrence.workspaceId, occurrence.broadcastId, false);
      const respectCaps = (definition?.options as BroadcastOptions | undefined)?.respectCaps ?? true;
      const moved = await materialiseChunk(tx, {
        occurrenceId: occurrence.id, workspaceId: occurrence.workspaceId, chunk, now, capPolicy: respectCaps ? 'skip' : 'always',
        unit: unitOf(occurrence.broadcastId),
        ...(occurrence.personalised
          ? {
            render: (friend) => {
              const messages = renderMessages(drafts, { displayName: friend.displayName, fields: friend.fields, clickBaseUrl: deps.clickBaseUrl(friend.id, occurrence.id) });
              return { messages, digest: digestOf(messages) };
            },
          }
          : { identical: { messages: renderMessages(drafts, { displayName: '', fields: {} }), digest: digestOf(drafts) } }),
      });
      if (moved > 0) return true;
    }
    const state = await settledOccurrence(tx, occurrence.id);
    if (state.pending === 0 && state.unsettled === 0) {
      await updateOccurrence(tx, occurrence.id, { status: 'done', finishedAt: now, heldUntil: null });
      const broadcast = await findBroadcastRow(tx, occurrence.workspaceId, occurrence.broadcastId, true);
      if (broadcast?.status === 'running') await afterOccurrence(tx, deps, broadcast, now);
    }
    return false;
  });
}

/** One pass of the broadcast tick: fire what is due, then step every running occurrence once. */
export async function broadcastTick(deps: BroadcastDeps, tuning: BroadcastTuning = DEFAULT_BROADCAST_TUNING): Promise<boolean> {
  let more = (await fireDue(deps)) > 0;
  for (const id of await runningOccurrenceIds(deps.db)) {
    if (await advanceOccurrence(deps, id, tuning)) more = true;
  }
  return more;
}
