import { isNetworkError } from '../api/errors.ts';
import type { ScenarioApi } from '../api/ScenarioApi.ts';
import type { ScenarioSummary, WorkspaceCatalogue } from '../api/types.ts';
import { emptyGraph, parseFlowGraph, type FlowGraph, type FlowIssue } from '../flow/language.ts';
import { clearLocalDraft, loadLocalDraft } from '../saving/localDrafts.ts';
import { sameGraph } from '../flow/sameGraph.ts';

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
  /** Opened from this browser's copy because the runtime could not be reached. */
  offline: boolean;
}

/** Fetches everything the editor needs and merges unsaved local edits back in. */
export async function loadEditor(api: ScenarioApi, ws: string, scenarioId: string): Promise<LoadedScenario> {
  let fetched;
  try {
    fetched = await Promise.all([api.getScenario(ws, scenarioId), api.getCatalogue(ws), api.getWorkspace(ws)]);
  } catch (error) {
    const offline = isNetworkError(error) ? openOffline(ws, scenarioId) : undefined;
    if (offline) return offline;
    throw error;
  }
  const [detail, catalogue, workspace] = fetched;
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
    offline: false,
  };
  // A page closed while its save was on the wire leaves a copy the server already has: nothing to restore.
  if (local && localGraph?.ok && local.baseRevision !== detail.draftRevision && parsed.ok && sameGraph(localGraph.graph, parsed.graph)) {
    clearLocalDraft(ws, scenarioId);
    return { ...base, graph: parsed.graph, restored: 'none' };
  }
  if (local && localGraph?.ok) {
    return { ...base, graph: localGraph.graph, restored: local.baseRevision === detail.draftRevision ? 'same-base' : 'stale-base' };
  }
  return { ...base, graph: parsed.ok ? parsed.graph : emptyGraph(), restored: 'none' };
}

/** With the runtime down, unsaved edits kept in this browser still open; saving resumes on reconnect. */
function openOffline(ws: string, scenarioId: string): LoadedScenario | undefined {
  const local = loadLocalDraft(ws, scenarioId);
  const graph = local && parseFlowGraph(local.graph);
  if (!local?.context || !graph?.ok) return undefined;
  return {
    summary: local.context.summary,
    graph: graph.graph,
    baseRevision: local.baseRevision,
    catalogue: local.context.catalogue ?? { tags: [], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] },
    timeZone: local.context.timeZone,
    restored: 'same-base',
    parseIssues: [],
    offline: true,
  };
}
