import { WS1, id } from './support/ids.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeApi } from './support/fake-runtime.ts';
import { App } from '../src/App.tsx';
import { createTranslator } from '@lsb/shared';
import { NODE_TYPES, nodeKinds } from '../src/flow/language.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { starterGraph } from '../src/flow/starter.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';

async function openEmptyish() {
  resetWorkspacesForTests();
  const api = createFakeApi();
  api.controls.catalogues.set(WS1, {
    tags: [{ id: id('tag-a'), name: 'A' }], tagFolders: [], fields: [{ id: id('f-n'), name: '来店回数', kind: 'number' }],
    inflowRoutes: [{ id: id('r1'), name: 'Instagram' }], scenarios: [{ id: id('other'), name: '別シナリオ' }], links: [{ id: id('l1'), name: 'LP', url: 'https://shop.example/lp' }],
  });
  const s = await api.createScenario(WS1, { name: 'x', graph: starterGraph() });
  act(() => navigate(`/workspaces/${WS1}/scenarios/${s.id}`));
  renderWithApi(<App />, api);
  await screen.findByTestId('editor-page');
  return api;
}

describe('every node kind', () => {
  beforeAll(installReactFlowMocks);
  afterEach(cleanup);

  it.each(NODE_TYPES)('%s: the palette adds it, selected, with its inspector open', async (type) => {
    await openEmptyish();
    fireEvent.click(screen.getByTestId(`palette-item-${type}`));
    const inspector = await screen.findByTestId('inspector');
    await waitFor(() => expect(inspector.dataset.nodeType).toBe(type));
    expect(within(inspector).getByRole('heading').textContent).toBe(createTranslator('ja')(nodeKinds[type].label));
  });

  it('tag inspector picks an existing tag and creates a new one', async () => {
    const api = await openEmptyish();
    fireEvent.click(screen.getByTestId('palette-item-tag'));
    await screen.findByTestId('tag-add');
    const picker = screen.getByTestId('tag-add-add');
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'A' } });
    fireEvent.keyDown(picker, { key: 'Enter' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: '購入済み' } });
    fireEvent.mouseDown(screen.getByTestId('tag-add-add-create'));
    await waitFor(() => expect(screen.getAllByTestId('tag-chip').map((c) => c.textContent?.replace('×', ''))).toEqual(['A', '購入済み']));
    expect(api.controls.catalogues.get(WS1)?.tags.map((t) => t.name)).toContain('購入済み');
  });

  it('random split keeps a running total and can split evenly', async () => {
    await openEmptyish();
    fireEvent.click(screen.getByTestId('palette-item-randomSplit'));
    await screen.findByTestId('split-total');
    fireEvent.click(screen.getByTestId('split-add'));
    expect(screen.getByTestId('split-total').textContent).toBe('100%');
    fireEvent.change(screen.getAllByTestId('split-weight')[0]!, { target: { value: '50' } });
    expect(screen.getByTestId('split-total').textContent).not.toBe('100%');
    fireEvent.click(screen.getByTestId('split-even'));
    expect(screen.getByTestId('split-total').textContent).toBe('100%');
  });

  it('branch condition builder nests groups, negates, and shows a live count', async () => {
    await openEmptyish();
    fireEvent.click(screen.getByTestId('palette-item-branch'));
    await screen.findByTestId('branch-case');
    fireEvent.click(screen.getByTestId('condition-add'));
    fireEvent.click(screen.getByTestId('condition-add-group'));
    fireEvent.click(screen.getByTestId('condition-group-confirm'));
    expect(screen.getAllByTestId('condition-group')).toHaveLength(2);
    fireEvent.click(screen.getAllByTestId('condition-not')[0]!);
    expect(document.querySelectorAll('.cond-row.negated')).toHaveLength(1);
    fireEvent.change(screen.getAllByTestId('condition-kind')[0]!, { target: { value: 'fieldNumber' } });
    expect(screen.getAllByTestId('condition-leaf')[0]!.dataset.kind).toBe('fieldNumber');
    await waitFor(() => expect(screen.getByTestId('segment-count').textContent).toContain('42'), { timeout: 2000 });
  });

  it('send composer inserts a tracked link, creates one, and previews where it lands', async () => {
    const api = await openEmptyish();
    fireEvent.click(screen.getByTestId('palette-item-send'));
    const text = (await screen.findByTestId('message-text')) as HTMLTextAreaElement;
    fireEvent.change(screen.getByTestId('insert-link'), { target: { value: id('l1') } });
    // Shown by name, stored by id.
    expect(text.value).toBe('{link:LP}');
    expect(screen.getByTestId('phone-preview').textContent).toContain('🔗 LP https://shop.example/lp');
    expect(screen.getByTestId('phone-preview').textContent).not.toContain('{link:');

    fireEvent.click(screen.getByTestId('insert-link-new'));
    fireEvent.change(screen.getByTestId('insert-link-name'), { target: { value: '春のLP' } });
    fireEvent.change(screen.getByTestId('insert-link-url'), { target: { value: 'ftp://nope' } });
    expect((screen.getByTestId('insert-link-create') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('insert-link-url'), { target: { value: 'https://shop.example/spring' } });
    fireEvent.click(screen.getByTestId('insert-link-create'));
    await waitFor(() => expect(text.value).toBe('{link:LP}{link:春のLP}'));
    const created = api.controls.catalogues.get(WS1)!.links.find((l) => l.name === '春のLP');
    expect(created).toMatchObject({ url: 'https://shop.example/spring' });
    expect(text.value).not.toContain(created!.id);
    await waitFor(() => expect(screen.getByTestId('phone-preview').textContent).toContain('https://shop.example/spring'));
    expect(within(screen.getByTestId('insert-link')).getByText('春のLP')).toBeTruthy();
  });

  it('send composer inserts a name placeholder and validates flex JSON', async () => {
    await openEmptyish();
    fireEvent.click(screen.getByTestId('palette-item-send'));
    await screen.findByTestId('message-text');
    fireEvent.click(screen.getByTestId('insert-name'));
    expect((screen.getByTestId('message-text') as HTMLTextAreaElement).value).toBe('{name|お客様}');
    expect(within(screen.getByTestId('phone-preview')).getByTestId('preview-bubble').textContent).toContain('山田花子');
    fireEvent.change(screen.getByTestId('message-type'), { target: { value: 'flex' } });
    fireEvent.change(screen.getByTestId('flex-json'), { target: { value: '{"type": "box"' } });
    expect(screen.getByTestId('flex-error').textContent).toContain('JSON');
    fireEvent.change(screen.getByTestId('flex-json'), { target: { value: '{"type": "box"}' } });
    expect(screen.getByTestId('flex-error').textContent).toContain('bubble');
    fireEvent.change(screen.getByTestId('flex-json'), { target: { value: '{"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "セール"}]}}' } });
    expect(screen.queryByTestId('flex-error')).toBeNull();
    expect(screen.getByTestId('phone-preview').textContent).toContain('セール');
  });
});
