import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateSummary } from './api.ts';
import { useCategoryLabel } from './useCategoryLabel.ts';
import { svgSource } from './download.ts';

export type CardAction = 'clone' | 'rollout' | 'export' | 'versions';

/** One template of the library: its picture, words, category, versions and what can be done with it. */
export const TemplateCard = memo(function TemplateCard({ template, onAction, editReason, versions }: {
  template: TemplateSummary;
  onAction: (action: CardAction, template: TemplateSummary) => void;
  /** Why the person may not clone or roll out (their role); undefined when they may. */
  editReason: string | undefined;
  versions?: readonly { version: number; createdAt: string; createdBy: string }[];
}) {
  const { t, i18n } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const [open, setOpen] = useState(false);
  const counts = template.referenceCounts;
  return (
    <article className="template-card" data-testid="template-card" data-template-id={template.id} data-version={template.latestVersion}>
      <img className="template-picture" src={svgSource(template.thumbnail)} alt={t('tpl.picture', { name: template.name, count: template.nodeCount })} data-testid="template-picture" />
      <div className="template-body">
        <h3 data-testid="template-name">{template.name}</h3>
        <p className="template-meta">
          <span className="status status-draft" data-testid="template-category">{categoryLabel(template.category)}</span>
          {' '}
          <span data-testid="template-version">{t('tpl.versionLabel', { version: template.latestVersion })}</span>
          {' · '}
          <span className="muted">{t('tpl.updated', { date: new Date(template.updatedAt).toLocaleDateString(i18n.language) })}</span>
        </p>
        {template.description && <p className="template-description" data-testid="template-description">{template.description}</p>}
        <p className="muted small" data-testid="template-references">
          {t('tpl.referenceSummary', { nodes: template.nodeCount, tags: counts.tags, fields: counts.fields, routes: counts.inflowRoutes, links: counts.links, scenarios: counts.scenarios })}
        </p>
        <div className="row-actions">
          <button type="button" className="primary" onClick={() => onAction('clone', template)} disabled={editReason !== undefined} title={editReason} data-testid="template-clone">{t('tpl.actions.clone')}</button>
          <button type="button" onClick={() => onAction('rollout', template)} disabled={editReason !== undefined} title={editReason} data-testid="template-rollout">{t('tpl.actions.rollout')}</button>
          <button type="button" onClick={() => onAction('export', template)} data-testid="template-export">{t('tpl.actions.export')}</button>
          <button type="button" className="link-button" aria-expanded={open} onClick={() => { setOpen(!open); if (!open) onAction('versions', template); }} data-testid="template-versions-toggle">
            {t('tpl.actions.versions', { count: template.latestVersion })}
          </button>
        </div>
        {open && (
          <ol className="template-versions" data-testid="template-versions" reversed>
            {versions === undefined && <li className="muted">{t('app.loading')}</li>}
            {[...(versions ?? [])].sort((a, b) => b.version - a.version).map((v) => (
              <li key={v.version} data-testid="template-version-row" data-version={v.version}>
                {t('tpl.versionLine', { version: v.version, date: new Date(v.createdAt).toLocaleString(i18n.language), by: v.createdBy })}
              </li>
            ))}
          </ol>
        )}
      </div>
    </article>
  );
});
