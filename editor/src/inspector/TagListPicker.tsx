import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { nameOf } from '../flow/language.ts';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { CataloguePicker } from './controls.tsx';

/** Chips of chosen tags, a picker to add one, and "create a new tag" without leaving the editor. */
export function TagListPicker({ value, onChange, testId }: { value: string[]; onChange: (ids: string[]) => void; testId: string }) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);
  const store = useFlowStoreApi();
  const api = useApi();
  const { ws } = useEditorEnv();
  const errorText = useErrorText();
  const [creating, setCreating] = useState('');
  const [error, setError] = useState<string>();

  const create = async () => {
    const name = creating.trim();
    if (!name) return;
    try {
      const tag = await api.createCatalogueItem(ws, 'tags', { name });
      store.getState().setCatalogue(await api.getCatalogue(ws));
      onChange([...value, tag.id]);
      setCreating('');
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="tag-list" data-testid={testId}>
      <div className="chips">
        {value.map((id) => {
          const known = catalogue?.tags.some((tag) => tag.id === id);
          return (
            <span key={id} className={known ? 'chip' : 'chip invalid'} data-testid="tag-chip">
              {known ? nameOf(catalogue, 'tag', id) : t('insp.unknownRef', { id })}
              <button type="button" onClick={() => onChange(value.filter((x) => x !== id))} aria-label={t('insp.remove')}>×</button>
            </span>
          );
        })}
      </div>
      <CataloguePicker kind="tag" value="" emptyLabel={t('insp.addTag')} onChange={(id) => id && !value.includes(id) && onChange([...value, id])} testId={`${testId}-add`} />
      <div className="inline-form">
        <input value={creating} onChange={(e) => setCreating(e.target.value)} placeholder={t('insp.newTagName')} maxLength={100} data-testid={`${testId}-new-name`} />
        <button type="button" onClick={() => void create()} disabled={!creating.trim()} data-testid={`${testId}-create`}>{t('insp.createTag')}</button>
      </div>
      {error && <div className="field-error" role="alert">{error}</div>}
    </div>
  );
}
