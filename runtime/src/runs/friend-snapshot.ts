import { nodeReferences, parseDeliveryWindows, type Condition, type DeliveryWindowRule, type FlowGraph, type FriendConversion, type FriendFacts, type RunStatus } from '@lsb/shared';
import type { EngineFriend } from '../engine/step.ts';
import { readFriendFacts, type FactNeeds } from '../store/friend-facts.ts';
import type { Tx } from '../store/tx.ts';
import type { RunContext } from './context.ts';

/**
 * The friend as one run's step sees them: the snapshot plus, when the run's graph sends tracked
 * links, their tracked-link base for that run, so a click can be attributed to the run's send.
 * Signing is an AES-GCM seal per run (about 90 µs): a cohort walking a graph without links must
 * not pay it for every friend.
 */
export function engineFriendFor(snapshot: FriendSnapshot, run: { id: string; friendId: string }, ctx: RunContext, graph: FlowGraph): EngineFriend {
  return tracksLinks(graph) ? { ...snapshot.friend, clickBaseUrl: ctx.clickBaseUrl(run.friendId, run.id) } : snapshot.friend;
}

const linkedGraphs = new WeakMap<FlowGraph, boolean>();

/** Whether any node of the graph uses a tracked link (a send's `{link:…}`, for one); asked once per parsed graph. */
export function tracksLinks(graph: FlowGraph): boolean {
  let linked = linkedGraphs.get(graph);
  if (linked === undefined) {
    linked = graph.nodes.some((node) => nodeReferences(node).some((reference) => reference.kind === 'link'));
    linkedGraphs.set(graph, linked);
  }
  return linked;
}

export interface FriendSnapshot {
  friend: EngineFriend;
  timeZone: string;
  /** The workspace's 配信時間帯 for sends. */
  deliveryWindows: DeliveryWindowRule[];
  channelId: string;
  workspaceId: string;
  status: 'active' | 'blocked';
  lineUserId: string;
  /** The oldest transaction the read of this friend could not see (store/friend-facts.ts): a cohort batch's members carry it. */
  friendsReadXmin: string;
  /** The friend's own clock ahead of the real one (the simulator's fast-forward); 0 for real friends. */
  clockOffsetMs: number;
}

/** The moment this friend lives in: the real now moved by their clock offset. */
export function friendNow(realNow: Date, snapshot: { clockOffsetMs: number }): Date {
  return snapshot.clockOffsetMs === 0 ? realNow : new Date(realNow.getTime() + snapshot.clockOffsetMs);
}

export type { FactNeeds };

export function factNeedsOf(graphs: Iterable<FlowGraph>): FactNeeds {
  const needs: FactNeeds = { runs: false, clicks: false, sends: false, conversions: false };
  const visit = (condition: Condition): void => {
    switch (condition.kind) {
      case 'and':
      case 'or':
        condition.conditions.forEach(visit);
        return;
      case 'not':
        visit(condition.condition);
        return;
      case 'scenario': needs.runs = true; return;
      case 'linkClicked': needs.clicks = true; return;
      case 'receivedSend': needs.sends = true; return;
      case 'converted':
      case 'rfm': needs.conversions = true; return;
      default: return;
    }
  };
  for (const graph of graphs) {
    for (const node of graph.nodes) if (node.type === 'branch') node.data.cases.forEach((c) => visit(c.condition));
  }
  return needs;
}

const EVERYTHING: FactNeeds = { runs: true, clicks: true, sends: true, conversions: true };

/**
 * The friends as the engine sees them at this moment, read for a whole batch at once: one query
 * per kind of fact, whatever the batch size, and only the kinds the batch's branches can ask
 * about (a cohort walking a graph without such conditions costs two queries). Sequential on
 * purpose: inside a transaction they share one connection.
 */
export async function loadFriendSnapshots(tx: Tx, friendIds: string[], needs: FactNeeds = EVERYTHING, now = new Date()): Promise<Map<string, FriendSnapshot>> {
  const ids = [...new Set(friendIds)];
  const snapshots = new Map<string, FriendSnapshot>();
  if (ids.length === 0) return snapshots;
  const { rows, tagRows, runRows, clickRows, sendRows, caps, conversionRows, friendsReadXmin } = await readFriendFacts(tx, ids, needs, now);

  const facts = new Map<string, FriendFacts & { tagIds: Set<string>; clickedLinkIds: Set<string>; conversionNames: Set<string>; conversions: FriendConversion[]; runs: Array<{ scenarioId: string; status: RunStatus }>; receivedSends: Array<{ scenarioId: string; nodeId: string }> }>();
  const windowsOf = new Map<unknown, DeliveryWindowRule[]>();
  for (const { friend: f, timeZone, deliveryWindows } of rows) {
    const entry = {
      status: f.status,
      inflowRouteId: f.inflowRouteId,
      fields: f.fields,
      registeredAt: f.registeredAt,
      lastReactionAt: f.lastReactionAt,
      tagIds: new Set<string>(),
      runs: [] as Array<{ scenarioId: string; status: RunStatus }>,
      clickedLinkIds: new Set<string>(),
      receivedSends: [] as Array<{ scenarioId: string; nodeId: string }>,
      conversionNames: new Set<string>(),
      conversions: [] as FriendConversion[],
    };
    facts.set(f.id, entry);
    snapshots.set(f.id, {
      friend: { displayName: f.displayName, nameKnown: f.profileStatus !== 'pending' || f.displayName !== '', facts: entry },
      timeZone,
      deliveryWindows: windowsOf.get(f.workspaceId) ?? windowsOf.set(f.workspaceId, parseDeliveryWindows(deliveryWindows)).get(f.workspaceId)!,
      channelId: f.channelId,
      workspaceId: f.workspaceId,
      status: f.status,
      lineUserId: f.lineUserId,
      friendsReadXmin,
      clockOffsetMs: f.clockOffsetMs,
    });
  }
  for (const row of tagRows) facts.get(row.friendId)?.tagIds.add(row.tagId);
  for (const row of runRows) facts.get(row.friendId)?.runs.push({ scenarioId: row.scenarioId, status: row.status });
  for (const row of clickRows) facts.get(row.friendId)?.clickedLinkIds.add(row.linkId);
  for (const row of sendRows) if (row.scenarioId && row.nodeId) facts.get(row.friendId)?.receivedSends.push({ scenarioId: row.scenarioId, nodeId: row.nodeId });
  for (const row of conversionRows) {
    const entry = facts.get(row.friendId);
    entry?.conversionNames.add(row.name);
    entry?.conversions.push({ pointId: row.pointId, at: row.at, value: row.value });
  }
  for (const count of caps.values()) {
    const snapshot = snapshots.get(count.friendId);
    if (snapshot) snapshot.friend.cap = { perDay: count.perDay, perWeek: count.perWeek, today: count.today, thisWeek: count.thisWeek };
  }
  return snapshots;
}
