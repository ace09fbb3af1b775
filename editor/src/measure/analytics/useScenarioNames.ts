import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { useResource } from '../../api/useResource.ts';
import { nodeKinds, nodeSummary, parseFlowGraph, type FlowGraph, type FlowNode } from '../../flow/language.ts';
import { useSharedT } from '../../i18n/useLang.ts';

export interface ScenarioNames {
  name: string | undefined;
  graph: FlowGraph | undefined;
  /** 「メッセージ送信: ようこそ…」: the kind and its summary, as the card shows them. */
  nodeName: (nodeId: string) => string;
  node: (nodeId: string) => FlowNode | undefined;
}

/** The scenario's name and its steps in words (from the draft: node ids persist across versions). */
export function useScenarioNames(ws: string, scenarioId: string): ScenarioNames & { error: unknown; reload: () => void } {
  const api = useApi();
  const st = useSharedT();
  const detail = useResource(`${ws}/${scenarioId}`, async () => {
    const [scenario, catalogue] = await Promise.all([api.getScenario(ws, scenarioId), api.getCatalogue(ws)]);
    const parsed = parseFlowGraph(scenario.draft);
    return { name: scenario.name, graph: parsed.ok ? parsed.graph : undefined, catalogue };
  });
  const data = detail.data;
  return useMemo(() => {
    const byId = new Map((data?.graph?.nodes ?? []).map((n) => [n.id, n]));
    const node = (id: string) => byId.get(id);
    const nodeName = (id: string) => {
      const found = byId.get(id);
      if (!found) return id;
      const summary = nodeSummary(found, st, data?.catalogue);
      const label = st(nodeKinds[found.type].label);
      return summary ? `${label}: ${summary.length > 24 ? `${summary.slice(0, 24)}…` : summary}` : label;
    };
    return { name: data?.name, graph: data?.graph, nodeName, node, error: detail.error, reload: detail.reload };
  }, [data, st, detail.error, detail.reload]);
}
