import { WS1 } from './support/ids.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryApi } from './support/memory-api.ts';
import { loadEditor } from '../src/editor/loadEditor.ts';
import { startAutosave } from '../src/saving/autosave.ts';
import { loadLocalDraft } from '../src/saving/localDrafts.ts';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { sampleGraph } from './graphs.ts';

async function setup() {
  const api = createMemoryApi();
  const created = await api.createScenario(WS1, { name: 'テスト', graph: sampleGraph() });
  const store = createFlowStore(sampleGraph());
  const saver = startAutosave({ api, ws: WS1, scenarioId: created.id, store, baseRevision: 1, debounceMs: 500, backoffMs: [1000, 4000] });
  const server = () => api.controls.scenarios.get(created.id)!;
  return { api, store, saver, server, id: created.id, status: () => store.getState().save.status };
}

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps every edit locally at once and saves to the server after a pause', async () => {
    const { store, server, status, id } = await setup();
    store.getState().addNode('end', { x: 0, y: 900 });
    expect(status()).toBe('dirty');
    expect(loadLocalDraft(WS1, id)?.graph.nodes).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(400);
    expect(server().draftRevision).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(status()).toBe('saved');
    expect(server().draftRevision).toBe(2);
    expect(server().draft.nodes).toHaveLength(7);
    expect(loadLocalDraft(WS1, id)).toBeUndefined();
  });

  it('retries a failed save with backoff, showing offline, and loses nothing meanwhile', async () => {
    const { api, store, server, status, id } = await setup();
    api.controls.down = true;
    store.getState().addNode('end', { x: 0, y: 900 });
    await vi.advanceTimersByTimeAsync(600);
    expect(status()).toBe('offline');
    expect(loadLocalDraft(WS1, id)?.graph.nodes).toHaveLength(7);
    store.getState().addNode('end', { x: 0, y: 1000 });
    expect(loadLocalDraft(WS1, id)?.graph.nodes).toHaveLength(8);
    await vi.advanceTimersByTimeAsync(1000);
    expect(status()).toBe('offline');
    api.controls.down = false;
    await vi.advanceTimersByTimeAsync(4000);
    expect(status()).toBe('saved');
    expect(server().draft.nodes).toHaveLength(8);
  });

  it('treats a 5xx as an error to retry, not as offline', async () => {
    const { api, store, status } = await setup();
    api.controls.failNext = 1;
    store.getState().addNode('end', { x: 0, y: 900 });
    await vi.advanceTimersByTimeAsync(600);
    expect(status()).toBe('error');
    await vi.advanceTimersByTimeAsync(1000);
    expect(status()).toBe('saved');
  });

  it('stops on a revision conflict and lets the marketer keep theirs or take the server copy', async () => {
    const { api, store, server, status, saver, id } = await setup();
    await api.saveDraft(WS1, id, { graph: { ...sampleGraph(), nodes: sampleGraph().nodes.slice(0, 1), edges: [] }, baseRevision: 1 });
    store.getState().addNode('end', { x: 0, y: 900 });
    await vi.advanceTimersByTimeAsync(600);
    expect(status()).toBe('conflict');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server().draftRevision).toBe(2);

    // Publishing first saves; with the conflict unresolved that must fail, not pick a side.
    await expect(saver.flush()).rejects.toMatchObject({ code: 'revision_conflict' });

    await saver.keepMine();
    expect(status()).toBe('saved');
    expect(server().draft.nodes).toHaveLength(7);

    await api.saveDraft(WS1, id, { graph: sampleGraph(), baseRevision: server().draftRevision });
    store.getState().addNode('end', { x: 0, y: 1000 });
    await vi.advanceTimersByTimeAsync(600);
    expect(status()).toBe('conflict');
    await saver.takeTheirs();
    expect(status()).toBe('saved');
    expect(store.getState().toGraph()).toEqual(sampleGraph());
  });

  it('flush saves immediately and resolves once the server has it', async () => {
    const { store, server, saver } = await setup();
    store.getState().addNode('end', { x: 0, y: 900 });
    await saver.flush();
    expect(server().draft.nodes).toHaveLength(7);
  });

  it('a reload restores edits the server never got, and saves them', async () => {
    const { api, store, saver, id, server } = await setup();
    api.controls.down = true;
    store.getState().addNode('end', { x: 0, y: 900 });
    saver.stop(); // the tab closes
    api.controls.down = false;
    const loaded = await loadEditor(api, WS1, id);
    expect(loaded.restored).toBe('same-base');
    expect(loaded.graph.nodes).toHaveLength(7);

    const reopened = createFlowStore(loaded.graph);
    startAutosave({ api, ws: WS1, scenarioId: id, store: reopened, baseRevision: loaded.baseRevision, startDirty: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(server().draft.nodes).toHaveLength(7);
    expect(reopened.getState().save.status).toBe('saved');
  });

  it('opens unsaved local edits while the runtime is down, and saves them when it is back', async () => {
    const { api, store, saver, id, server } = await setup();
    store.getState().setScenario((await api.listScenarios(WS1))[0]!);
    api.controls.down = true;
    store.getState().addNode('end', { x: 0, y: 900 });
    saver.stop();
    const loaded = await loadEditor(api, WS1, id);
    expect(loaded.offline).toBe(true);
    expect(loaded.graph.nodes).toHaveLength(7);
    expect(loaded.summary.name).toBe('テスト');

    const reopened = createFlowStore(loaded.graph);
    startAutosave({ api, ws: WS1, scenarioId: id, store: reopened, baseRevision: loaded.baseRevision, startDirty: true, backoffMs: [1000] });
    await vi.advanceTimersByTimeAsync(10);
    expect(reopened.getState().save.status).toBe('offline');
    api.controls.down = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(reopened.getState().save.status).toBe('saved');
    expect(server().draft.nodes).toHaveLength(7);
  });

  it('without a local copy, a runtime that is down is reported, not papered over', async () => {
    const api = createMemoryApi();
    api.controls.down = true;
    await expect(loadEditor(api, WS1, 'nothing')).rejects.toMatchObject({ code: 'network' });
  });

  it('flags local edits made on a revision the server has since moved past', async () => {
    const { api, store, saver, id } = await setup();
    api.controls.down = true;
    store.getState().addNode('end', { x: 0, y: 900 });
    saver.stop();
    api.controls.down = false;
    await api.saveDraft(WS1, id, { graph: sampleGraph(), baseRevision: 1 });
    expect((await loadEditor(api, WS1, id)).restored).toBe('stale-base');
  });
});
