import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FlowState, FlowStore } from './createFlowStore.ts';

// One store per editor instance (not a module singleton), so two editors or two tests never share state.
const FlowStoreContext = createContext<FlowStore | null>(null);

export function FlowStoreProvider({ store, children }: { store: FlowStore; children: ReactNode }) {
  return <FlowStoreContext.Provider value={store}>{children}</FlowStoreContext.Provider>;
}

export function useFlowStoreApi(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlow outside FlowStoreProvider');
  return store;
}

/** Subscribe to a narrow slice; pair with useShallow for object or array results. */
export function useFlow<T>(selector: (state: FlowState) => T): T {
  return useStore(useFlowStoreApi(), selector);
}
