import { chunks } from '../chunks.ts';
import { workspacesWithCaps } from '../store/caps.ts';
import { friendsWithUnsentMessages, type CohortBatchWrite, type CohortRecipient } from '../store/cohort-batches.ts';
import { MULTICAST_MAX } from '../store/send-batches.ts';
import type { SendWrite } from '../store/sends.ts';
import type { Tx } from '../store/tx.ts';

/**
 * Below this many friends a group of identical messages stays send rows: a batch's own statements
 * (its row, its members, the claim's checks) cost about what ten rows' writes do.
 */
export const COHORT_BATCH_MIN = 10;

/**
 * A step's sends, split into cohort batches (store/cohort-batches.ts) and send rows. A group of at
 * least COHORT_BATCH_MIN friends with the same rendered messages at one node, due now, becomes
 * batches of ≤ 500; left out as rows are friends with another send in this step or a message still
 * on its way (so each friend's messages keep their order), friends of workspaces with a message
 * cap (decided per send at the claim), and sends the caller did not mark `batchable` (held for a
 * delivery window, a virtual friend's, or a friend read blocked), which names each batchable send's
 * recipient as the step read them.
 */
export async function splitCohortSends(
  tx: Tx, sends: readonly SendWrite[], batchable: ReadonlyMap<SendWrite, CohortRecipient>,
): Promise<{ rows: SendWrite[]; batches: CohortBatchWrite[] }> {
  const perFriend = new Map<string, number>();
  for (const send of sends) perFriend.set(send.friendId, (perFriend.get(send.friendId) ?? 0) + 1);
  const groups = new Map<string, SendWrite[]>();
  for (const send of sends) {
    if (!batchable.has(send) || perFriend.get(send.friendId) !== 1 || !send.scenarioId || !send.nodeId || !send.runId) continue;
    const key = [send.workspaceId, send.channelId, send.scenarioId, send.nodeId, send.messageDigest, send.aggregationUnit ?? ''].join('|');
    const group = groups.get(key);
    if (group) group.push(send); else groups.set(key, [send]);
  }
  let large = [...groups.values()].filter((group) => group.length >= COHORT_BATCH_MIN);
  if (large.length === 0) return { rows: [...sends], batches: [] };
  const capped = await workspacesWithCaps(tx, [...new Set(large.map((group) => group[0]!.workspaceId))]);
  large = large.filter((group) => !capped.has(group[0]!.workspaceId));
  const busy = await friendsWithUnsentMessages(tx, large.flatMap((group) => group.map((send) => send.friendId)));
  const batched = new Set<SendWrite>();
  const batches: CohortBatchWrite[] = [];
  for (const group of large) {
    const free = group.filter((send) => !busy.has(send.friendId));
    if (free.length < COHORT_BATCH_MIN) continue;
    for (const members of chunks(free, MULTICAST_MAX)) {
      const first = members[0]!;
      for (const send of members) batched.add(send);
      batches.push({
        workspaceId: first.workspaceId, channelId: first.channelId, scenarioId: first.scenarioId!, nodeId: first.nodeId!,
        messages: first.messages, messageDigest: first.messageDigest, aggregationUnit: first.aggregationUnit ?? null, dueAt: first.dueAt,
        friendsReadXmin: oldestXmin(members.map((send) => batchable.get(send)!.friendsReadXmin)),
        members: members.map((send) => ({
          friendId: send.friendId, lineUserId: batchable.get(send)!.lineUserId, runId: send.runId!, visit: send.visit ?? 1, retryKey: send.retryKey,
        })),
      });
    }
  }
  return { rows: sends.filter((send) => !batched.has(send)), batches };
}

/** The oldest of these transaction ids (64-bit, as text). */
function oldestXmin(xmins: readonly string[]): string {
  return xmins.reduce((oldest, xmin) => (BigInt(xmin) < BigInt(oldest) ? xmin : oldest));
}
