import { useEffect } from 'react';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';

export const STATS_INTERVAL_MS = 5000;

/** Polls per-node counts while the scenario has a published version; a failed poll keeps the last counts. */
export function useLiveStats(): void {
  const api = useApi();
  const { ws, scenarioId } = useEditorEnv();
  const store = useFlowStoreApi();
  const published = useFlow((s) => s.scenario?.publishedVersion != null);

  useEffect(() => {
    if (!published) {
      store.getState().setStats(undefined);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const stats = await api.getStats(ws, scenarioId);
        if (!stopped) store.getState().setStats(stats.nodes);
      } catch {
        // The counts are informative; the save status already reports a runtime that is down.
      }
      if (!stopped) timer = setTimeout(() => void poll(), document.hidden ? STATS_INTERVAL_MS * 6 : STATS_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, ws, scenarioId, store, published]);
}
