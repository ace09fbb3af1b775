import { eq } from 'drizzle-orm';
import { parseFlowGraph, type FlowGraph } from '@lsb/shared';
import { scenarioVersions } from '../db/schema/index.ts';
import type { Tx } from '../store/tx.ts';

// Published versions never change, so a parsed graph can be kept for the life of the process.
const cache = new Map<string, FlowGraph>();

export async function versionGraph(tx: Tx, versionId: string): Promise<FlowGraph> {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const [row] = await tx.select({ graph: scenarioVersions.graph }).from(scenarioVersions).where(eq(scenarioVersions.id, versionId));
  if (!row) throw new Error(`scenario version ${versionId} does not exist`);
  const parsed = parseFlowGraph(row.graph);
  if (!parsed.ok) throw new Error(`scenario version ${versionId} holds an unreadable graph: ${parsed.issues[0]?.code}`);
  cache.set(versionId, parsed.graph);
  return parsed.graph;
}
