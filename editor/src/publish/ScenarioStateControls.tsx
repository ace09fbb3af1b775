import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';

/** Pause stops deliveries for everyone in the scenario; resume carries on where each friend was. */
export function ScenarioStateControls() {
  const { t } = useTranslation();
  const api = useApi();
  const { ws, scenarioId } = useEditorEnv();
  const store = useFlowStoreApi();
  const state = useFlow((s) => s.scenario?.state);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const allowed = usePermission(ws, 'publish');
  if (state === undefined || state === 'archived') return null;

  const toggle = async () => {
    setBusy(true);
    try {
      const next = state === 'paused' ? await api.resumeScenario(ws, scenarioId) : await api.pauseScenario(ws, scenarioId);
      store.getState().setScenario(next);
    } catch (e) {
      store.getState().showNotice({ tone: 'error', key: 'errors.actionFailed', params: { error: errorText(e) } });
    } finally {
      setBusy(false);
    }
  };
  return state === 'paused' ? (
    <button type="button" onClick={() => void toggle()} disabled={busy || !allowed.allowed} title={allowed.reason} data-testid="resume-scenario">{t('toolbar.resume')}</button>
  ) : (
    <button type="button" onClick={() => void toggle()} disabled={busy || !allowed.allowed} title={allowed.reason} data-testid="pause-scenario">{t('toolbar.pause')}</button>
  );
}
