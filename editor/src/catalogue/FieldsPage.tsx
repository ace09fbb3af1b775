import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import type { Field } from '../api/CatalogueApi.ts';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import type { FieldKind } from '../flow/language.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { FIELD_KINDS } from './fieldKinds.ts';
import { InlineName } from './InlineName.tsx';
import { useCatalogue } from './useCatalogue.ts';
import { useCatalogueErrorText } from './useCatalogueErrorText.ts';

/** One choice per line (commas too), blanks and repeats dropped. */
const parseChoices = (text: string) => [...new Set(text.split(/[\n,、]/).map((c) => c.trim()).filter(Boolean))];

function ChoicesEditor({ field, onSave }: { field: Field; onSave: (choices: string[]) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  if (text === null) {
    return (
      <span className="choices">
        {field.choices.length === 0 ? <span className="muted small">{t('cat.fields.noChoices')}</span> : field.choices.map((c) => <span key={c} className="chip">{c}</span>)}
        <button type="button" className="link-button" onClick={() => setText(field.choices.join('\n'))} data-testid="field-edit-choices">{t('cat.fields.editChoices')}</button>
      </span>
    );
  }
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void onSave(parseChoices(text)).then((ok) => ok && setText(null)); }}>
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} aria-label={t('cat.fields.choices')} data-testid="field-choices-input" />
      <button type="submit" data-testid="field-choices-save">{t('scenarios.save')}</button>
      <button type="button" onClick={() => setText(null)}>{t('scenarios.cancel')}</button>
    </form>
  );
}

/** 友だち情報欄: typed fields (text, number, date, choice); choices edited; delete after the counts. */
export function FieldsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useCatalogueApi();
  const errorText = useCatalogueErrorText();
  const catalogue = useCatalogue(ws);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<FieldKind>('text');
  const [choices, setChoices] = useState('');
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<Field>();
  const { reload } = catalogue;
  const fields = (catalogue.data?.fields ?? []) as Field[];

  const run = async (action: () => Promise<unknown>, what?: string) => {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorText(e, what));
      return false;
    } finally {
      reload();
    }
  };

  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const ok = await run(() => api.createField(ws, { name: trimmed, kind, ...(kind === 'choice' ? { choices: parseChoices(choices) } : {}) }), trimmed);
    if (ok) {
      setName('');
      setChoices('');
    }
  };

  return (
    <section className="page catalogue-page" data-testid="fields-page">
      <h2>{t('cat.fields.title')}</h2>
      <p className="muted">{t('cat.fields.intro')}</p>
      {catalogue.error !== undefined && <ErrorMessage error={catalogue.error} onRetry={reload} />}
      <RoleFieldset ws={ws} testId="fields-readonly">
      <form className="catalogue-forms inline-form" onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('cat.fields.name')} maxLength={100} aria-label={t('cat.fields.name')} data-testid="field-new-name" />
        <select value={kind} onChange={(e) => setKind(e.target.value as FieldKind)} aria-label={t('cat.fields.kind')} data-testid="field-new-kind">
          {FIELD_KINDS.map((k) => <option key={k} value={k}>{t(`cat.fieldKind.${k}`)}</option>)}
        </select>
        {kind === 'choice' && (
          <textarea value={choices} onChange={(e) => setChoices(e.target.value)} rows={3} placeholder={t('cat.fields.choicesHint')} aria-label={t('cat.fields.choices')} data-testid="field-new-choices" />
        )}
        <button type="submit" className="primary" disabled={!name.trim()} data-testid="field-create">{t('cat.fields.create')}</button>
      </form>
      {error && <p className="field-error" role="alert" data-testid="catalogue-error">{error}</p>}
      {fields.length === 0 && catalogue.data && <p className="muted">{t('cat.fields.none')}</p>}
      <ul className="catalogue-list">
        {fields.map((field) => (
          <li key={field.id} className="catalogue-row" data-testid="field-row" data-field-id={field.id} data-kind={field.kind}>
            <InlineName name={field.name} testId="field" onSave={async (next) => { if (!(await run(() => api.updateField(ws, field.id, { name: next }), next))) throw new Error('refused'); }} />
            <select value={field.kind} aria-label={t('cat.fields.kind')} data-testid="field-kind"
              onChange={(e) => void run(() => api.updateField(ws, field.id, { kind: e.target.value as FieldKind }), field.name)}>
              {FIELD_KINDS.map((k) => <option key={k} value={k}>{t(`cat.fieldKind.${k}`)}</option>)}
            </select>
            {field.kind === 'choice' && <ChoicesEditor field={field} onSave={(list) => run(() => api.updateField(ws, field.id, { choices: list }), field.name)} />}
            <button type="button" className="danger" onClick={() => setDeleting(field)} data-testid="field-delete">{t('cat.delete.open')}</button>
          </li>
        ))}
      </ul>
      </RoleFieldset>
      {deleting && (
        <DeleteDialog ws={ws} kind="fields" id={deleting.id} name={deleting.name} onClose={() => setDeleting(undefined)} onDeleted={() => { setDeleting(undefined); reload(); }} />
      )}
    </section>
  );
}
