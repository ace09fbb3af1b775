import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors.ts';
import { useResource } from '../api/useResource.ts';
import { usePermission } from '../accounts/usePermission.ts';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { CloneWizard } from './CloneWizard.tsx';
import { TemplateDiffDialog } from './TemplateDiffDialog.tsx';
import { useTemplatesApi } from './useTemplatesApi.ts';

/**
 * Above the canvas of a scenario cloned from a template: which template and version it came from,
 * 「テンプレートが更新されました：変更を確認」 with a graph diff when a newer version exists, and the
 * mapping wizard again (references left for later block publishing until they are mapped).
 */
export function TemplateLinkBar() {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const { ws, scenarioId, autosave } = useEditorEnv();
  const edit = usePermission(ws, 'edit');
  const link = useResource(`${ws}/${scenarioId}/template-link`, () => api.templateLink(ws, scenarioId));
  const [open, setOpen] = useState<'diff' | 'map' | null>(null);
  // Most scenarios are not clones: the runtime says so with a 404, and nothing is shown.
  if (!link.data || (isApiError(link.error) && link.error.status === 404)) return null;
  const l = link.data;
  return (
    <div className={l.updateAvailable ? 'template-link warn-banner' : 'template-link info-banner'} data-testid="template-link" data-update={l.updateAvailable}>
      <span>{t('tpl.link.from', { name: l.templateName, version: l.clonedVersion })}</span>
      {l.updateAvailable && (
        <button type="button" className="link-button" onClick={() => setOpen('diff')} data-testid="template-link-review">
          {t('tpl.link.updated')}
        </button>
      )}
      <button type="button" className="link-button" onClick={() => void autosave.flush().then(() => setOpen('map'))} disabled={!edit.allowed} title={edit.reason} data-testid="template-link-map">
        {t('tpl.link.remap')}
      </button>
      {open === 'diff' && <TemplateDiffDialog link={l} onClose={() => setOpen(null)} />}
      {open === 'map' && (
        <CloneWizard
          ws={ws} scenarioId={scenarioId} version={l.clonedVersion}
          template={{ id: l.templateId, name: l.templateName, latestVersion: l.latestVersion }}
          // The draft changed on the server: open it again as saved there.
          onClose={() => setOpen(null)} onDone={() => window.location.reload()}
        />
      )}
    </div>
  );
}
