import { useEffect } from 'react';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { pollStats } from './poll.ts';

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
    return pollStats(async (isStopped) => {
      const stats = await api.getStats(ws, scenarioId);
      if (!isStopped()) store.getState().setStats(stats.nodes);
    });
  }, [api, ws, scenarioId, store, published]);
}
