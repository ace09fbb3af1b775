import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { parseFlowGraph, type FlowGraph } from '@lsb/shared';
import { scenarioVersions, scenarios } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// Published versions never change, so a parsed graph can be kept for the life of the process.
const cache = new Map<string, FlowGraph>();

/** The published graphs of these versions: every one not yet parsed in this process comes in one query. */
export async function versionGraphs(tx: Tx, versionIds: Iterable<string>): Promise<Map<string, FlowGraph>> {
  const wanted = [...new Set(versionIds)];
  const missing = wanted.filter((id) => !cache.has(id));
  if (missing.length > 0) {
    const rows = await tx.select({ id: scenarioVersions.id, graph: scenarioVersions.graph }).from(scenarioVersions).where(inArray(scenarioVersions.id, missing));
    for (const row of rows) {
      const parsed = parseFlowGraph(row.graph);
      if (!parsed.ok) throw new Error(`scenario version ${row.id} holds an unreadable graph: ${parsed.issues[0]?.code}`);
      cache.set(row.id, parsed.graph);
    }
  }
  return new Map(wanted.map((id) => {
    const graph = cache.get(id);
    if (!graph) throw new Error(`scenario version ${id} does not exist`);
    return [id, graph];
  }));
}

export interface LiveScenario { id: string; workspaceId: string; versionId: string }

// Live scenarios change only by a marketer's publish, pause or archive, never inside a worker's
// batch: one transaction (a batch) asks the database once per workspace.
const liveByTx = new WeakMap<object, Map<string, LiveScenario[]>>();

/**
 * The workspaces' active, published scenarios in the marketer's priority order (then oldest, then
 * id), each workspace's read at most once per transaction.
 */
export async function liveScenarios(tx: Tx, workspaceIds: string[]): Promise<LiveScenario[]> {
  // Only a transaction is remembered: the database handle itself lives as long as the process.
  const known = liveByTx.get(tx) ?? new Map<string, LiveScenario[]>();
  if (tx instanceof PgTransaction) liveByTx.set(tx, known);
  const missing = [...new Set(workspaceIds)].filter((id) => !known.has(id));
  if (missing.length > 0) {
    const rows = await tx.select({ id: scenarios.id, workspaceId: scenarios.workspaceId, versionId: scenarios.currentVersionId }).from(scenarios)
      .where(and(inArray(scenarios.workspaceId, missing), eq(scenarios.state, 'active'), isNotNull(scenarios.currentVersionId)))
      .orderBy(asc(scenarios.priority), asc(scenarios.createdAt), asc(scenarios.id));
    for (const id of missing) known.set(id, []);
    for (const row of rows) known.get(row.workspaceId)!.push({ id: row.id, workspaceId: row.workspaceId, versionId: row.versionId! });
  }
  // Each workspace's list is in priority order; entries of one workspace never compete with another's.
  return [...new Set(workspaceIds)].flatMap((id) => known.get(id)!);
}
