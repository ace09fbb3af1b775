import { WS1 } from './support/ids.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryApi } from './support/memory-api.ts';
import { loadEditor } from '../src/editor/loadEditor.ts';
import { sameGraph } from '../src/flow/sameGraph.ts';
import { startAutosave } from '../src/saving/autosave.ts';
import { loadLocalDraft, saveLocalDraft } from '../src/saving/localDrafts.ts';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { sampleGraph } from './graphs.ts';

// A reload can land while a save is on the wire: the server gets the graph, the page never hears
// back. Neither the reopened editor nor its next save may call that a conflict.

/** Reverses key order everywhere, as jsonb may hand a stored graph back. */
function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)])) as T;
  return value;
}

describe('saving across a reload mid-save', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('compares graphs by content, not key order', () => {
    expect(sameGraph(sampleGraph(), reordered(sampleGraph()))).toBe(true);
    const changed = sampleGraph();
    changed.nodes[0]!.position.x += 1;
    expect(sameGraph(sampleGraph(), changed)).toBe(false);
  });

  it('a local copy the server already has (save answered to a closed page) opens clean', async () => {
    const api = createMemoryApi();
    const { id } = await api.createScenario(WS1, { name: 'テスト', graph: sampleGraph() });
    const edited = { ...sampleGraph(), nodes: sampleGraph().nodes.slice(0, 2), edges: [] };
    saveLocalDraft(WS1, id, { graph: edited, baseRevision: 1, at: Date.now() });
    await api.saveDraft(WS1, id, { graph: reordered(edited), baseRevision: 1 });

    const loaded = await loadEditor(api, WS1, id);
    expect(loaded.restored).toBe('none');
    expect(loaded.baseRevision).toBe(2);
    expect(loaded.graph.nodes).toHaveLength(2);
    expect(loadLocalDraft(WS1, id)).toBeUndefined();
  });

  it('a save refused as stale because the server already took that very graph counts as saved', async () => {
    const api = createMemoryApi();
    const { id } = await api.createScenario(WS1, { name: 'テスト', graph: sampleGraph() });
    const store = createFlowStore(sampleGraph());
    startAutosave({ api, ws: WS1, scenarioId: id, store, baseRevision: 1, debounceMs: 100 });
    store.getState().addNode('end', { x: 0, y: 900 });
    // The earlier page's request, landing after this page opened on revision 1.
    await api.saveDraft(WS1, id, { graph: reordered(store.getState().toGraph()), baseRevision: 1 });
    await vi.advanceTimersByTimeAsync(200);
    expect(store.getState().save.status).toBe('saved');
    expect(loadLocalDraft(WS1, id)).toBeUndefined();

    // And it goes on saving on top of the server's revision.
    store.getState().addNode('end', { x: 0, y: 1000 });
    await vi.advanceTimersByTimeAsync(200);
    expect(store.getState().save.status).toBe('saved');
    expect(api.controls.scenarios.get(id)?.draftRevision).toBe(3);
  });

  it('a different graph on the server is still a conflict', async () => {
    const api = createMemoryApi();
    const { id } = await api.createScenario(WS1, { name: 'テスト', graph: sampleGraph() });
    const store = createFlowStore(sampleGraph());
    startAutosave({ api, ws: WS1, scenarioId: id, store, baseRevision: 1, debounceMs: 100 });
    store.getState().addNode('end', { x: 0, y: 900 });
    await api.saveDraft(WS1, id, { graph: { ...sampleGraph(), edges: [] }, baseRevision: 1 });
    await vi.advanceTimersByTimeAsync(200);
    expect(store.getState().save.status).toBe('conflict');
  });
});
