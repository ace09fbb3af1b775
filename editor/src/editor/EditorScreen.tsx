import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import type { PendingPaste } from '../canvas/clipboardActions.ts';
import { MissingReferencesDialog } from '../canvas/MissingReferencesDialog.tsx';
import { Palette } from '../canvas/Palette.tsx';
import { useLiveValidation } from '../canvas/useLiveValidation.ts';
import { useShortcuts } from '../canvas/useShortcuts.ts';
import { SimulatorDrawer } from '../simulator/SimulatorDrawer.tsx';
import { TemplateLinkBar } from '../templates/TemplateLinkBar.tsx';
import { useLiveStats } from '../stats/useLiveStats.ts';
import { useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { useEditorEnv } from './EditorEnv.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { SidePanel } from './SidePanel.tsx';

export function EditorScreen() {
  const { t } = useTranslation();
  const store = useFlowStoreApi();
  const [pendingPaste, setPendingPaste] = useState<PendingPaste | null>(null);
  const onPendingPaste = useCallback((p: PendingPaste) => setPendingPaste(p), []);
  const { ws } = useEditorEnv();
  const edit = usePermission(ws, 'edit');
  const [simulatorOpen, setSimulatorOpen] = useState(false);
  const toggleSimulator = useCallback(() => setSimulatorOpen((open) => !open), []);
  const closeSimulator = useCallback(() => setSimulatorOpen(false), []);
  useLiveValidation(store);
  useShortcuts(store, onPendingPaste);
  useLiveStats();

  return (
    <div className="editor" data-testid="editor-page">
      <EditorToolbar onPendingPaste={onPendingPaste} simulatorOpen={simulatorOpen} onToggleSimulator={toggleSimulator} />
      <NoticeBar />
      <TemplateLinkBar />
      {!edit.allowed && <p className="read-only-note" role="note" data-testid="read-only-note">{t('acct.readOnly')}</p>}
      <div className={simulatorOpen ? 'editor-body with-simulator' : 'editor-body'}>
        {edit.allowed && <Palette />}
        <FlowCanvas />
        <SidePanel />
        {simulatorOpen && <SimulatorDrawer ws={ws} onClose={closeSimulator} />}
      </div>
      {pendingPaste && <MissingReferencesDialog pending={pendingPaste} onClose={() => setPendingPaste(null)} />}
    </div>
  );
}
