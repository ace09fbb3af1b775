import { useEffect, useState, type ReactNode } from 'react';
import { EditorEnvProvider } from '../editor/EditorEnv.tsx';
import { emptyGraph } from '../flow/language.ts';
import type { Autosave } from '../saving/autosave.ts';
import { createFlowStore } from '../store/createFlowStore.ts';
import { FlowStoreProvider } from '../store/FlowStoreContext.tsx';
import type { WorkspaceCatalogue } from '../api/types.ts';

/**
 * The branch condition builder outside a scenario (segments, the friends filter): its pickers read
 * the catalogue from a flow store and create tags in the workspace, so they get both, over an empty
 * graph. There is no scenario here, so nothing autosaves.
 */
export function ConditionScope({ ws, timeZone, catalogue, children }: { ws: string; timeZone: string; catalogue: WorkspaceCatalogue | undefined; children: ReactNode }) {
  const [store] = useState(() => createFlowStore(emptyGraph()));
  const [env] = useState(() => ({ ws, scenarioId: '', timeZone, autosave: NO_AUTOSAVE }));
  useEffect(() => {
    if (catalogue) store.getState().setCatalogue(catalogue);
  }, [store, catalogue]);
  return (
    <FlowStoreProvider store={store}>
      <EditorEnvProvider env={env}>{children}</EditorEnvProvider>
    </FlowStoreProvider>
  );
}

/** Never called: only the scenario editor's own components save. */
const NO_AUTOSAVE = new Proxy({}, { get: () => () => undefined }) as unknown as Autosave;
