import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../src/api/ApiContext.tsx';
import { ApiError } from '../src/api/errors.ts';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import type { WorkspaceCatalogue } from '../src/api/types.ts';
import { EditorEnvProvider, type EditorEnv } from '../src/editor/EditorEnv.tsx';
import { emptyGraph, type FieldKind } from '../src/flow/language.ts';
import { i18n } from '../src/i18n/index.ts';
import { CataloguePicker } from '../src/inspector/controls.tsx';
import { TagListPicker } from '../src/inspector/TagListPicker.tsx';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { FlowStoreProvider } from '../src/store/FlowStoreContext.tsx';

// The editor's tag and field pickers: typing picks an existing entry or creates a new one in place.

function catalogueWith(): WorkspaceCatalogue {
  return {
    tags: [{ id: 'tag-vip', name: 'VIP' }, { id: 'tag-bought', name: '購入済み' }],
    tagFolders: [],
    fields: [{ id: 'f-visit', name: '予約日', kind: 'date' }, { id: 'f-spend', name: '年間利用額', kind: 'number' }],
    inflowRoutes: [], scenarios: [], links: [],
  };
}

/** Just the two calls the pickers make, over a catalogue the test can inspect. */
function inTestApi(catalogue: WorkspaceCatalogue, options: { conflictFor?: string } = {}) {
  let next = 1;
  const createCatalogueItem = vi.fn(async (_ws: string, kind: string, input: { name: string; kind?: FieldKind }) => {
    if (input.name === options.conflictFor) {
      // Another tab created it a moment ago: the runtime refuses the duplicate name.
      catalogue.tags.push({ id: 'tag-other-tab', name: input.name });
      throw new ApiError(409, 'tag_exists', `A tag named "${input.name}" already exists.`);
    }
    const id = `new-${next++}`;
    if (kind === 'tags') catalogue.tags.push({ id, name: input.name });
    else catalogue.fields.push({ id, name: input.name, kind: input.kind! });
    return { id, name: input.name };
  });
  const getCatalogue = vi.fn(async () => structuredClone(catalogue));
  return { api: { createCatalogueItem, getCatalogue } as unknown as ScenarioApi, createCatalogueItem, getCatalogue };
}

function renderPicker(ui: (onChange: (id: string) => void) => React.ReactNode, api: ScenarioApi, catalogue: WorkspaceCatalogue) {
  const store = createFlowStore(emptyGraph());
  store.getState().setCatalogue(structuredClone(catalogue));
  const env = { ws: 'ws1', scenarioId: 's1', timeZone: 'Asia/Tokyo', autosave: {} } as unknown as EditorEnv;
  const onChange = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={api}>
        <EditorEnvProvider env={env}>
          <FlowStoreProvider store={store}>{ui(onChange)}</FlowStoreProvider>
        </EditorEnvProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
  return { onChange, store };
}

function TagList() {
  const [ids, setIds] = useState<string[]>([]);
  return <TagListPicker value={ids} onChange={setIds} testId="tag-add" />;
}

const chipNames = () => screen.getAllByTestId('tag-chip').map((chip) => chip.textContent?.replace('×', ''));

describe('tag and field pickers create in place', () => {
  afterEach(cleanup);

  it('typing a new tag name offers 「「…」を作成」; taking it creates the tag and adds it', async () => {
    const catalogue = catalogueWith();
    const { api, createCatalogueItem } = inTestApi(catalogue);
    renderPicker(() => <TagList />, api, catalogue);
    const input = screen.getByTestId('tag-add-add');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '春キャンペーン' } });
    const create = screen.getByTestId('tag-add-add-create');
    expect(create.textContent).toBe('「春キャンペーン」を作成');
    fireEvent.mouseDown(create);
    await waitFor(() => expect(chipNames()).toEqual(['春キャンペーン']));
    expect(createCatalogueItem).toHaveBeenCalledWith('ws1', 'tags', { name: '春キャンペーン' });
  });

  it('typing an existing name (any case, spaces around) and Enter selects it; nothing is created', async () => {
    const catalogue = catalogueWith();
    const { api, createCatalogueItem } = inTestApi(catalogue);
    renderPicker(() => <TagList />, api, catalogue);
    const input = screen.getByTestId('tag-add-add');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: ' vip ' } });
    expect(screen.queryByTestId('tag-add-add-create')).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(chipNames()).toEqual(['VIP']);
    expect(createCatalogueItem).not.toHaveBeenCalled();
  });

  it('a name another tab just created selects that tag, and no raw error code is shown', async () => {
    const catalogue = catalogueWith();
    const { api } = inTestApi(catalogue, { conflictFor: '新規' });
    renderPicker(() => <TagList />, api, catalogue);
    const input = screen.getByTestId('tag-add-add');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '新規' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(chipNames()).toEqual(['新規']));
    expect(document.body.textContent).not.toContain('tag_exists');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a date-only field picker creates a date field; an open one offers each kind', async () => {
    const catalogue = catalogueWith();
    const { api, createCatalogueItem } = inTestApi(catalogue);
    const { onChange } = renderPicker((change) => (
      <>
        <CataloguePicker kind="field" fieldKinds={['date']} value="" onChange={change} testId="date-field" />
        <CataloguePicker kind="field" value="" onChange={change} testId="any-field" />
      </>
    ), api, catalogue);
    const dateInput = screen.getByTestId('date-field');
    fireEvent.focus(dateInput);
    fireEvent.change(dateInput, { target: { value: '誕生日' } });
    expect(screen.getAllByTestId(/^date-field-create/)).toHaveLength(1);
    fireEvent.keyDown(dateInput, { key: 'Enter' });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('new-1'));
    expect(createCatalogueItem).toHaveBeenCalledWith('ws1', 'fields', { name: '誕生日', kind: 'date' });

    const anyInput = screen.getByTestId('any-field');
    fireEvent.focus(anyInput);
    fireEvent.change(anyInput, { target: { value: '会員ランク' } });
    expect(screen.getAllByTestId(/^any-field-create-/).map((o) => o.textContent)).toEqual([
      '「会員ランク」を作成（テキスト）', '「会員ランク」を作成（数値）', '「会員ランク」を作成（日付）', '「会員ランク」を作成（選択肢）',
    ]);
    fireEvent.mouseDown(screen.getByTestId('any-field-create-choice'));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('new-2'));
    expect(createCatalogueItem).toHaveBeenLastCalledWith('ws1', 'fields', { name: '会員ランク', kind: 'choice' });
  });

  it('naming an existing field of a kind the picker cannot use explains it instead of choosing it', async () => {
    const catalogue = catalogueWith();
    const { api, createCatalogueItem } = inTestApi(catalogue);
    const { onChange } = renderPicker((change) => <CataloguePicker kind="field" fieldKinds={['date']} value="" onChange={change} testId="date-field" />, api, catalogue);
    const input = screen.getByTestId('date-field');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '年間利用額' } });
    // Not offered as a date field, and creating the same name would clash: the runtime says so.
    createCatalogueItem.mockRejectedValueOnce(new ApiError(409, 'field_exists', 'exists'));
    fireEvent.keyDown(input, { key: 'Enter' });
    expect((await screen.findByTestId('date-field-problem')).textContent).toContain('「年間利用額」は既にありますが');
    expect(onChange).not.toHaveBeenCalled();
  });
});
