import { assertNever, effectiveSendUnit } from '@lsb/shared';
import { isRunOver, type TimelineEvent } from '@lsb/shared/api';
import { storedRunState } from '../engine/step.ts';
import type { Effect, StepResult } from '../engine/types.ts';
import { queueJobs, type JobData, type QueuedJob } from '../store/jobs.ts';
import { QUEUES, type QueueName } from '../store/queues.ts';
import { retryKeyFor } from '../line/retry-key.ts';
import { digestOf } from '../line/message-digest.ts';
import { recordTimeline, type TimelineWrite } from '../store/timeline.ts';
import { registerInsightUnits } from '../store/insight.ts';
import { removeFriendTagPairs } from '../store/friend-bulk.ts';
import { insertFriendTags, mergeFriendFields } from '../store/friends.ts';
import { insertRuns, insertRunSteps, stopScenarioRuns, writeRunStates, type RunRecord, type RunStateWrite, type RunStepWrite } from '../store/runs.ts';
import { insertSends, type SendWrite } from '../store/sends.ts';
import { insertCohortBatches, type CohortRecipient } from '../store/cohort-batches.ts';
import { splitCohortSends } from './cohort-sends.ts';
import type { Tx } from '../store/tx.ts';
import type { RunContext } from './context.ts';
import { tagListeners } from './tag-listeners.ts';
import { replanFieldWaits } from './field-changes.ts';

/** Re-plans triggered by re-plans stop here; deeper chains are two scenarios rewriting one date field in a loop. */
const MAX_REPLAN_DEPTH = 3;

export interface RunRow {
  id: string;
  workspaceId: string;
  friendId: string;
  scenarioId: string;
  channelId: string;
  stepSeq: number;
  /** The friend's clock offset the step ran at: its wake-ups are planned in the friend's time. */
  clockOffsetMs?: number;
  /** The friend as the step read them, if active: without it, their sends stay rows (no cohort batch). */
  recipient?: CohortRecipient;
}

/**
 * The interpreter. Engine steps are collected, then written with a handful of multi-row statements
 * in the caller's transaction: the runs, every effect and every job they ask for commit together
 * or not at all, and a cohort of a thousand friends costs about as many round trips as one.
 */
export class StepWriter {
  private readonly runUpdates: Array<{ run: RunRow; result: StepResult }> = [];
  /** Runs started in this batch and not in the table yet: inserted at flush in their stepped state. */
  private readonly newRuns = new Map<string, RunRecord>();
  /** One row per (run, step), in the order the step entered its nodes. */
  private readonly steps = new Map<string, RunStepWrite>();
  private readonly tagAdds: Array<{ run: RunRow; tagId: string }> = [];
  private readonly tagRemoves: Array<{ friendId: string; tagId: string }> = [];
  private readonly fieldSets = new Map<string, Record<string, string | number | null>>();
  private readonly sendRows: SendWrite[] = [];
  /** Sends due now to real friends read active: they may go in a cohort batch (cohort-sends.ts) to this recipient. */
  private readonly batchable = new Map<SendWrite, CohortRecipient>();
  private readonly stops: Array<{ run: RunRow; scenarioId: string }> = [];
  private readonly timeline: TimelineWrite[] = [];
  private readonly jobs = new Map<QueueName, Array<QueuedJob<QueueName>>>();
  private steppedAt: Date | undefined;

  /** `depth`: how many field-change re-plans led to this batch (a bound against two scenarios
   *  rewriting each other's date field forever). */
  constructor(private readonly ctx: RunContext, private readonly depth = 0) {}

  /**
   * The moment of this batch's steps, read once: the runs a batch steps along the same nodes share
   * one run_steps path only if they share its moment (a chunk of 1,000 read the clock across some
   * 10 ms, and wrote 10 paths).
   */
  private moment(): Date {
    return this.steppedAt ??= this.ctx.clock.now();
  }

  get size(): number {
    return this.runUpdates.length;
  }

  /** Runs this batch started and has not inserted: written at flush, once, as their first step left them. */
  insertOnFlush(runs: readonly RunRecord[]): void {
    for (const run of runs) this.newRuns.set(run.id, run);
  }

  add(run: RunRow, result: StepResult): void {
    this.runUpdates.push({ run, result });
    const stepSeq = run.stepSeq + 1;
    for (const effect of result.effects) this.collect(run, stepSeq, effect);
    // One entry for a stop, carrying the engine's reason (runStopped) when it gave one. A start and
    // a finish need none: the run row is their entry (store/run-timeline.ts).
    const { status } = result.state;
    const stopped = result.effects.find((effect) => effect.kind === 'runStopped');
    if (status === 'stopped') {
      this.note(run, { kind: 'run_stopped', detail: { scenarioId: run.scenarioId, runId: run.id, ...(stopped ? { reason: stopped.reason, nodeId: stopped.nodeId } : {}) } });
    }
  }

  private collect(run: RunRow, stepSeq: number, effect: Effect): void {
    const now = this.moment();
    switch (effect.kind) {
      case 'enteredNode': {
        const key = `${run.id}:${stepSeq}`;
        let row = this.steps.get(key);
        if (!row) {
          row = { workspaceId: run.workspaceId, runId: run.id, stepSeq, scenarioId: run.scenarioId, enteredAt: now, nodeIds: [], visits: [], outputs: [] };
          this.steps.set(key, row);
        }
        row.nodeIds.push(effect.nodeId);
        row.visits.push(effect.visit);
        row.outputs.push(effect.output ?? null);
        return;
      }
      case 'addTags':
        for (const tagId of effect.tagIds) this.tagAdds.push({ run, tagId });
        return;
      case 'removeTags':
        for (const tagId of effect.tagIds) this.tagRemoves.push({ friendId: run.friendId, tagId });
        if (effect.tagIds.length) this.note(run, { kind: 'tags_removed', detail: { tagIds: effect.tagIds, scenarioId: run.scenarioId } });
        return;
      case 'setField': {
        const patch = this.fieldSets.get(run.friendId) ?? {};
        patch[effect.fieldId] = effect.value;
        this.fieldSets.set(run.friendId, patch);
        this.note(run, { kind: 'field_set', detail: { fieldId: effect.fieldId, value: effect.value } });
        return;
      }
      case 'send': {
        const row: SendWrite = {
          workspaceId: run.workspaceId, channelId: run.channelId, friendId: run.friendId, runId: run.id, scenarioId: run.scenarioId,
          nodeId: effect.nodeId, visit: effect.visit, retryKey: retryKeyFor(run.id, effect.nodeId, effect.visit),
          messages: effect.messages, messageDigest: digestOf(effect.messages), // The engine plans in the friend's time (a virtual friend's clock may run ahead); rows and jobs use real time.
          dueAt: effect.dueAt ? new Date(Date.parse(effect.dueAt) - (run.clockOffsetMs ?? 0)) : now,
          // Every send carries a LINE unit: the node's own, else one derived from (scenario, node), which
          // the engine cannot name (it sees the graph, not the scenario) and which never changes.
          aggregationUnit: effectiveSendUnit(run.scenarioId, effect.nodeId, effect.aggregationUnit),
          capPolicy: effect.capPolicy ?? 'hold',
        };
        this.sendRows.push(row);
        if (!effect.dueAt && !run.clockOffsetMs && run.recipient) this.batchable.set(row, run.recipient);
        return;
      }
      case 'sendCapped':
        this.note(run, { kind: 'send_capped', detail: {
          scenarioId: run.scenarioId, nodeId: effect.nodeId, outcome: effect.outcome, ...(effect.until ? { until: effect.until } : {}),
        } });
        return;
      case 'startScenario':
        this.job(QUEUES.enrol, { friendId: run.friendId, scenarioId: effect.scenarioId, reason: 'startScenario' });
        return;
      case 'stopScenario':
        this.stops.push({ run, scenarioId: effect.scenarioId });
        return;
      case 'runStopped':
        // The engine refused to go on (a loop with no wait, a node missing from the version): its
        // run_stopped entry says why (add() writes it, once, with the stopped state).
        return;
      case 'scheduleWake':
        // The run's wake_at (written with it) is what the wake tick finds when it falls due. A virtual
        // friend's clock runs ahead of the real one (effect.at is in its time): it gets its own
        // wake-up job at the matching real moment, as the tick would find it only at effect.at.
        if (run.clockOffsetMs) this.job(QUEUES.wake, { runId: run.id, stepSeq }, new Date(Date.parse(effect.at) - run.clockOffsetMs).toISOString());
        return;
      default:
        assertNever(effect);
    }
  }

  private note(run: RunRow, event: TimelineEvent): void {
    this.timeline.push({ friend: { id: run.friendId, workspaceId: run.workspaceId }, event, at: this.moment() });
  }

  private job<Q extends QueueName>(queue: Q, data: JobData[Q], startAfter?: string): void {
    const list = this.jobs.get(queue) ?? [];
    list.push(startAfter ? { data, startAfter } : { data });
    this.jobs.set(queue, list);
  }

  async flush(tx: Tx): Promise<void> {
    const now = this.moment();
    await this.writeRuns(tx, now);
    await insertRunSteps(tx, [...this.steps.values()]);
    await this.writeTags(tx, now);
    await this.writeFields(tx);
    await this.replanDateWaits(tx);
    const { rows, batches } = await splitCohortSends(tx, this.sendRows, this.batchable);
    await insertSends(tx, rows, now);
    await insertCohortBatches(tx, batches, now);
    await registerInsightUnits(tx, this.sendRows, now);
    for (const { run, scenarioId } of this.stops) {
      await stopScenarioRuns(tx, run.friendId, scenarioId, run.id, now);
    }
    await recordTimeline(tx, this.timeline);
    for (const [queue, jobs] of this.jobs) await queueJobs(this.ctx.boss, tx, queue, jobs);
  }

  /** New runs in one INSERT, as their step left them (or as started, if it did not move them); the rest in one UPDATE. */
  private async writeRuns(tx: Tx, now: Date): Promise<void> {
    const inserts = new Map(this.newRuns);
    const updates: RunStateWrite[] = [];
    for (const { run, result: { state } } of this.runUpdates) {
      const stepSeq = run.stepSeq + 1;
      const finishedAt = isRunOver(state.status) ? now : null;
      const started = this.newRuns.get(run.id);
      if (started) {
        inserts.set(run.id, {
          ...started, state: storedRunState(state), status: state.status, currentNodeId: state.currentNodeId,
          wakeAt: state.wakeAt ? new Date(state.wakeAt) : null, stepSeq, finishedAt,
        });
      } else {
        updates.push({
          id: run.id, state: JSON.stringify(storedRunState(state)), status: state.status, currentNodeId: state.currentNodeId,
          wakeAt: state.wakeAt, stepSeq, finishedAt: finishedAt?.toISOString() ?? null,
        });
      }
    }
    await insertRuns(tx, [...inserts.values()]);
    await writeRunStates(tx, updates);
  }

  /** Only a tag the friend did not have is "added": it is noted and may fire tag triggers. */
  private async writeTags(tx: Tx, now: Date): Promise<void> {
    if (this.tagAdds.length) {
      const added = await insertFriendTags(tx, this.tagAdds.map(({ run, tagId }) => ({ workspaceId: run.workspaceId, friendId: run.friendId, tagId, addedAt: now })));
      const runOf = new Map(this.tagAdds.map(({ run, tagId }) => [`${run.friendId}:${tagId}`, run]));
      const listeners = added.length === 0 ? undefined
        : await tagListeners(tx, [...new Set(this.tagAdds.map(({ run }) => run.workspaceId))], [...new Set(added.map((row) => row.friendId))]);
      for (const { friendId, tagId } of added) {
        const run = runOf.get(`${friendId}:${tagId}`)!;
        this.note(run, { kind: 'tag_added', detail: { tagId, scenarioId: run.scenarioId } });
        if (listeners?.hears(run.workspaceId, friendId, tagId)) this.job(QUEUES.activity, { friendId, activity: { kind: 'tagAdded', tagId } });
      }
    }
    await removeFriendTagPairs(tx, this.tagRemoves);
  }

  /** Other runs of these friends waiting on a date in a field this batch changed follow the new date. */
  private async replanDateWaits(tx: Tx): Promise<void> {
    if (this.fieldSets.size === 0 || this.depth >= MAX_REPLAN_DEPTH) return;
    const changes = [...this.fieldSets].map(([friendId, patch]) => ({ friendId, fieldIds: Object.keys(patch) }));
    await replanFieldWaits(tx, this.ctx, changes, this.runUpdates.map(({ run }) => run.id), this.depth);
  }

  /** Field values merge into friends.fields; a null value removes the key. */
  private async writeFields(tx: Tx): Promise<void> {
    if (this.fieldSets.size === 0) return;
    const ids = [...this.fieldSets.keys()];
    const patches = ids.map((id) => JSON.stringify(Object.fromEntries(Object.entries(this.fieldSets.get(id)!).filter(([, v]) => v !== null))));
    const cleared = ids.map((id) => `{${Object.entries(this.fieldSets.get(id)!).filter(([, v]) => v === null).map(([k]) => JSON.stringify(k)).join(',')}}`);
    await mergeFriendFields(tx, ids, patches, cleared);
  }
}
