import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copySelection, pasteText, readClipboard, writeClipboard, type PendingPaste } from '../canvas/clipboardActions.ts';
import { PasteJsonDialog } from '../canvas/PasteJsonDialog.tsx';
import { usePermission } from '../accounts/usePermission.ts';
import { EnrolDialog } from '../enrol/EnrolDialog.tsx';
import { PublishDialog } from '../publish/PublishDialog.tsx';
import { ScenarioStateControls } from '../publish/ScenarioStateControls.tsx';
import { VersionsDialog } from '../publish/VersionsDialog.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { statusKind, statusText } from '../scenarios/status.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { selectCanRedo, selectCanUndo, selectHasSelection } from '../store/selectors.ts';
import { useEditorEnv } from './EditorEnv.tsx';
import { SaveStatus } from './SaveStatus.tsx';

type DialogName = 'publish' | 'versions' | 'pasteJson' | 'enrol' | null;

/** Fit never zooms past 100 %: a small scenario stays at its real size instead of blowing up. */
export const FIT = { padding: 0.2, duration: 300, maxZoom: 1 } as const;

export function EditorToolbar({ onPendingPaste, simulatorOpen, onToggleSimulator }: {
  onPendingPaste: (p: PendingPaste) => void;
  simulatorOpen: boolean;
  onToggleSimulator: () => void;
}) {
  const { t } = useTranslation();
  const { ws } = useEditorEnv();
  const edit = usePermission(ws, 'edit');
  const publish = usePermission(ws, 'publish');
  const readOnly = !edit.allowed;
  const store = useFlowStoreApi();
  const scenario = useFlow((s) => s.scenario);
  const canUndo = useFlow(selectCanUndo);
  const canRedo = useFlow(selectCanRedo);
  const hasSelection = useFlow(selectHasSelection);
  const { fitView } = useReactFlow();
  const [dialog, setDialog] = useState<DialogName>(null);
  const s = () => store.getState();

  const copy = () => {
    const text = copySelection(store);
    if (text) {
      void writeClipboard(text);
      s().showNotice({ tone: 'info', key: 'paste.copied' });
    }
  };
  const paste = async () => {
    const text = await readClipboard();
    if (text === undefined) return setDialog('pasteJson');
    const pending = pasteText(store, text);
    if (pending) onPendingPaste(pending);
  };
  const tidy = () => {
    s().tidyLayout();
    // Give React Flow a frame to apply positions before fitting them.
    requestAnimationFrame(() => void fitView(FIT));
  };

  return (
    <div className="editor-toolbar" data-testid="editor-toolbar">
      <Link to={paths.workspace(ws)} className="back-link" data-testid="back-to-list">← {t('app.backToList')}</Link>
      <strong className="scenario-name" title={scenario?.name} data-testid="scenario-name">{scenario?.name}</strong>
      {scenario && <span className={`status status-${statusKind(scenario)}`} data-testid="scenario-status">{statusText(t, scenario)}</span>}
      <SaveStatus />
      <div className="spacer" />
      <div className="button-group" role="group" aria-label={t('toolbar.edit')}>
        <button type="button" onClick={() => s().undo()} disabled={readOnly || !canUndo} title={edit.reason ?? `${t('toolbar.undo')} (Ctrl+Z)`} data-testid="undo">↶ {t('toolbar.undo')}</button>
        <button type="button" onClick={() => s().redo()} disabled={readOnly || !canRedo} title={edit.reason ?? `${t('toolbar.redo')} (Ctrl+Shift+Z)`} data-testid="redo">↷ {t('toolbar.redo')}</button>
        <button type="button" onClick={() => s().deleteSelection()} disabled={readOnly || !hasSelection} title={edit.reason ?? `${t('toolbar.delete')} (Delete)`} data-testid="delete-selection">{t('toolbar.delete')}</button>
        <button type="button" onClick={copy} disabled={!hasSelection} title={`${t('toolbar.copy')} (Ctrl+C)`} data-testid="copy">{t('toolbar.copy')}</button>
        <button type="button" onClick={() => void paste()} disabled={readOnly} title={edit.reason ?? `${t('toolbar.paste')} (Ctrl+V)`} data-testid="paste">{t('toolbar.paste')}</button>
        <button type="button" onClick={() => setDialog('pasteJson')} disabled={readOnly} title={edit.reason} data-testid="paste-json">{t('toolbar.pasteJson')}</button>
      </div>
      <div className="button-group" role="group" aria-label={t('toolbar.view')}>
        {/* Icons with their names as label and tooltip: the toolbar has to fit one row at 1366 px. */}
        <button type="button" className="icon-button" onClick={tidy} disabled={readOnly} aria-label={t('toolbar.tidy')} title={edit.reason ?? t('toolbar.tidy')} data-testid="tidy-layout">⊞</button>
        <button type="button" className="icon-button" onClick={() => void fitView(FIT)} aria-label={t('toolbar.fitView')} title={t('toolbar.fitView')} data-testid="fit-view">⤢</button>
      </div>
      <div className="button-group" role="group" aria-label={t('toolbar.publishing')}>
        <button type="button" onClick={() => setDialog('versions')} data-testid="open-versions">{t('toolbar.versions')}</button>
        <ScenarioStateControls />
        <button type="button" className="primary" onClick={() => setDialog('publish')} disabled={!publish.allowed} title={publish.reason} data-testid="open-publish">{t('toolbar.publish')}</button>
      </div>
      <button type="button" onClick={() => setDialog('enrol')} disabled={!publish.allowed} title={publish.reason} data-testid="open-enrol">{t('timing.enrol.open')}</button>
      <button type="button" onClick={onToggleSimulator} aria-pressed={simulatorOpen} data-testid="open-simulator">{t('sim.open')}</button>
      {dialog === 'enrol' && <EnrolDialog onClose={() => setDialog(null)} />}
      {dialog === 'publish' && <PublishDialog onClose={() => setDialog(null)} />}
      {dialog === 'versions' && <VersionsDialog onClose={() => setDialog(null)} />}
      {dialog === 'pasteJson' && <PasteJsonDialog onClose={() => setDialog(null)} onPendingPaste={onPendingPaste} />}
    </div>
  );
}
