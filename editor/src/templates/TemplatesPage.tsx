import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useResource } from '../api/useResource.ts';
import { useLang } from '../i18n/useLang.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import type { StarterSummary, TemplateDetail, TemplateSummary } from './api.ts';
import { CloneWizard } from './CloneWizard.tsx';
import { bundleFileName, downloadJson } from './download.ts';
import { ImportBundleDialog } from './ImportBundleDialog.tsx';
import { RolloutDialog } from './RolloutDialog.tsx';
import { StarterCard } from './StarterCard.tsx';
import { TemplateCard, type CardAction } from './TemplateCard.tsx';
import { TemplateError } from './TemplateError.tsx';
import { useTemplatesApi } from './useTemplatesApi.ts';
import { useOrganizationWorkspaces } from './useTargets.ts';

type Open = { kind: 'clone'; template: TemplateSummary } | { kind: 'rollout'; template: TemplateDetail } | { kind: 'import' } | null;

/**
 * テンプレート: the organization's library (cards with picture, words, category, versions), the
 * starter gallery, importing a bundle; each template clones into a workspace or rolls out to many.
 */
export function TemplatesPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const lang = useLang();
  const edit = usePermission(ws, 'edit');
  const { organizationName } = useOrganizationWorkspaces(ws);
  const library = useResource(`${ws}/templates`, () => api.list(ws));
  const starters = useResource(`${ws}/starters`, () => api.starters(ws));
  const [open, setOpen] = useState<Open>(null);
  const [versions, setVersions] = useState<Record<string, TemplateDetail['versions']>>({});
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    setNotice(undefined);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const onAction = useCallback((action: CardAction, template: TemplateSummary) => {
    if (action === 'clone') return setOpen({ kind: 'clone', template });
    void run(async () => {
      if (action === 'export') {
        downloadJson(await api.templateBundle(ws, template.id), bundleFileName(template.name, template.latestVersion));
        return;
      }
      const detail = await api.get(ws, template.id);
      setVersions((v) => ({ ...v, [template.id]: detail.versions }));
      if (action === 'rollout') setOpen({ kind: 'rollout', template: detail });
    });
  }, [api, ws]);
  const addStarter = (starter: StarterSummary) => void run(async () => {
    const added = await api.addStarter(ws, { starter: starter.key, language: lang });
    setNotice(t('tpl.gallery.added', { name: added.name }));
    library.reload();
  });

  return (
    <section className="page templates-page" data-testid="templates-page">
      <div className="page-head">
        <div>
          <h2>{t('tpl.title')}</h2>
          {organizationName && <p className="muted">{t('tpl.libraryOf', { organization: organizationName })}</p>}
        </div>
        <button type="button" onClick={() => setOpen({ kind: 'import' })} disabled={!edit.allowed} title={edit.reason} data-testid="template-import">{t('tpl.actions.import')}</button>
      </div>
      <p className="muted">{t('tpl.intro')}</p>
      {library.error !== undefined && <ErrorMessage error={library.error} onRetry={library.reload} />}
      {error !== undefined && <TemplateError error={error} />}
      {notice && <p className="info-banner" role="status" data-testid="templates-notice">{notice}</p>}
      {library.data?.length === 0 && <p className="muted" data-testid="templates-empty">{t('tpl.empty')}</p>}
      <div className="template-grid" data-testid="template-library">
        {library.data?.map((template) => (
          <TemplateCard key={template.id} template={template} onAction={onAction} editReason={edit.reason} versions={versions[template.id]} />
        ))}
      </div>
      <h3 className="section-title">{t('tpl.gallery.title')}</h3>
      <p className="muted">{t('tpl.gallery.intro')}</p>
      {starters.error !== undefined && <ErrorMessage error={starters.error} onRetry={starters.reload} />}
      <div className="template-grid" data-testid="starter-gallery">
        {starters.data?.map((starter) => (
          <StarterCard key={starter.key} starter={starter} onAdd={addStarter} editReason={edit.reason} busy={busy} />
        ))}
      </div>
      {open?.kind === 'clone' && <CloneWizard ws={ws} template={open.template} onClose={() => setOpen(null)} />}
      {open?.kind === 'rollout' && <RolloutDialog ws={ws} template={open.template} onClose={() => { setOpen(null); library.reload(); }} />}
      {open?.kind === 'import' && (
        <ImportBundleDialog ws={ws} onClose={() => setOpen(null)} onImported={(tpl) => { setNotice(t('tpl.import.done', { name: tpl.name })); library.reload(); }} />
      )}
    </section>
  );
}
