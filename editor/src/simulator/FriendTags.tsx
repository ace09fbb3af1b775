import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { nameOf } from '../flow/language.ts';

/** The friend's tags as chips; adding one here is how a marketer steers a branch in the demo. */
export const FriendTags = memo(function FriendTags({ tagIds, catalogue, busy, onChange }: {
  tagIds: string[];
  catalogue: WorkspaceCatalogue | undefined;
  busy: boolean;
  onChange: (change: { add?: string[]; remove?: string[] }) => void;
}) {
  const { t } = useTranslation();
  const addable = (catalogue?.tags ?? []).filter((tag) => !tagIds.includes(tag.id));
  return (
    <div className="sim-tags" data-testid="sim-tags">
      <span className="form-label">{t('sim.tags')}</span>
      <div className="chips">
        {tagIds.length === 0 && <span className="muted small">{t('sim.noTags')}</span>}
        {tagIds.map((id) => {
          const name = nameOf(catalogue, 'tag', id);
          return (
            <span key={id} className="chip" data-testid="sim-tag-chip" data-tag-id={id}>
              {name}
              <button type="button" disabled={busy} onClick={() => onChange({ remove: [id] })} aria-label={t('sim.removeTag', { name })}>×</button>
            </span>
          );
        })}
        <select value="" disabled={busy || addable.length === 0} onChange={(e) => e.target.value && onChange({ add: [e.target.value] })} data-testid="sim-tag-add" aria-label={t('sim.addTag')}>
          <option value="">{t('sim.addTag')}</option>
          {addable.map((tag) => <option key={tag.id} value={tag.id}>{tag.name}</option>)}
        </select>
      </div>
    </div>
  );
});
