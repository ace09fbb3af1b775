import { useEffect } from 'react';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { useMeasureApi } from '../measure/api.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { pollStats } from './poll.ts';

/**
 * Polls the per-node measures for the chosen days while the scenario has a published version
 * (a changed range asks at once); a failed poll keeps the last figures.
 */
export function useNodeMeasures(): void {
  const api = useMeasureApi();
  const { ws, scenarioId } = useEditorEnv();
  const store = useFlowStoreApi();
  const published = useFlow((s) => s.scenario?.publishedVersion != null);
  const from = useFlow((s) => s.measureRange?.from);
  const to = useFlow((s) => s.measureRange?.to);

  useEffect(() => {
    if (!published) {
      store.getState().setMeasures(undefined);
      return;
    }
    // A failed poll keeps the last figures; the live counts (useLiveStats) still show.
    return pollStats(async (isStopped) => {
      const measures = await api.nodeMeasures(ws, scenarioId, { from, to });
      if (!isStopped()) store.getState().setMeasures(measures);
    });
  }, [api, ws, scenarioId, store, published, from, to]);
}
