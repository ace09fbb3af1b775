import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, paths } from '../routing/router.ts';
import { Dialog } from '../shell/Dialog.tsx';
import type { ClonePreview, TemplateSummary } from './api.ts';
import { MappingTable } from './MappingTable.tsx';
import { TemplateError } from './TemplateError.tsx';
import { suggestedAnswers, toMapping, unmappedKeys, type Answers } from './mapping.ts';
import { useTemplatesApi } from './useTemplatesApi.ts';
import { useOrganizationWorkspaces } from './useTargets.ts';

/**
 * 複製して使う: choose the workspace (and version), then map every reference the template makes to
 * that workspace's tags, fields, routes, links and scenarios. The clone opens as a draft; until
 * every reference is mapped it cannot be published, and the wizard says so before finishing.
 * With `scenarioId` it finishes the mapping of an existing clone instead of making a new one.
 */
export function CloneWizard({ ws, template, version, scenarioId, onClose, onDone }: {
  ws: string;
  template: Pick<TemplateSummary, 'id' | 'name' | 'latestVersion'>;
  version?: number;
  /** An existing clone in `ws` whose draft gets the mapping. */
  scenarioId?: string;
  onClose: () => void;
  /** After the clone is made (default: open it in the editor). */
  onDone?: (scenarioId: string, ws: string) => void;
}) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const { workspaces } = useOrganizationWorkspaces(ws);
  const [target, setTarget] = useState(scenarioId ? ws : workspaces.find((w) => w.editable)?.id ?? ws);
  const [step, setStep] = useState<'target' | 'map'>(scenarioId ? 'map' : 'target');
  const [name, setName] = useState(template.name);
  const [preview, setPreview] = useState<ClonePreview>();
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const chosenVersion = version ?? template.latestVersion;

  useEffect(() => {
    if (step !== 'map') return;
    let current = true;
    setPreview(undefined);
    setError(undefined);
    // The preview is asked of the target workspace: its candidates and remembered mapping.
    api.clonePreview(target, template.id, chosenVersion).then((p) => {
      if (!current) return;
      setPreview(p);
      setAnswers(suggestedAnswers(p.references));
    }, (e: unknown) => current && setError(e));
    return () => { current = false; };
  }, [api, step, target, template.id, chosenVersion]);

  const unmapped = preview ? unmappedKeys(preview.references, answers) : [];
  const finish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.clone(target, template.id, {
        version: chosenVersion, mapping: toMapping(answers),
        ...(scenarioId ? { scenarioId } : { name: name.trim() || template.name }),
      });
      onClose();
      if (onDone) onDone(result.scenarioId, target);
      else navigate(paths.scenario(target, result.scenarioId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const targetName = workspaces.find((w) => w.id === target)?.name ?? '';
  return (
    <Dialog title={t('tpl.clone.title', { name: template.name, version: chosenVersion })} onClose={onClose} testId="clone-wizard" wide>
      {step === 'target' && (
        <div className="form-grid">
          <label>
            {t('tpl.clone.target')}
            <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="clone-target">
              {workspaces.map((w) => (
                <option key={w.id} value={w.id} disabled={!w.editable}>{w.editable ? w.name : t('tpl.clone.targetReadOnly', { name: w.name })}</option>
              ))}
            </select>
          </label>
          <label>
            {t('tpl.clone.name')}
            <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="clone-name" />
          </label>
          <p className="muted">{t('tpl.clone.independent')}</p>
        </div>
      )}
      {step === 'map' && (
        <>
          <p>{t('tpl.clone.mapIntro', { workspace: targetName })}</p>
          {!preview && error === undefined && <p className="muted">{t('app.loading')}</p>}
          {preview?.existingClone && !scenarioId && (
            <p className="info-banner" data-testid="clone-existing">{t('tpl.clone.existing', { name: preview.existingClone.name, version: preview.existingClone.templateVersion })}</p>
          )}
          {preview && (
            <MappingTable rows={preview.references} answers={answers} onChange={(key, answer) => setAnswers((a) => ({ ...a, [key]: answer }))} />
          )}
          {preview && unmapped.length > 0 && (
            <p className="warn-banner" role="status" data-testid="clone-unmapped">{t('tpl.clone.unmappedBlocks', { count: unmapped.length })}</p>
          )}
          {preview && unmapped.length === 0 && <p className="muted" data-testid="clone-all-mapped">{t('tpl.clone.allMapped')}</p>}
        </>
      )}
      {error !== undefined && <TemplateError error={error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('tpl.cancel')}</button>
        {step === 'map' && !scenarioId && <button type="button" onClick={() => setStep('target')}>{t('tpl.back')}</button>}
        {step === 'target' ? (
          <button type="button" className="primary" disabled={!workspaces.some((w) => w.id === target && w.editable)} onClick={() => setStep('map')} data-testid="clone-next">
            {t('tpl.next')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={!preview || busy} onClick={() => void finish()} data-testid="clone-finish">
            {unmapped.length > 0 ? t('tpl.clone.finishDraft') : t('tpl.clone.finish')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
