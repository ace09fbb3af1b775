import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n/useLang.ts';
import type { StarterSummary } from './api.ts';
import { useCategoryLabel } from './useCategoryLabel.ts';
import { svgSource } from './download.ts';

/** A starter of the gallery: added to the library as a template, then cloned like any other. */
export const StarterCard = memo(function StarterCard({ starter, onAdd, editReason, busy }: {
  starter: StarterSummary;
  onAdd: (starter: StarterSummary) => void;
  editReason: string | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const categoryLabel = useCategoryLabel();
  return (
    <article className="template-card starter" data-testid="starter-card" data-starter={starter.key}>
      <img className="template-picture" src={svgSource(starter.thumbnail)} alt={t('tpl.picture', { name: starter.name[lang], count: starter.nodeCount })} />
      <div className="template-body">
        <h3>{starter.name[lang]}</h3>
        <p className="template-meta"><span className="status status-draft">{categoryLabel(starter.category)}</span></p>
        <p className="template-description">{starter.description[lang]}</p>
        <button type="button" onClick={() => onAdd(starter)} disabled={busy || editReason !== undefined} title={editReason} data-testid="starter-add">
          {t('tpl.gallery.add')}
        </button>
      </div>
    </article>
  );
});
