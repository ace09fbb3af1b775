import { useTranslation } from 'react-i18next';
import { nameOf } from '../flow/language.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { CataloguePicker } from './controls.tsx';

/** Chips of chosen tags and a combobox to add one: an existing name or a new tag created in place. */
export function TagListPicker({ value, onChange, testId }: { value: string[]; onChange: (ids: string[]) => void; testId: string }) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);

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
    </div>
  );
}
