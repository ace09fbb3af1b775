import { createHash } from 'node:crypto';
import { assertNever } from '@lsb/shared';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { friendTags, runSteps, runs, sends } from '../db/schema/index.ts';
import type { Effect, StepResult } from '../engine/types.ts';
import { retryKeyFor } from '../line/retry-key.ts';
import { recordTimeline, setFriendField, type Tx } from '../services/friends.ts';
import type { RunContext } from './context.ts';
import { enqueueActivity, enqueueEnrol, enqueueSend, enqueueWake } from './enqueue.ts';

export interface RunRow {
  id: string;
  workspaceId: string;
  friendId: string;
  scenarioId: string;
  channelId: string;
  stepSeq: number;
}

/**
 * The interpreter: writes one engine step in the caller's transaction. The run row, every effect
 * and every job it asks for commit together or not at all.
 */
export async function applyStep(tx: Tx, ctx: RunContext, run: RunRow, result: StepResult): Promise<void> {
  const now = ctx.clock.now();
  const stepSeq = run.stepSeq + 1;
  const { state } = result;
  const ended = state.status === 'finished' || state.status === 'stopped';
  await tx.update(runs).set({
    state,
    status: state.status,
    currentNodeId: state.currentNodeId,
    wakeAt: state.wakeAt ? new Date(state.wakeAt) : null,
    stepSeq,
    finishedAt: ended ? now : null,
  }).where(eq(runs.id, run.id));

  for (const effect of result.effects) await applyEffect(tx, ctx, run, stepSeq, effect, now);
  if (ended) await recordTimeline(tx, { id: run.friendId, workspaceId: run.workspaceId }, `run_${state.status}`, { scenarioId: run.scenarioId, runId: run.id }, now);
}

async function applyEffect(tx: Tx, ctx: RunContext, run: RunRow, stepSeq: number, effect: Effect, now: Date): Promise<void> {
  const friend = { id: run.friendId, workspaceId: run.workspaceId };
  switch (effect.kind) {
    case 'enteredNode':
      await tx.insert(runSteps).values({
        workspaceId: run.workspaceId, runId: run.id, scenarioId: run.scenarioId, nodeId: effect.nodeId, visit: effect.visit, enteredAt: now,
      }).onConflictDoNothing();
      return;
    case 'addTags': {
      if (effect.tagIds.length === 0) return;
      const added = await tx.insert(friendTags)
        .values(effect.tagIds.map((tagId) => ({ workspaceId: run.workspaceId, friendId: run.friendId, tagId, addedAt: now })))
        .onConflictDoNothing().returning({ tagId: friendTags.tagId });
      // Only a tag the friend did not have is "added": re-adding fires no tag trigger.
      for (const { tagId } of added) {
        await recordTimeline(tx, friend, 'tag_added', { tagId, scenarioId: run.scenarioId }, now);
        await enqueueActivity(ctx.boss, tx, { friendId: run.friendId, activity: { kind: 'tagAdded', tagId } });
      }
      return;
    }
    case 'removeTags':
      if (effect.tagIds.length === 0) return;
      await tx.delete(friendTags).where(and(eq(friendTags.friendId, run.friendId), inArray(friendTags.tagId, effect.tagIds)));
      await recordTimeline(tx, friend, 'tags_removed', { tagIds: effect.tagIds, scenarioId: run.scenarioId }, now);
      return;
    case 'setField':
      await setFriendField(tx, run.friendId, effect.fieldId, effect.value);
      await recordTimeline(tx, friend, 'field_set', { fieldId: effect.fieldId, value: effect.value }, now);
      return;
    case 'send': {
      const [row] = await tx.insert(sends).values({
        workspaceId: run.workspaceId,
        channelId: run.channelId,
        friendId: run.friendId,
        runId: run.id,
        scenarioId: run.scenarioId,
        nodeId: effect.nodeId,
        visit: effect.visit,
        retryKey: retryKeyFor(run.id, effect.nodeId, effect.visit),
        messages: effect.messages,
        messageDigest: digestOf(effect.messages),
        dueAt: now,
      }).onConflictDoNothing().returning({ id: sends.id });
      if (row) await enqueueSend(ctx.boss, tx, { sendId: row.id });
      return;
    }
    case 'startScenario':
      await enqueueEnrol(ctx.boss, tx, { friendId: run.friendId, scenarioId: effect.scenarioId, reason: 'startScenario' });
      return;
    case 'stopScenario':
      await tx.update(runs).set({ status: 'stopped', finishedAt: now, stepSeq: sql`${runs.stepSeq} + 1` })
        .where(and(eq(runs.friendId, run.friendId), eq(runs.scenarioId, effect.scenarioId), ne(runs.id, run.id),
          inArray(runs.status, ['running', 'waiting', 'held'])));
      return;
    case 'runStopped':
      // The engine refused to go on (a loop with no wait, a node missing from the version): say why.
      await recordTimeline(tx, friend, 'run_stopped', { scenarioId: run.scenarioId, runId: run.id, reason: effect.reason, nodeId: effect.nodeId }, now);
      return;
    case 'scheduleWake':
      await enqueueWake(ctx.boss, tx, { runId: run.id, stepSeq }, new Date(effect.at));
      return;
    default:
      return assertNever(effect);
  }
}

/** Identical rendered messages share a digest: the sender multicasts them together. */
export function digestOf(messages: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(messages)).digest('base64url');
}
