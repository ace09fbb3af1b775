import type { ScenarioApi } from '../api/ScenarioApi.ts';
import { parseFlowGraph, type FlowGraph } from '../flow/language.ts';

// Published versions never change, so one fetch per version serves every friend on it for as
// long as the tab lives. A failed fetch is forgotten so the next render retries it.
const cache = new Map<string, Promise<FlowGraph | undefined>>();

export function versionGraph(api: ScenarioApi, ws: string, scenarioId: string, versionId: string): Promise<FlowGraph | undefined> {
  let pending = cache.get(versionId);
  if (!pending) {
    pending = api.getVersion(ws, scenarioId, versionId).then((v) => {
      const parsed = parseFlowGraph(v.graph);
      return parsed.ok ? parsed.graph : undefined;
    });
    pending.catch(() => cache.delete(versionId));
    cache.set(versionId, pending);
  }
  return pending;
}
