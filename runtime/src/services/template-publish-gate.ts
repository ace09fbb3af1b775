import { graphReferences, parseFlowGraph } from '@lsb/shared';
import type { Db } from '../db/pool.ts';
import { unprocessable } from '../errors.ts';
import { findCloneRow } from '../store/templates.ts';

/**
 * Publishing a clone is refused while its draft still uses a reference left unmapped at clone
 * time: those ids exist only in the template, so the scenario would point at nothing.
 */
export async function requireMappedClone(db: Db, workspaceId: string, scenarioId: string, draft: unknown): Promise<void> {
  const clone = await findCloneRow(db, workspaceId, scenarioId);
  const unmapped = Array.isArray(clone?.unmapped) ? (clone.unmapped as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  if (unmapped.length === 0) return;
  const parsed = parseFlowGraph(draft);
  const used = new Set(parsed.ok ? graphReferences(parsed.graph).map((r) => r.key) : []);
  const still = unmapped.filter((key) => used.has(key));
  if (still.length > 0) {
    throw unprocessable('template_references_unmapped', 'Map every tag, field, route, link and scenario of the template before publishing.', { unmapped: still });
  }
}
