import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useApi } from '../api/ApiContext.tsx';
import { isApiError } from '../api/errors.ts';
import { useResource } from '../api/useResource.ts';
import { startAutosave, type Autosave } from '../saving/autosave.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { NotFoundPage } from '../shell/NotFoundPage.tsx';
import { createFlowStore, type FlowStore } from '../store/createFlowStore.ts';
import { FlowStoreProvider } from '../store/FlowStoreContext.tsx';
import { EditorEnvProvider } from './EditorEnv.tsx';
import { EditorScreen } from './EditorScreen.tsx';
import { loadEditor, type LoadedScenario } from './loadEditor.ts';

export function EditorPage({ ws, scenarioId }: { ws: string; scenarioId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const loaded = useResource(`${ws}/${scenarioId}`, () => loadEditor(api, ws, scenarioId));
  // Another workspace's scenario (or a deleted one) is simply not there for this person.
  if (isApiError(loaded.error) && loaded.error.status === 404 && !loaded.data) return <NotFoundPage />;
  if (loaded.error !== undefined && !loaded.data) {
    return (
      <div className="page">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  }
  if (!loaded.data) return <p className="page muted">{t('app.loading')}</p>;
  return <EditorSession ws={ws} scenarioId={scenarioId} loaded={loaded.data} />;
}

/** Owns the editor's one store and its autosave for as long as the scenario is open. */
function EditorSession({ ws, scenarioId, loaded }: { ws: string; scenarioId: string; loaded: LoadedScenario }) {
  const api = useApi();
  const { allowed: canEdit } = usePermission(ws, 'edit');
  const [store] = useState<FlowStore>(() => {
    const s = createFlowStore(loaded.graph);
    // A viewer sees the scenario as it is: no dragging, no inspector edits, nothing to save.
    s.getState().setReadOnly(!canEdit);
    s.getState().setCatalogue(loaded.catalogue);
    s.getState().setScenario(loaded.summary);
    return s;
  });
  const [autosave, setAutosave] = useState<Autosave>();
  useEffect(() => store.getState().setReadOnly(!canEdit), [store, canEdit]);

  useEffect(() => {
    const saver = startAutosave({ api, ws, scenarioId, store, baseRevision: loaded.baseRevision, timeZone: loaded.timeZone, startDirty: loaded.restored === 'same-base' });
    if (loaded.offline) store.getState().showNotice({ tone: 'error', key: 'save.openedOffline' });
    else if (loaded.restored === 'same-base') store.getState().showNotice({ tone: 'info', key: 'save.restoredLocal' });
    if (loaded.restored === 'stale-base') store.getState().setSaveState({ status: 'conflict' });
    if (loaded.parseIssues.length > 0) store.getState().showNotice({ tone: 'error', key: 'editor.unreadable', detail: loaded.parseIssues.map((i) => i.code).join(', ') });
    setAutosave(saver);
    return () => saver.stop();
  }, [api, ws, scenarioId, store, loaded]);

  if (!autosave) return null;
  return (
    <EditorEnvProvider env={{ ws, scenarioId, timeZone: loaded.timeZone, autosave }}>
      <FlowStoreProvider store={store}>
        <ReactFlowProvider>
          <EditorScreen />
        </ReactFlowProvider>
      </FlowStoreProvider>
    </EditorEnvProvider>
  );
}
