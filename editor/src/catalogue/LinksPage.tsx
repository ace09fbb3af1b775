import { useState } from 'react';
import { CLICK_COUNT_DAYS } from '@lsb/shared/api';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import type { TrackedLink } from '../api/CatalogueApi.ts';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { InlineName } from './InlineName.tsx';
import { useCatalogue } from './useCatalogue.ts';
import { useCatalogueErrorText } from './useCatalogueErrorText.ts';

const validUrl = (url: string) => /^https?:\/\/\S+$/.test(url.trim());

/** リンク: tracked links whose clicks are counted; the URL can be re-pointed later. */
export function LinksPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useCatalogueApi();
  const errorText = useCatalogueErrorText();
  const catalogue = useCatalogue(ws);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [editingUrl, setEditingUrl] = useState<{ id: string; url: string }>();
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<TrackedLink>();
  const { reload } = catalogue;
  const links = (catalogue.data?.links ?? []) as TrackedLink[];

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      reload();
    }
  };

  return (
    <section className="page catalogue-page" data-testid="links-page">
      <h2>{t('cat.links.title')}</h2>
      <p className="muted">{t('cat.links.intro')}</p>
      <p className="muted" data-testid="link-counting">{t('cat.links.counting', { days: CLICK_COUNT_DAYS })}</p>
      {catalogue.error !== undefined && <ErrorMessage error={catalogue.error} onRetry={reload} />}
      <RoleFieldset ws={ws} testId="links-readonly">
      <form className="catalogue-forms inline-form" onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() && validUrl(url)) void run(() => api.createLink(ws, { name: name.trim(), url: url.trim() })).then((ok) => { if (ok) { setName(''); setUrl(''); } });
      }}>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('cat.links.name')} maxLength={100} aria-label={t('cat.links.name')} data-testid="link-new-name" />
        <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" maxLength={1000} aria-label={t('cat.links.url')} data-testid="link-new-url" />
        <button type="submit" className="primary" disabled={!name.trim() || !validUrl(url)} data-testid="link-create">{t('cat.links.create')}</button>
      </form>
      {url.trim() !== '' && !validUrl(url) && <p className="form-hint">{t('cat.links.urlHint')}</p>}
      {error && <p className="field-error" role="alert" data-testid="catalogue-error">{error}</p>}
      {links.length === 0 && catalogue.data && <p className="muted">{t('cat.links.none')}</p>}
      <ul className="catalogue-list">
        {links.map((link) => (
          <li key={link.id} className="catalogue-row" data-testid="link-row" data-link-id={link.id}>
            <InlineName name={link.name} testId="link" onSave={async (next) => { if (!(await run(() => api.updateLink(ws, link.id, { name: next })))) throw new Error('refused'); }} />
            {editingUrl?.id === link.id ? (
              <form className="inline-form" onSubmit={(e) => {
                e.preventDefault();
                if (validUrl(editingUrl.url)) void run(() => api.updateLink(ws, link.id, { url: editingUrl.url.trim() })).then((ok) => ok && setEditingUrl(undefined));
              }}>
                <input value={editingUrl.url} onChange={(e) => setEditingUrl({ id: link.id, url: e.target.value })} aria-label={t('cat.links.url')} data-testid="link-url-input" />
                <button type="submit" disabled={!validUrl(editingUrl.url)}>{t('scenarios.save')}</button>
                <button type="button" onClick={() => setEditingUrl(undefined)}>{t('scenarios.cancel')}</button>
              </form>
            ) : (
              <span className="muted small link-url">
                {link.url}
                <button type="button" className="link-button" onClick={() => setEditingUrl({ id: link.id, url: link.url })} data-testid="link-edit-url">{t('cat.links.editUrl')}</button>
              </span>
            )}
            <button type="button" className="danger" onClick={() => setDeleting(link)} data-testid="link-delete">{t('cat.delete.open')}</button>
          </li>
        ))}
      </ul>
      </RoleFieldset>
      {deleting && (
        <DeleteDialog ws={ws} kind="links" id={deleting.id} name={deleting.name} onClose={() => setDeleting(undefined)} onDeleted={() => { setDeleting(undefined); reload(); }} />
      )}
    </section>
  );
}
