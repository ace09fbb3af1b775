import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { TemplateError } from './TemplateError.tsx';
import { bundleFileName, downloadJson } from './download.ts';
import { SaveTemplateDialog } from './SaveTemplateDialog.tsx';
import { useTemplatesApi } from './useTemplatesApi.ts';

/** A scenario's way into the library: テンプレートとして保存, and its bundle as a JSON file. */
export function ScenarioTemplateActions({ ws, scenario }: { ws: string; scenario: { id: string; name: string; publishedVersion: number | null } }) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const edit = usePermission(ws, 'edit');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const exportBundle = async () => {
    setError(undefined);
    try {
      const from = scenario.publishedVersion === null ? 'draft' : 'published';
      downloadJson(await api.scenarioBundle(ws, scenario.id, from), bundleFileName(scenario.name, scenario.publishedVersion ?? 1));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <button type="button" onClick={() => setSaving(true)} disabled={!edit.allowed} title={edit.reason} data-testid="scenario-save-template">{t('tpl.save.open')}</button>
      <button type="button" onClick={() => void exportBundle()} data-testid="scenario-export-bundle">{t('tpl.actions.exportScenario')}</button>
      {saving && <SaveTemplateDialog ws={ws} scenario={scenario} onClose={() => setSaving(false)} />}
      {error !== undefined && <TemplateError error={error} />}
    </>
  );
}
