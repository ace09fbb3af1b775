import { WS1, id } from './support/ids.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi } from './support/fake-runtime.ts';
import { App } from '../src/App.tsx';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { sampleGraph } from './graphs.ts';
import { renderWithApi } from './setup.tsx';

async function openEditor(graph = sampleGraph()) {
  const api = createFakeApi();
  api.controls.catalogues.set(WS1, {
    tags: [{ id: id('tag-bought'), name: '購入済み' }], tagFolders: [], fields: [{ id: id('f-date'), name: '予約日', kind: 'date' }],
    inflowRoutes: [], scenarios: [], links: [],
  });
  const s = await api.createScenario(WS1, { name: 'フォロー', graph });
  act(() => navigate(`/workspaces/${WS1}/scenarios/${s.id}`));
  renderWithApi(<App />, api);
  await screen.findByTestId('editor-page');
  await waitFor(() => expect(document.querySelectorAll('.react-flow__node').length).toBe(graph.nodes.length));
  return { api, id: s.id };
}

const nodeEl = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;
const select = (id: string) => fireEvent.click(within(nodeEl(id)).getByTestId('node-card'));

describe('editor screen', () => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    localStorage.clear();
  });
  afterEach(cleanup);

  it('shows every node as a card with its summary in words', async () => {
    await openEditor();
    expect(within(nodeEl('w')).getByTestId('node-summary').textContent).toBe('1日後 10:00');
    expect(within(nodeEl('g')).getByTestId('node-summary').textContent).toBe('追加: 購入済み');
    expect(within(nodeEl('s')).getByTestId('node-summary').textContent).toBe('クーポンです');
    expect(within(nodeEl('b')).getByText('購入済み')).toBeTruthy();
    expect(within(nodeEl('b')).getByText('それ以外')).toBeTruthy();
    expect(screen.getByTestId('scenario-name').textContent).toBe('フォロー');
  });

  it('edits a wait in the inspector, updating the card and the next-fire preview', async () => {
    await openEditor();
    select('w');
    const inspector = await screen.findByTestId('inspector');
    expect(inspector.dataset.nodeType).toBe('wait');
    expect(screen.getByTestId('wait-preview-time').textContent).toMatch(/Asia\/Tokyo/);
    fireEvent.click(screen.getByTestId('wait-mode-elapsed'));
    await waitFor(() => expect(within(nodeEl('w')).getByTestId('node-summary').textContent).toBe('3時間後'));
    fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect(within(nodeEl('w')).getByTestId('node-summary').textContent).toBe('1日後 10:00'));
  });

  it('counts UTF-16 units in a message and marks the node when it is over LINE’s limit', async () => {
    await openEditor();
    select('s');
    const text = await screen.findByTestId('message-text');
    fireEvent.change(text, { target: { value: '😀'.repeat(2501) } });
    expect(screen.getByTestId('text-counter').dataset.length).toBe('5002');
    expect(screen.getByTestId('text-too-long')).toBeTruthy();
    await waitFor(() => expect(within(nodeEl('s')).getByTestId('node-issue-badge')).toBeTruthy());
    const issue = screen.getAllByTestId('issue-item').find((i) => i.dataset.code === 'sendLimit');
    expect(issue?.textContent).toContain('テキストの文字数');
  });

  it('lists issues live and selects a node when its issue is clicked', async () => {
    const graph = sampleGraph();
    graph.edges = graph.edges.filter((e) => e.id !== 'e2'); // the wait's required output is now free
    await openEditor(graph);
    const item = await waitFor(() => screen.getAllByTestId('issue-item').find((i) => i.dataset.nodeId === 'w')!);
    fireEvent.click(item);
    await waitFor(() => expect(screen.getByTestId('inspector').dataset.nodeId).toBe('w'));
  });

  it('refuses pasted text that is not JSON or not a flow, with a message and no change', async () => {
    await openEditor();
    fireEvent.click(screen.getByTestId('paste-json'));
    fireEvent.change(screen.getByTestId('paste-json-input'), { target: { value: '{"nodes": [' } });
    fireEvent.click(screen.getByTestId('paste-json-submit'));
    expect(screen.getByTestId('paste-json-error').textContent).toContain('JSONではありません');
    fireEvent.change(screen.getByTestId('paste-json-input'), { target: { value: '{"nodes": 1, "edges": []}' } });
    fireEvent.click(screen.getByTestId('paste-json-submit'));
    expect(screen.getByTestId('paste-json-error').textContent).toContain('読み込めません');
    expect(document.querySelectorAll('.react-flow__node')).toHaveLength(6);
    expect(screen.getByTestId('undo')).toHaveProperty('disabled', true);
  });

  it('offers to create tags a pasted flow refers to, then points the nodes at them', async () => {
    const { api } = await openEditor();
    const fragment = {
      kind: 'lsb/flow-fragment',
      graph: { schemaVersion: 1, nodes: [{ id: 'x', type: 'tag', position: { x: 0, y: 0 }, data: { add: ['tag-elsewhere'], remove: [] } }], edges: [] },
      names: { tag: { 'tag-elsewhere': 'VIP' } },
    };
    fireEvent.click(screen.getByTestId('paste-json'));
    fireEvent.change(screen.getByTestId('paste-json-input'), { target: { value: JSON.stringify(fragment) } });
    fireEvent.click(screen.getByTestId('paste-json-submit'));
    const dialog = await screen.findByTestId('missing-references-dialog');
    expect(within(dialog).getByText('VIP')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('missing-references-paste'));
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(7));
    const vip = api.controls.catalogues.get(WS1)!.tags.find((t) => t.name === 'VIP');
    expect(vip).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('node-summary').some((n) => n.textContent === '追加: VIP')).toBe(true));
  });

  it('publishes after showing the changes, then lists the version', async () => {
    const { api, id } = await openEditor();
    fireEvent.click(screen.getByTestId('open-publish'));
    const dialog = await screen.findByTestId('publish-dialog');
    await within(dialog).findByTestId('publish-added');
    fireEvent.click(within(dialog).getByTestId('publish-confirm'));
    await waitFor(() => expect(screen.getByTestId('scenario-status').textContent).toBe('公開中 v1'));
    expect(api.controls.scenarios.get(id)?.publishedVersion).toBe(1);
    fireEvent.click(screen.getByTestId('open-versions'));
    expect(await screen.findByTestId('version-row')).toBeTruthy();
  });

  it('switches the whole UI to English', async () => {
    await openEditor();
    fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'en' } });
    await waitFor(() => expect(within(nodeEl('w')).getByTestId('node-summary').textContent).toBe('1 day(s) later at 10:00'));
    expect(screen.getByTestId('open-publish').textContent).toBe('Publish');
    fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'ja' } });
  });
});

describe('published scenario', () => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    localStorage.clear();
  });
  afterEach(cleanup);

  it('shows live counts per node, pauses and resumes, and restores a version into the draft', async () => {
    const { api, id } = await openEditorPublished();
    await waitFor(() => expect(within(nodeEl('w')).getByTestId('node-stats').textContent).toContain('待機中 7'));
    expect(within(nodeEl('s')).getByTestId('node-stats').textContent).toContain('クリック 3');

    fireEvent.click(screen.getByTestId('pause-scenario'));
    await waitFor(() => expect(screen.getByTestId('scenario-status').textContent).toContain('停止中'));
    expect(api.controls.scenarios.get(id)?.state).toBe('paused');
    fireEvent.click(screen.getByTestId('resume-scenario'));
    await waitFor(() => expect(screen.getByTestId('scenario-status').textContent).toBe('公開中 v1'));

    select('x');
    fireEvent.click(screen.getByTestId('delete-selection'));
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(5));
    fireEvent.click(screen.getByTestId('open-versions'));
    fireEvent.click(await screen.findByTestId('version-restore'));
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node[data-id="x"]')).toHaveLength(1));
    expect(screen.getByTestId('editor-notice').textContent).toContain('v1');
  });
});

describe('publishing again', () => {
  beforeAll(installReactFlowMocks);
  afterEach(cleanup);

  it('names removed nodes from the last version in the publish summary', async () => {
    resetWorkspacesForTests();
    localStorage.clear();
    await openEditorPublished();
    select('x');
    fireEvent.click(screen.getByTestId('delete-selection'));
    fireEvent.click(screen.getByTestId('open-publish'));
    const removed = await screen.findByTestId('publish-removed');
    await waitFor(() => expect(removed.textContent).toContain('終了: シナリオ終了'));
  });
});

async function openEditorPublished() {
  const api = createFakeApi();
  const s = await api.createScenario(WS1, { name: '公開済み', graph: sampleGraph() });
  await api.publish(WS1, s.id);
  api.controls.stats.set(s.id, { nodes: { w: { waiting: 7, entered: 20 }, s: { waiting: 0, entered: 12, sent: 12, clicked: 3 } } });
  act(() => navigate(`/workspaces/${WS1}/scenarios/${s.id}`));
  renderWithApi(<App />, api);
  await screen.findByTestId('editor-page');
  await waitFor(() => expect(document.querySelectorAll('.react-flow__node').length).toBe(6));
  return { api, id: s.id };
}
