import { lockRuns, waitingRunsOfFriends } from '../store/runs.ts';
import type { Tx } from '../store/tx.ts';
import { advanceRuns } from './advance.ts';
import type { RunContext } from './context.ts';
import { StepWriter } from './step-writer.ts';
import { versionGraphs } from '../store/version-graphs.ts';

export interface FieldChange {
  friendId: string;
  /** `all`: any date field may have changed unseen (a friend returning from a block). */
  fieldIds: string[] | 'all';
}

/**
 * Fields changed (a set-field node, the friend API, an import): every run of those friends parked
 * at a date wait tied to one of them re-plans in the caller's transaction, so its wake-up (and
 * the run's wake time shown in the UI) moves with the date, or it leaves by `skipped` when the date
 * was cleared or its moment passed. The old wake job is left to go stale (step_seq moved on).
 * `except` are runs stepped by the change itself: they saw the new value already.
 */
export async function replanFieldWaits(tx: Tx, ctx: RunContext, changes: FieldChange[], except: string[] = [], depth = 0): Promise<number> {
  const byFriend = new Map<string, Set<string> | 'all'>();
  for (const { friendId, fieldIds } of changes) {
    if (fieldIds !== 'all' && fieldIds.length === 0) continue;
    const set = byFriend.get(friendId) ?? new Set<string>();
    if (fieldIds === 'all' || set === 'all') byFriend.set(friendId, 'all');
    else byFriend.set(friendId, new Set([...set, ...fieldIds]));
  }
  if (byFriend.size === 0) return 0;
  const waiting = await waitingRunsOfFriends(tx, [...byFriend.keys()], except);
  const graphs = await versionGraphs(tx, waiting.map((run) => run.versionId));
  const concerned = new Map<string, string>();
  for (const run of waiting) {
    const node = graphs.get(run.versionId)!.nodes.find((n) => n.id === run.currentNodeId);
    if (node?.type !== 'wait' || node.data.mode !== 'relativeToField') continue;
    const fields = byFriend.get(run.friendId)!;
    if (fields === 'all' || fields.has(node.data.fieldId)) concerned.set(run.id, node.data.fieldId);
  }
  const locked = (await lockRuns(tx, [...concerned.keys()])).filter((run) => run.status === 'waiting');
  if (locked.length === 0) return 0;
  const writer = new StepWriter(ctx, depth + 1);
  const moved = await advanceRuns(tx, ctx, locked.map((run) => ({ run, event: { kind: 'fieldChanged' as const, fieldIds: [concerned.get(run.id)!] } })), writer);
  await writer.flush(tx);
  return moved;
}
