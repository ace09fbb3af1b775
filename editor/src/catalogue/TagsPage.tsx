import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import type { Tag } from '../api/CatalogueApi.ts';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { InlineName } from './InlineName.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { useCatalogue } from './useCatalogue.ts';
import { useCatalogueErrorText } from './useCatalogueErrorText.ts';

/** タグ管理: tags grouped in folders; create, rename, move, merge, delete after seeing who uses it. */
export function TagsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useCatalogueApi();
  const errorText = useCatalogueErrorText();
  const catalogue = useCatalogue(ws);
  const [folderName, setFolderName] = useState('');
  const [tagName, setTagName] = useState('');
  const [tagFolder, setTagFolder] = useState('');
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<Tag>();
  const [merging, setMerging] = useState<Tag>();
  const { reload } = catalogue;
  const folders = catalogue.data?.tagFolders ?? [];
  const tags = (catalogue.data?.tags ?? []) as Tag[];

  const run = async (action: () => Promise<unknown>, name?: string) => {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorText(e, name));
      return false;
    } finally {
      reload();
    }
  };
  // Renames report their refusal and stay open (InlineName keeps the input on a throw).
  const rename = async (action: () => Promise<unknown>, name: string) => {
    if (!(await run(action, name))) throw new Error('refused');
  };

  const groups = [...folders.map((f) => ({ id: f.id as string | null, name: f.name })), { id: null, name: t('cat.tags.noFolder') }];
  return (
    <section className="page catalogue-page" data-testid="tags-page">
      <h2>{t('cat.tags.title')}</h2>
      <p className="muted">{t('cat.tags.intro')}</p>
      {catalogue.error !== undefined && <ErrorMessage error={catalogue.error} onRetry={reload} />}
      <RoleFieldset ws={ws} testId="tags-readonly">
      <div className="catalogue-forms">
        <form className="inline-form" onSubmit={(e) => {
          e.preventDefault();
          const name = folderName.trim();
          if (name) void run(() => api.createFolder(ws, name), name).then((ok) => ok && setFolderName(''));
        }}>
          <input value={folderName} onChange={(e) => setFolderName(e.target.value)} placeholder={t('cat.tags.folderName')} maxLength={100} aria-label={t('cat.tags.folderName')} data-testid="folder-new-name" />
          <button type="submit" disabled={!folderName.trim()} data-testid="folder-create">{t('cat.tags.createFolder')}</button>
        </form>
        <form className="inline-form" onSubmit={(e) => {
          e.preventDefault();
          const name = tagName.trim();
          if (name) void run(() => api.createTag(ws, { name, folderId: tagFolder || null }), name).then((ok) => ok && setTagName(''));
        }}>
          <input value={tagName} onChange={(e) => setTagName(e.target.value)} placeholder={t('cat.tags.tagName')} maxLength={100} aria-label={t('cat.tags.tagName')} data-testid="tag-new-name" />
          <select value={tagFolder} onChange={(e) => setTagFolder(e.target.value)} aria-label={t('cat.tags.folder')} data-testid="tag-new-folder">
            <option value="">{t('cat.tags.noFolder')}</option>
            {folders.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
          </select>
          <button type="submit" className="primary" disabled={!tagName.trim()} data-testid="tag-create">{t('cat.tags.createTag')}</button>
        </form>
      </div>
      {error && <p className="field-error" role="alert" data-testid="catalogue-error">{error}</p>}
      {groups.map((group) => {
        const inGroup = tags.filter((tag) => tag.folderId === group.id || (group.id === null && !folders.some((f) => f.id === tag.folderId)));
        if (group.id === null && inGroup.length === 0 && tags.length > 0) return null;
        return (
          <div key={group.id ?? 'none'} className="catalogue-group" data-testid="tag-folder" data-folder-id={group.id ?? ''}>
            <header className="catalogue-group-head">
              {group.id
                ? <InlineName name={group.name} testId="folder" onSave={(name) => rename(() => api.renameFolder(ws, group.id!, name), name)} />
                : <strong>{group.name}</strong>}
              <span className="muted small">{t('cat.tags.count', { count: inGroup.length })}</span>
              {group.id && (
                <button type="button" className="link-button" onClick={() => void run(() => api.deleteFolder(ws, group.id!))} data-testid="folder-delete">
                  {t('cat.tags.deleteFolder')}
                </button>
              )}
            </header>
            {inGroup.length === 0 && <p className="muted small">{t('cat.tags.emptyFolder')}</p>}
            <ul className="catalogue-list">
              {inGroup.map((tag) => (
                <li key={tag.id} className="catalogue-row" data-testid="tag-row" data-tag-id={tag.id}>
                  <InlineName name={tag.name} testId="tag" onSave={(name) => rename(() => api.updateTag(ws, tag.id, { name }), name)} />
                  <select value={tag.folderId ?? ''} onChange={(e) => void run(() => api.updateTag(ws, tag.id, { folderId: e.target.value || null }))} aria-label={t('cat.tags.move')} data-testid="tag-move">
                    <option value="">{t('cat.tags.noFolder')}</option>
                    {folders.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
                  </select>
                  <button type="button" onClick={() => setMerging(tag)} disabled={tags.length < 2} data-testid="tag-merge">{t('cat.merge.open')}</button>
                  <button type="button" className="danger" onClick={() => setDeleting(tag)} data-testid="tag-delete">{t('cat.delete.open')}</button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      </RoleFieldset>
      {deleting && (
        <DeleteDialog ws={ws} kind="tags" id={deleting.id} name={deleting.name} onClose={() => setDeleting(undefined)} onDeleted={() => { setDeleting(undefined); reload(); }} />
      )}
      {merging && (
        <MergeDialog ws={ws} tag={merging} tags={tags} onClose={() => setMerging(undefined)} onMerged={() => { setMerging(undefined); reload(); }} />
      )}
    </section>
  );
}
