import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { ScenarioAudit } from '../audit/ScenarioAudit.tsx';
import { useApi } from '../api/ApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import type { VersionDetail } from '../api/types.ts';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { parseFlowGraph } from '../flow/language.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { VersionPreview } from './VersionPreview.tsx';
import { ScenarioTemplateActions } from '../templates/ScenarioTemplateActions.tsx';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';

/** Published versions, newest first: view one read-only, or copy it back into the draft. */
export function VersionsDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { ws, scenarioId, autosave } = useEditorEnv();
  const store = useFlowStoreApi();
  const versions = useResource(`${ws}/${scenarioId}/versions`, () => api.listVersions(ws, scenarioId));
  const [viewing, setViewing] = useState<VersionDetail>();
  const [error, setError] = useState<unknown>();
  const allowed = usePermission(ws, 'publish');
  const scenario = useFlow((s) => s.scenario);

  const view = async (id: string) => {
    try {
      setViewing(await api.getVersion(ws, scenarioId, id));
    } catch (e) {
      setError(e);
    }
  };
  const restore = async (id: string, version: number) => {
    try {
      await autosave.flush();
      await api.restoreVersion(ws, scenarioId, id);
      const server = await api.getScenario(ws, scenarioId);
      const parsed = parseFlowGraph(server.draft);
      autosave.adoptRevision(server.draftRevision);
      if (parsed.ok) store.getState().replaceGraph(parsed.graph);
      store.getState().showNotice({ tone: 'info', key: 'versions.restored', params: { version } });
      onClose();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Dialog title={t('versions.title')} onClose={onClose} testId="versions-dialog" wide>
      {versions.error !== undefined && <ErrorMessage error={versions.error} onRetry={versions.reload} />}
      {error !== undefined && <ErrorMessage error={error} />}
      {versions.data?.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ul className="version-list">
        {versions.data?.map((v) => (
          <li key={v.id} data-testid="version-row" data-version={v.version}>
            <strong>v{v.version}</strong>
            <span className="muted">{new Date(v.publishedAt).toLocaleString(i18n.language)}</span>
            <button type="button" onClick={() => void view(v.id)} data-testid="version-view">{t('versions.view')}</button>
            <button type="button" onClick={() => void restore(v.id, v.version)} disabled={!allowed.allowed} title={allowed.reason} data-testid="version-restore">{t('versions.restore')}</button>
          </li>
        ))}
      </ul>
      {viewing && <VersionPreview version={viewing} />}
      <ScenarioAudit ws={ws} scenarioId={scenarioId} />
      <div className="dialog-actions">
        {scenario && <ScenarioTemplateActions ws={ws} scenario={scenario} />}
        <button type="button" onClick={onClose}>{t('errors.dismiss')}</button>
      </div>
    </Dialog>
  );
}
