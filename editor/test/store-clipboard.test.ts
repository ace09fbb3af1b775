import { id } from './support/ids.ts';
import { describe, expect, it } from 'vitest';
import { emptyGraph, type Catalogue } from '../src/flow/language.ts';
import { missingReferences, parseClipboard, remapIds } from '../src/store/clipboard.ts';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { sampleGraph } from './graphs.ts';

const catalogue: Catalogue = {
  tags: [{ id: id('tag-bought'), name: '購入済み' }],
  fields: [],
  inflowRoutes: [],
  scenarios: [],
  links: [],
};

function selectIds(store: ReturnType<typeof createFlowStore>, ids: string[]) {
  store.getState().onNodesChange(ids.map((id) => ({ type: 'select' as const, id, selected: true })));
}

describe('copy and paste', () => {
  it('copies the selection with the edges between selected nodes only, as JSON that pastes back', () => {
    const store = createFlowStore(sampleGraph());
    selectIds(store, ['b', 's', 'g']);
    const fragment = store.getState().copySelection(catalogue)!;
    expect(fragment.graph.nodes.map((n) => n.id).sort()).toEqual(['b', 'g', 's']);
    expect(fragment.graph.edges.map((e) => e.id).sort()).toEqual(['e3', 'e4']);
    expect(fragment.names).toEqual({ tag: { [id('tag-bought')]: '購入済み' } });

    const text = JSON.stringify(fragment);
    const parsed = parseClipboard(text);
    if (!parsed.ok) throw new Error('expected ok');
    const pasted = store.getState().pasteFragment(parsed.fragment);
    const s = store.getState();
    expect(s.nodes).toHaveLength(9);
    expect(pasted).toHaveLength(3);
    // Fresh ids, pasted nodes selected and offset, originals deselected.
    expect(pasted.some((id) => ['b', 's', 'g'].includes(id))).toBe(false);
    expect(s.nodes.filter((n) => n.selected).map((n) => n.id).sort()).toEqual([...pasted].sort());
    const copyOfB = s.nodes.find((n) => n.id === pasted[0])!;
    expect(copyOfB.position).toEqual({ x: 40, y: 360 });
    const newEdges = s.edges.filter((e) => pasted.includes(e.source));
    expect(newEdges).toHaveLength(2);
    expect(newEdges.every((e) => pasted.includes(e.target))).toBe(true);
    store.getState().undo();
    expect(store.getState().toGraph()).toEqual(sampleGraph());
  });

  it('pastes into another scenario at a given point, and twice without id clashes', () => {
    const source = createFlowStore(sampleGraph());
    source.getState().selectAll();
    const fragment = source.getState().copySelection()!;
    const target = createFlowStore(emptyGraph());
    const first = target.getState().pasteFragment(fragment, { x: 1000, y: 1000 });
    const second = target.getState().pasteFragment(fragment);
    const s = target.getState();
    expect(new Set(s.nodes.map((n) => n.id)).size).toBe(12);
    expect(new Set(s.edges.map((e) => e.id)).size).toBe(10);
    expect(Math.min(...s.nodes.filter((n) => first.includes(n.id)).map((n) => n.position.x))).toBe(1000);
    expect(second).toHaveLength(6);
  });

  it('copy with nothing selected gives nothing', () => {
    const store = createFlowStore(sampleGraph());
    expect(store.getState().copySelection()).toBeUndefined();
  });

  it('accepts a bare graph, rejects non-JSON and JSON that is not a flow', () => {
    expect(parseClipboard(JSON.stringify(sampleGraph())).ok).toBe(true);
    expect(parseClipboard('hello {')).toEqual({ ok: false, reason: 'notJson' });
    const notFlow = parseClipboard('{"nodes": 3}');
    expect(notFlow.ok).toBe(false);
    if (!notFlow.ok && notFlow.reason === 'notFlow') expect(notFlow.issues.length).toBeGreaterThan(0);
    const badNode = parseClipboard(JSON.stringify({ ...sampleGraph(), nodes: [{ id: 'q', type: 'teleport', position: { x: 0, y: 0 }, data: {} }] }));
    expect(badNode).toMatchObject({ ok: false, reason: 'notFlow' });
  });

  it('finds references missing from another workspace, matching by name where it can', () => {
    const store = createFlowStore(sampleGraph());
    store.getState().selectAll();
    const fragment = store.getState().copySelection(catalogue)!;
    const other: Catalogue = { ...catalogue, tags: [] };
    expect(missingReferences(fragment.graph, other, fragment.names)).toEqual([
      { kind: 'tag', id: id('tag-bought'), name: '購入済み', match: undefined },
    ]);
    const sameName: Catalogue = { ...catalogue, tags: [{ id: 'tag-other', name: '購入済み' }] };
    expect(missingReferences(fragment.graph, sameName, fragment.names)[0]?.match).toEqual({ id: 'tag-other', name: '購入済み' });
    expect(missingReferences(fragment.graph, catalogue, fragment.names)).toEqual([]);
  });

  it('remapIds points references (and field placeholders) at new ids', () => {
    const data = { cases: [{ id: 'c', condition: { kind: 'tag', tagId: 'old', has: true } }], text: 'こんにちは {field:f-old|お客様}' };
    const mapping = new Map([['old', 'new'], ['f-old', 'f-new']]);
    expect(remapIds(data, mapping)).toEqual({ cases: [{ id: 'c', condition: { kind: 'tag', tagId: 'new', has: true } }], text: 'こんにちは {field:f-new|お客様}' });
  });
});
