import type { ScenarioApi } from '../api/ScenarioApi.ts';
import type { ScenarioSummary, WorkspaceCatalogue } from '../api/types.ts';
import { parseFlowGraph, type FlowGraph, type FlowIssue } from '../flow/language.ts';
import { loadLocalDraft } from '../saving/localDrafts.ts';

export interface LoadedScenario {
  summary: ScenarioSummary;
  graph: FlowGraph;
  baseRevision: number;
  catalogue: WorkspaceCatalogue;
  timeZone: string;
  /** Edits found in this browser that the server does not have yet. */
  restored: 'none' | 'same-base' | 'stale-base';
  /** Why the stored graph could not be read (the editor then opens it empty, read-only saving). */
  parseIssues: FlowIssue[];
}

/** Fetches everything the editor needs and merges unsaved local edits back in. */
export async function loadEditor(api: ScenarioApi, ws: string, scenarioId: string): Promise<LoadedScenario> {
  const [detail, catalogue, workspace] = await Promise.all([
    api.getScenario(ws, scenarioId),
    api.getCatalogue(ws),
    api.getWorkspace(ws),
  ]);
  const { draft, ...summary } = detail;
  const parsed = parseFlowGraph(draft);
  const local = loadLocalDraft(ws, scenarioId);
  const localGraph = local ? parseFlowGraph(local.graph) : undefined;
  const base = {
    summary,
    baseRevision: detail.draftRevision,
    catalogue,
    timeZone: workspace.timeZone || 'Asia/Tokyo',
    parseIssues: parsed.ok ? [] : parsed.issues,
  };
  if (local && localGraph?.ok) {
    return { ...base, graph: localGraph.graph, restored: local.baseRevision === detail.draftRevision ? 'same-base' : 'stale-base' };
  }
  return { ...base, graph: parsed.ok ? parsed.graph : { schemaVersion: 1, nodes: [], edges: [] }, restored: 'none' };
}
