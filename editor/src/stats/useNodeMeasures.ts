import { useEffect } from 'react';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { useMeasureApi } from '../measure/api.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { STATS_INTERVAL_MS } from './useLiveStats.ts';

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
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const measures = await api.nodeMeasures(ws, scenarioId, { from, to });
        if (!stopped) store.getState().setMeasures(measures);
      } catch {
        // Informative only: the live counts (useLiveStats) still show.
      }
      if (!stopped) timer = setTimeout(() => void poll(), document.hidden ? STATS_INTERVAL_MS * 6 : STATS_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, ws, scenarioId, store, published, from, to]);
}
