import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { useLang } from '../i18n/useLang.ts';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { parseDraft, valueText } from './fieldValues.ts';

type FieldDef = WorkspaceCatalogue['fields'][number];
type Values = Record<string, string | number | null>;

/**
 * Every friend-info field with an input by its kind: text, number, date picker, choice select.
 * Only changed fields are sent, together; the server checks each by kind and a refusal keeps all
 * edits on screen with the reason beside the field, nothing saved.
 */
export const FriendFields = memo(function FriendFields({ fields, values, onSave }: {
  fields: readonly FieldDef[];
  values: Record<string, unknown>;
  onSave: (values: Values) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  if (fields.length === 0) return <p className="muted small" data-testid="friend-no-fields">{t('cat.friend.noFields')}</p>;

  const shown = (field: FieldDef) => edits[field.id] ?? valueText(field.kind, values[field.id]);
  const edit = (id: string, text: string) => {
    setEdits((e) => ({ ...e, [id]: text }));
    setSaved(false);
    setProblems(({ [id]: _drop, ...rest }) => rest);
  };

  const save = async () => {
    const out: Values = {};
    const local: Record<string, string> = {};
    for (const field of fields) {
      if (edits[field.id] === undefined || edits[field.id] === valueText(field.kind, values[field.id])) continue;
      const parsed = parseDraft(field.kind, edits[field.id]!);
      if ('problem' in parsed) local[field.id] = t(`cat.friend.problem.${parsed.problem}`);
      else out[field.id] = parsed.value;
    }
    setError(undefined);
    if (Object.keys(local).length > 0) {
      setProblems(local);
      setError(t('cat.friend.notSaved'));
      return;
    }
    if (Object.keys(out).length === 0) return;
    setSaving(true);
    try {
      await onSave(out);
      setEdits({});
      setProblems({});
      setSaved(true);
    } catch (e) {
      const perField = isApiError(e) && e.code === 'invalid_field_value' ? (e.details as { fields?: Record<string, string> })?.fields : undefined;
      if (perField) {
        setProblems(Object.fromEntries(Object.entries(perField).map(([id, code]) => [id, t(`cat.friend.problem.${code}`, { defaultValue: t('cat.friend.problem.unknownField') })])));
        setError(t('cat.friend.notSaved'));
      } else setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const dirty = Object.keys(edits).length > 0;
  return (
    <form className="friend-fields" data-testid="friend-fields" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {fields.map((field) => {
        const text = shown(field);
        const problem = problems[field.id];
        const common = { id: `friend-field-${field.id}`, 'data-testid': 'friend-field-input', 'data-field-id': field.id, 'aria-invalid': problem ? true : undefined, disabled: saving };
        return (
          <div key={field.id} className={problem ? 'form-field invalid' : 'form-field'} data-testid="friend-field" data-field-kind={field.kind}>
            <label className="form-label" htmlFor={common.id}>{field.name} <span className="muted small">{t(`cat.fieldKind.${field.kind}`)}</span></label>
            {field.kind === 'choice' ? (
              <select {...common} value={text} onChange={(e) => edit(field.id, e.target.value)}>
                <option value="">{t('cat.friend.unset')}</option>
                {/* A stored value no longer among the choices stays visible instead of vanishing. */}
                {text && !(field.choices ?? []).includes(text) && <option value={text}>{text}</option>}
                {(field.choices ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            ) : (
              <input
                {...common}
                type={field.kind === 'date' ? 'date' : 'text'}
                inputMode={field.kind === 'number' ? 'decimal' : undefined}
                value={text}
                maxLength={1000}
                placeholder={t('cat.friend.unset')}
                onChange={(e) => edit(field.id, e.target.value)}
              />
            )}
            {field.kind === 'number' && typeof values[field.id] === 'number' && edits[field.id] === undefined && (
              <span className="form-hint" data-testid="friend-field-formatted">{(values[field.id] as number).toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP')}</span>
            )}
            {problem && <span className="field-error" role="alert" data-testid="friend-field-problem">{problem}</span>}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!dirty || saving} data-testid="friend-fields-save">{t('cat.friend.saveFields')}</button>
        {saved && !dirty && <span className="muted small" role="status" data-testid="friend-fields-saved">{t('cat.friend.saved')}</span>}
      </div>
      {error && <div className="field-error" role="alert" data-testid="friend-fields-error">{error}</div>}
    </form>
  );
});
