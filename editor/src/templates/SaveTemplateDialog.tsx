import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_CATEGORIES, type TemplateCategory } from '@lsb/shared';
import { useResource } from '../api/useResource.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import type { TemplateDetail } from './api.ts';
import { TemplateError } from './TemplateError.tsx';
import { useCategoryLabel } from './useCategoryLabel.ts';
import { useTemplatesApi } from './useTemplatesApi.ts';

const NEW = '';

/**
 * テンプレートとして保存: the scenario's draft or its published version becomes a template of the
 * organization's library, or the next version of a template already there (saving again = v2).
 */
export function SaveTemplateDialog({ ws, scenario, onClose, onSaved }: {
  ws: string;
  scenario: { id: string; name: string; publishedVersion: number | null };
  onClose: () => void;
  onSaved?: (template: TemplateDetail) => void;
}) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const categoryLabel = useCategoryLabel();
  const library = useResource(`${ws}/templates`, () => api.list(ws));
  const [templateId, setTemplateId] = useState(NEW);
  const [name, setName] = useState(scenario.name);
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<TemplateCategory>('other');
  const [from, setFrom] = useState<'draft' | 'published'>(scenario.publishedVersion === null ? 'draft' : 'published');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<TemplateDetail>();
  const [busy, setBusy] = useState(false);

  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    const existing = library.data?.find((tpl) => tpl.id === id);
    // A new version keeps the template's words unless they are changed here.
    if (existing) {
      setName(existing.name);
      setDescription(existing.description);
      setCategory(existing.category);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.save(ws, {
        scenarioId: scenario.id, from, name: name.trim(), description: description.trim(), category,
        ...(templateId === NEW ? {} : { templateId }),
      });
      setSaved(result);
      onSaved?.(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (saved) {
    return (
      <Dialog title={t('tpl.save.title')} onClose={onClose} testId="save-template-dialog">
        <p className="info-banner" role="status" data-testid="save-template-done" data-template-id={saved.id} data-version={saved.latestVersion}>
          {t('tpl.save.done', { name: saved.name, version: saved.latestVersion })}
        </p>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose} data-testid="save-template-close">{t('tpl.close')}</button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('tpl.save.title')} onClose={onClose} testId="save-template-dialog">
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        {library.error !== undefined && <ErrorMessage error={library.error} onRetry={library.reload} />}
        <label>
          {t('tpl.save.as')}
          <select value={templateId} onChange={(e) => chooseTemplate(e.target.value)} data-testid="save-template-target">
            <option value={NEW}>{t('tpl.save.asNew')}</option>
            {library.data?.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>{t('tpl.save.asVersion', { name: tpl.name, version: tpl.latestVersion + 1 })}</option>
            ))}
          </select>
        </label>
        <fieldset className="plain-fieldset">
          <legend>{t('tpl.save.from')}</legend>
          <label>
            <input type="radio" name="from" checked={from === 'draft'} onChange={() => setFrom('draft')} data-testid="save-template-from-draft" />
            {t('tpl.save.fromDraft')}
          </label>
          <label title={scenario.publishedVersion === null ? t('tpl.save.notPublished') : undefined}>
            <input type="radio" name="from" checked={from === 'published'} disabled={scenario.publishedVersion === null} onChange={() => setFrom('published')} data-testid="save-template-from-published" />
            {scenario.publishedVersion === null ? t('tpl.save.notPublished') : t('tpl.save.fromPublished', { version: scenario.publishedVersion })}
          </label>
        </fieldset>
        <label>
          {t('tpl.fields.name')}
          <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="save-template-name" />
        </label>
        <label>
          {t('tpl.fields.description')}
          <textarea value={description} maxLength={1000} rows={3} onChange={(e) => setDescription(e.target.value)} data-testid="save-template-description" />
        </label>
        <label>
          {t('tpl.fields.category')}
          <select value={category} onChange={(e) => setCategory(e.target.value as TemplateCategory)} data-testid="save-template-category">
            {TEMPLATE_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel(c)}</option>)}
          </select>
        </label>
        <p className="muted">{t('tpl.save.carries')}</p>
        {error !== undefined && <TemplateError error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('tpl.cancel')}</button>
          <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="save-template-submit">
            {templateId === NEW ? t('tpl.save.submitNew') : t('tpl.save.submitVersion')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
