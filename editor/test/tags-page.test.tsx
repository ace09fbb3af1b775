import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogueApi, CatalogueUsage } from '../src/api/CatalogueApi.ts';
import { CatalogueApiProvider } from '../src/api/CatalogueApiContext.tsx';
import { ApiError } from '../src/api/errors.ts';
import type { WorkspaceCatalogue } from '../src/api/types.ts';
import { TagsPage } from '../src/catalogue/TagsPage.tsx';
import { i18n } from '../src/i18n/index.ts';
import { signedInForTests } from './support/fake-accounts.ts';

// The pages disable what a role may not use: these tests act as the workspace's owner.
beforeEach(() => signedInForTests(['ws1']));

// タグ管理: the counts come before any delete or merge; published use refuses with the reason.

function tagsApi(usage: Record<string, CatalogueUsage>) {
  const catalogue: WorkspaceCatalogue = {
    tags: [{ id: 'tag-vip', name: 'VIP', folderId: null }, { id: 'tag-old', name: '旧VIP', folderId: null }, { id: 'tag-live', name: '購入済み', folderId: null }] as unknown as WorkspaceCatalogue['tags'],
    tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [],
  };
  const deleteTag = vi.fn(async (_ws: string, id: string) => {
    catalogue.tags = catalogue.tags.filter((t) => t.id !== id);
  });
  const mergeTag = vi.fn(async (_ws: string, id: string) => {
    catalogue.tags = catalogue.tags.filter((t) => t.id !== id);
    return { id: 'tag-vip', name: 'VIP', folderId: null };
  });
  const createTag = vi.fn(async (_ws: string, input: { name: string }) => {
    throw new ApiError(409, 'tag_exists', `A tag named "${input.name}" already exists.`);
  });
  const api = {
    getCatalogue: async () => structuredClone(catalogue),
    usage: async (_ws: string, _kind: string, id: string) => usage[id]!,
    deleteTag, mergeTag, createTag,
  } as unknown as CatalogueApi;
  return { api, deleteTag, mergeTag };
}

const render_ = (api: CatalogueApi) => render(
  <I18nextProvider i18n={i18n}><CatalogueApiProvider api={api}><TagsPage ws="ws1" /></CatalogueApiProvider></I18nextProvider>,
);
const row = async (name: string) => (await screen.findAllByTestId('tag-row')).find((r) => within(r).getByTestId('tag-name').textContent === name)!;

const unused: CatalogueUsage = { friends: 0, drafts: [], published: [] };
const usedByDraft: CatalogueUsage = { friends: 12, drafts: [{ id: 's1', name: '春セール' }], published: [] };
const published: CatalogueUsage = { friends: 3, drafts: [], published: [{ id: 's2', name: 'ウェルカム' }] };

describe('tags page', () => {
  afterEach(cleanup);

  it('a used tag shows its counts and is deleted only after the explicit confirmation', async () => {
    const { api, deleteTag } = tagsApi({ 'tag-old': usedByDraft, 'tag-vip': unused, 'tag-live': published });
    render_(api);
    fireEvent.click(within(await row('旧VIP')).getByTestId('tag-delete'));
    const dialog = await screen.findByTestId('delete-dialog');
    const usage = await within(dialog).findByTestId('usage');
    expect(usage.textContent).toContain('友だち 12人');
    expect(usage.textContent).toContain('下書きのシナリオ 1件 「春セール」');
    const submit = within(dialog).getByTestId('delete-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.click(within(dialog).getByTestId('delete-confirm'));
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(deleteTag).toHaveBeenCalledWith('ws1', 'tag-old', true));
    await waitFor(() => expect(screen.queryByTestId('delete-dialog')).toBeNull());
  });

  it('an unused tag goes without a tick; one a published scenario uses is refused with the reason', async () => {
    const { api, deleteTag } = tagsApi({ 'tag-old': usedByDraft, 'tag-vip': unused, 'tag-live': published });
    render_(api);
    fireEvent.click(within(await row('購入済み')).getByTestId('tag-delete'));
    let dialog = await screen.findByTestId('delete-dialog');
    expect((await within(dialog).findByTestId('delete-blocked')).textContent).toContain('公開中のシナリオが使っているため削除できません');
    expect(within(dialog).getByTestId('usage').textContent).toContain('「ウェルカム」');
    expect((within(dialog).getByTestId('delete-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(window, { key: 'Escape' });

    fireEvent.click(within(await row('VIP')).getByTestId('tag-delete'));
    dialog = await screen.findByTestId('delete-dialog');
    await within(dialog).findByTestId('delete-unused');
    fireEvent.click(within(dialog).getByTestId('delete-submit'));
    await waitFor(() => expect(deleteTag).toHaveBeenCalledWith('ws1', 'tag-vip', false));
  });

  it('merging shows the counts and what will happen, then merges into the chosen tag', async () => {
    const { api, mergeTag } = tagsApi({ 'tag-old': usedByDraft, 'tag-vip': unused, 'tag-live': published });
    render_(api);
    fireEvent.click(within(await row('旧VIP')).getByTestId('tag-merge'));
    const dialog = await screen.findByTestId('merge-dialog');
    await within(dialog).findByTestId('usage');
    fireEvent.change(within(dialog).getByTestId('merge-into'), { target: { value: 'tag-vip' } });
    expect(within(dialog).getByTestId('merge-explain').textContent).toContain('「旧VIP」が付いた友だちには「VIP」が付き');
    fireEvent.click(within(dialog).getByTestId('merge-submit'));
    await waitFor(() => expect(mergeTag).toHaveBeenCalledWith('ws1', 'tag-old', 'tag-vip'));
  });

  it('creating a name that exists says so in words, never with the raw code', async () => {
    const { api } = tagsApi({});
    render_(api);
    await row('VIP');
    fireEvent.change(screen.getByTestId('tag-new-name'), { target: { value: 'VIP' } });
    fireEvent.click(screen.getByTestId('tag-create'));
    expect((await screen.findByTestId('catalogue-error')).textContent).toBe('「VIP」というタグは既にあります。');
    expect(document.body.textContent).not.toContain('tag_exists');
  });
});
