import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/App.tsx';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { sampleGraph } from './graphs.ts';
import { renderWithApi } from './setup.tsx';
import { createFakeApi } from './support/fake-runtime.ts';
import { installFakeTemplates } from './support/fake-templates.ts';
import { id, WS1 } from './support/ids.ts';
import { sharedCatalogues } from '@lsb/shared';

const SHARED_EN_WELCOME = sharedCatalogues.en.template.category.welcome;

// The template library from the marketer's side: saving a scenario as a template (and again as
// its version 2), the library's cards, the starter gallery, and importing a bundle file.

const TAG = id('tag-bought');

function setUp() {
  const api = createFakeApi({ workspaces: [{ id: WS1, name: '代理店本部', timeZone: 'Asia/Tokyo' }] });
  api.catalogue(WS1).tags.push({ id: TAG, name: '購入済み' });
  const templates = installFakeTemplates(api);
  return { api, templates };
}

const fileOf = (text: string, name = 'bundle.json') => new File([text], name, { type: 'application/json' });
const chooseFile = (file: File) => fireEvent.change(screen.getByTestId('import-bundle-file'), { target: { files: [file] } });

describe('template library', () => {
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    cleanup();
    act(() => setLang('ja'));
  });

  it('saves a scenario as a template from the list, then again as its version 2, and shows it in the library', async () => {
    const { api, templates } = setUp();
    const scenario = await api.createScenario(WS1, { name: 'カゴ落ちフォロー', graph: sampleGraph() });
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    const row = await screen.findByTestId('scenario-row');
    fireEvent.click(within(row).getByTestId('scenario-save-template'));
    const dialog = await screen.findByTestId('save-template-dialog');
    // A draft-only scenario has no published version to save.
    expect((within(dialog).getByTestId('save-template-from-published') as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getByText('公開中のバージョンはありません')).toBeTruthy();
    expect((within(dialog).getByTestId('save-template-name') as HTMLInputElement).value).toBe('カゴ落ちフォロー');
    fireEvent.change(within(dialog).getByTestId('save-template-description'), { target: { value: '24時間以内に購入がなければクーポン' } });
    fireEvent.change(within(dialog).getByTestId('save-template-category'), { target: { value: 'sales' } });
    fireEvent.click(within(dialog).getByTestId('save-template-submit'));
    expect((await screen.findByTestId('save-template-done')).textContent).toBe('「カゴ落ちフォロー」v1 を保存しました。テンプレート画面から複製・一括配信できます。');
    expect(templates.controls.saves).toEqual([{ scenarioId: scenario.id, from: 'draft', name: 'カゴ落ちフォロー', description: '24時間以内に購入がなければクーポン', category: 'sales' }]);
    const [saved] = templates.controls.templates.values();
    // The template carries the tag it refers to.
    expect(saved!.versions[0]!.references.tags).toEqual([{ id: TAG, name: '購入済み', folder: null }]);
    fireEvent.click(screen.getByTestId('save-template-close'));

    // Saving again into the same template makes version 2, keeping its words.
    fireEvent.click(within(screen.getByTestId('scenario-row')).getByTestId('scenario-save-template'));
    const again = await screen.findByTestId('save-template-dialog');
    await waitFor(() => expect(within(again).getAllByRole('option', { name: /新しいバージョン/ })).toHaveLength(1));
    fireEvent.change(within(again).getByTestId('save-template-target'), { target: { value: saved!.id } });
    expect((within(again).getByTestId('save-template-category') as HTMLSelectElement).value).toBe('sales');
    expect(within(again).getByTestId('save-template-submit').textContent).toBe('新しいバージョンとして保存');
    fireEvent.click(within(again).getByTestId('save-template-submit'));
    await screen.findByText('「カゴ落ちフォロー」v2 を保存しました。テンプレート画面から複製・一括配信できます。');
    expect(templates.controls.templates.size).toBe(1);
    expect(saved!.versions.map((v) => v.version)).toEqual([1, 2]);
    fireEvent.click(screen.getByTestId('save-template-close'));

    // The library: a card with picture, words, category and both versions.
    fireEvent.click(screen.getByTestId('nav-templates'));
    const card = await screen.findByTestId('template-card');
    expect(within(card).getByTestId('template-name').textContent).toBe('カゴ落ちフォロー');
    expect(within(card).getByTestId('template-category').textContent).toBe('販売・カゴ落ち');
    expect(within(card).getByTestId('template-version').textContent).toBe('v2');
    expect(within(card).getByTestId('template-description').textContent).toBe('24時間以内に購入がなければクーポン');
    expect(within(card).getByTestId('template-references').textContent).toContain('タグ1');
    expect(within(card).getByTestId('template-picture').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    fireEvent.click(within(card).getByTestId('template-versions-toggle'));
    await waitFor(() => expect(within(card).getAllByTestId('template-version-row').map((r) => r.dataset.version)).toEqual(['2', '1']));
  });

  it('adds a starter from the gallery to the library, in English too', async () => {
    const { api } = setUp();
    act(() => setLang('en'));
    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    expect(await screen.findByTestId('templates-empty')).toBeTruthy();
    const starter = await screen.findByTestId('starter-card');
    expect(within(starter).getByText('Welcome series')).toBeTruthy();
    fireEvent.click(within(starter).getByTestId('starter-add'));
    expect((await screen.findByTestId('templates-notice')).textContent).toBe('Added “Welcome series” to the library');
    const card = await screen.findByTestId('template-card');
    expect(within(card).getByTestId('template-category').textContent).toBe(SHARED_EN_WELCOME);
    expect(within(card).getByTestId('template-clone').textContent).toBe('Clone');
  });

  it('imports a bundle after a preview, and names each problem of a bad file without importing it', async () => {
    const { api, templates } = setUp();
    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    fireEvent.click(await screen.findByTestId('template-import'));
    await screen.findByTestId('import-bundle-dialog');

    chooseFile(fileOf('{ not json'));
    expect((await screen.findByTestId('import-bundle-error')).textContent).toMatch(/^JSONとして読めないファイルです（.+）。$/);
    chooseFile(fileOf(JSON.stringify({ format: 'lsb-template-bundle', bundleVersion: 9 })));
    await waitFor(() => expect(screen.getByTestId('import-bundle-error').textContent).toBe('バンドルのバージョン9はこの環境より新しいため読めません（2まで）。先に更新してください。'));
    chooseFile(fileOf(JSON.stringify({ hello: 'world' })));
    await waitFor(() => expect(screen.getByTestId('import-bundle-error').textContent).toBe('JSONですが、テンプレートのバンドルではありません。'));
    chooseFile(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.json'));
    await waitFor(() => expect(screen.getByTestId('import-bundle-error').textContent).toBe('ファイルが大きすぎます（5242881バイト）。バンドルは5MBまでです。'));
    expect((screen.getByTestId('import-bundle-submit') as HTMLButtonElement).disabled).toBe(true);

    // A bundle whose graph names a tag it does not carry: named at once, nothing sent.
    const graph = sampleGraph();
    const dangling = { format: 'lsb-template-bundle', bundleVersion: 2, exportedAt: new Date().toISOString(), template: { name: '誕生月クーポン', description: '誕生月に配信', category: 'birthday', version: 3 }, graph, references: { tags: [], fields: [], inflowRoutes: [], links: [], scenarios: [] } };
    chooseFile(fileOf(JSON.stringify(dangling)));
    await waitFor(() => expect(screen.getByTestId('import-bundle-error').textContent).toMatch(new RegExp(`^ノード「[a-z]」が、バンドルに含まれないタグ「${TAG}」を参照しています。$`)));
    expect(templates.controls.imports).toEqual([]);

    // With its tag it is previewed; a refusal only the runtime can make is shown in words, nothing written.
    const good = { ...dangling, references: { ...dangling.references, tags: [{ id: TAG, name: '購入済み', folder: null }] } };
    chooseFile(fileOf(JSON.stringify(good)));
    const preview = await screen.findByTestId('import-bundle-preview');
    expect(within(preview).getByTestId('import-preview-name').textContent).toBe('誕生月クーポン');
    expect(within(preview).getByTestId('import-preview-contents').textContent).toBe('6ノード・タグ1・友だち情報欄0・流入経路0・リンク0・シナリオ0');
    expect(within(preview).getByTestId('import-preview-format').textContent).toBe('最新の形式');
    templates.controls.failImport = { code: 'bundle_duplicate_id', params: { id: 'w', kind: 'node' } };
    fireEvent.click(screen.getByTestId('import-bundle-submit'));
    await waitFor(() => expect(screen.getByTestId('import-bundle-error').textContent).toBe('ID「w」が重複しています（ノード）。'));
    expect(templates.controls.templates.size).toBe(0);

    templates.controls.failImport = undefined;
    fireEvent.click(screen.getByTestId('import-bundle-submit'));
    expect((await screen.findByTestId('templates-notice')).textContent).toBe('「誕生月クーポン」を取り込みました');
    expect(await screen.findByTestId('template-card')).toBeTruthy();
    expect(templates.controls.templates.size).toBe(1);
  });

  it('previews a bundle of the older format as converted on import, and imports it', async () => {
    const { api, templates } = setUp();
    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    fireEvent.click(await screen.findByTestId('template-import'));
    const v1 = {
      format: 'lsb-template-bundle', bundleVersion: 1, name: '旧ウェルカム', graph: sampleGraph(),
      catalogue: { tags: [{ id: TAG, name: '購入済み', folderName: '購買' }], fields: [], inflowRoutes: [], links: [], scenarios: [] },
    };
    chooseFile(fileOf(JSON.stringify(v1)));
    const preview = await screen.findByTestId('import-bundle-preview');
    expect(within(preview).getByTestId('import-preview-format').textContent).toBe('旧形式（v1）：取り込み時に最新の形式へ変換します');
    fireEvent.click(screen.getByTestId('import-bundle-submit'));
    await screen.findByTestId('template-card');
    const [imported] = templates.controls.templates.values();
    expect(imported!.versions[0]!.references.tags).toEqual([{ id: TAG, name: '購入済み', folder: '購買' }]);
  });

  it('a viewer sees the library but may not clone, roll out, import or add starters, and is told why', async () => {
    const api = createFakeApi({ workspaces: [{ id: WS1, name: '代理店本部', timeZone: 'Asia/Tokyo' }], role: 'viewer' });
    const templates = installFakeTemplates(api);
    templates.add({ name: '誕生月クーポン', category: 'birthday', graph: sampleGraph(), references: { tags: [], fields: [], inflowRoutes: [], links: [], scenarios: [] } });
    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    const card = await screen.findByTestId('template-card');
    for (const button of [within(card).getByTestId('template-clone'), within(card).getByTestId('template-rollout'), screen.getByTestId('template-import')]) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
      expect(button.title).toBe('編集者以上の権限が必要です（あなたは閲覧者です）');
    }
    expect((await screen.findByTestId('starter-add') as HTMLButtonElement).disabled).toBe(true);
    // Reading is allowed: the bundle can still be downloaded.
    expect((within(card).getByTestId('template-export') as HTMLButtonElement).disabled).toBe(false);
  });
});
