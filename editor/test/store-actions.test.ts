import { describe, expect, it } from 'vitest';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { HISTORY_LIMIT } from '../src/store/history.ts';
import { sampleGraph } from './graphs.ts';

function setup() {
  let clock = 0;
  const store = createFlowStore(sampleGraph(), { now: () => clock });
  return { store, s: () => store.getState(), tick: (ms: number) => (clock += ms) };
}

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const edge = (store: ReturnType<typeof setup>['store'], source: string, handle: string) =>
  store.getState().edges.find((e) => e.source === source && e.sourceHandle === handle);

describe('flow store actions', () => {
  it('addNode adds a default node, selects only it, and undo/redo take it away and back', () => {
    const { s } = setup();
    s().selectNode('t');
    const id = s().addNode('wait', { x: 500, y: 100 });
    const node = s().nodes.find((n) => n.id === id);
    expect(node).toMatchObject({ type: 'wait', position: { x: 500, y: 100 }, selected: true, data: { mode: 'dayAt', days: 1, time: '10:00' } });
    expect(s().nodes.filter((n) => n.selected)).toHaveLength(1);
    s().undo();
    expect(ids(s().nodes)).not.toContain(id);
    s().redo();
    expect(ids(s().nodes)).toContain(id);
  });

  it('insertNodeOnEdge splices a node into an edge and pushes the tail down', () => {
    const { s, store } = setup();
    const before = s().nodes.find((n) => n.id === 'b')!.position.y;
    const id = s().insertNodeOnEdge('e2', 'tag')!;
    expect(edge(store, 'w', 'next')?.target).toBe(id);
    expect(edge(store, id, 'next')?.target).toBe('b');
    expect(s().edges.find((e) => e.id === 'e2')).toBeUndefined();
    expect(s().nodes.find((n) => n.id === 'b')!.position.y).toBeGreaterThan(before);
    expect(s().nodes.find((n) => n.id === 'x')!.position.y).toBeGreaterThan(640);
    s().undo();
    expect(s().toGraph()).toEqual(sampleGraph());
  });

  it('insertNodeAtOutput hangs a node off a free output only', () => {
    const { s, store } = setup();
    const id = s().insertNodeAtOutput('s', 'next', 'end')!;
    expect(edge(store, 's', 'next')?.target).toBe(id);
    expect(s().insertNodeAtOutput('s', 'next', 'end')).toBeUndefined();
    expect(s().insertNodeAtOutput('s', 'nope', 'end')).toBeUndefined();
  });

  it('connect enforces one edge per output, named outputs, and nothing into a trigger', () => {
    const { s, store } = setup();
    expect(s().connect({ source: 's', sourceHandle: 'next', target: 'x', targetHandle: null })).toBe(true);
    expect(edge(store, 's', 'next')?.target).toBe('x');
    // Connecting a used output moves its edge instead of adding a second one.
    expect(s().connect({ source: 'b', sourceHandle: 'else', target: 'x', targetHandle: null })).toBe(true);
    expect(s().edges.filter((e) => e.source === 'b' && e.sourceHandle === 'else')).toHaveLength(1);
    expect(edge(store, 'b', 'else')?.target).toBe('x');
    expect(s().connect({ source: 'x', sourceHandle: 'next', target: 't', targetHandle: null })).toBe(false);
    expect(s().connect({ source: 'w', sourceHandle: 'next', target: 't', targetHandle: null })).toBe(false);
    expect(s().connect({ source: 'w', sourceHandle: 'bogus', target: 's', targetHandle: null })).toBe(false);
    s().undo();
    s().undo();
    expect(s().toGraph()).toEqual(sampleGraph());
  });

  it('reconnect moves an edge end and keeps its id', () => {
    const { s } = setup();
    expect(s().reconnect('e3', { source: 'b', sourceHandle: 'case-1', target: 'x', targetHandle: null })).toBe(true);
    expect(s().edges.find((e) => e.id === 'e3')).toMatchObject({ source: 'b', sourceHandle: 'case-1', target: 'x' });
    expect(s().reconnect('e3', { source: 'b', sourceHandle: 'case-1', target: 't', targetHandle: null })).toBe(false);
    s().undo();
    expect(s().toGraph()).toEqual(sampleGraph());
  });

  it('deleteSelection removes selected nodes with their edges and selected edges; undo restores', () => {
    const { s } = setup();
    s().onNodesChange([{ type: 'select', id: 'b', selected: true }]);
    s().onEdgesChange([{ type: 'select', id: 'e5', selected: true }]);
    s().deleteSelection();
    expect(ids(s().nodes)).not.toContain('b');
    expect(ids(s().edges).sort()).toEqual(['e1']);
    s().undo();
    expect(s().toGraph()).toEqual(sampleGraph());
  });

  it('updateNodeData replaces data, groups a typing burst into one undo step, and prunes orphaned edges', () => {
    const { s, tick } = setup();
    s().updateNodeData('s', { messages: [{ type: 'text', text: 'ク' }] });
    tick(300);
    s().updateNodeData('s', { messages: [{ type: 'text', text: 'クー' }] });
    tick(2000);
    s().updateNodeData('s', { messages: [{ type: 'text', text: 'クーポン!' }] });
    expect(s().history.past).toHaveLength(2);
    s().undo();
    expect(s().nodes.find((n) => n.id === 's')?.data).toEqual({ messages: [{ type: 'text', text: 'クー' }] });
    s().undo();
    expect(s().toGraph()).toEqual(sampleGraph());

    s().updateNodeData('b', { cases: [] });
    expect(ids(s().edges)).not.toContain('e3');
    expect(ids(s().edges)).toContain('e4');
    s().undo();
    expect(ids(s().edges)).toContain('e3');
  });

  it('a drag is one undo step, and only its end counts as a graph change', () => {
    const { s } = setup();
    const v0 = s().graphVersion;
    s().onNodesChange([{ type: 'select', id: 'w', selected: true }]);
    s().onNodesChange([{ type: 'dimensions', id: 'w', dimensions: { width: 200, height: 80 } }]);
    expect(s().graphVersion).toBe(v0);
    s().beginDrag();
    s().onNodesChange([{ type: 'position', id: 'w', position: { x: 10, y: 170 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'w', position: { x: 20, y: 180 }, dragging: true }]);
    expect(s().graphVersion).toBe(v0);
    s().onNodesChange([{ type: 'position', id: 'w', position: { x: 20, y: 180 }, dragging: false }]);
    expect(s().graphVersion).toBe(v0 + 1);
    expect(s().history.past).toHaveLength(1);
    s().undo();
    expect(s().nodes.find((n) => n.id === 'w')?.position).toEqual({ x: 0, y: 160 });
    // A click (drag start without movement) leaves no empty undo step behind.
    s().beginDrag();
    expect(s().history.past).toHaveLength(0);
  });

  it('a new edit clears redo, and history is bounded', () => {
    const { s } = setup();
    s().addNode('end', { x: 0, y: 0 });
    s().undo();
    expect(s().history.future).toHaveLength(1);
    s().addNode('end', { x: 0, y: 0 });
    expect(s().history.future).toHaveLength(0);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) s().addNode('end', { x: i, y: 0 });
    expect(s().history.past).toHaveLength(HISTORY_LIMIT);
  });

  it('undo and redo with nothing to do are harmless', () => {
    const { s } = setup();
    s().undo();
    s().redo();
    expect(s().toGraph()).toEqual(sampleGraph());
  });

  it('tidyLayout lays the flow out top to bottom as one undo step', () => {
    const { s } = setup();
    s().onNodesChange([{ type: 'position', id: 'x', position: { x: -900, y: -900 } }]);
    s().tidyLayout();
    const y = (id: string) => s().nodes.find((n) => n.id === id)!.position.y;
    expect(y('t')).toBeLessThan(y('w'));
    expect(y('w')).toBeLessThan(y('b'));
    expect(y('b')).toBeLessThan(y('s'));
    expect(y('g')).toBeLessThan(y('x'));
    s().undo();
    expect(s().nodes.find((n) => n.id === 'x')?.position).toEqual({ x: -900, y: -900 });
  });

  it('selectNode selects exactly one node; replaceGraph is undoable unless history is reset', () => {
    const { s } = setup();
    s().selectAll();
    s().selectNode('w');
    expect(s().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['w']);
    s().replaceGraph({ schemaVersion: 2, nodes: [], edges: [] });
    expect(s().nodes).toHaveLength(0);
    s().undo();
    expect(s().nodes).toHaveLength(6);
    s().replaceGraph(sampleGraph(), { resetHistory: true });
    expect(s().history.past).toHaveLength(0);
  });
});
