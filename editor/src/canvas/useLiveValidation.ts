import { useEffect } from 'react';
import { validateGraph } from '../flow/validate.ts';
import type { FlowStore } from '../store/createFlowStore.ts';

const DELAY_MS = 120;

/**
 * Re-runs shared's validator shortly after the graph or catalogue changes (never during a drag,
 * which changes neither), so badges and the issues panel follow every edit.
 */
export function useLiveValidation(store: FlowStore): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      const s = store.getState();
      s.setIssues(validateGraph(s.toGraph(), s.catalogue));
    };
    run();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.graphVersion === prev.graphVersion && s.catalogue === prev.catalogue) return;
      if (timer === undefined) timer = setTimeout(run, DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store]);
}
