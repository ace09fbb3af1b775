import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Catalogue, FlowGraph, NodeData, NodeType } from '../flow/language.ts';
import { canvasToGraph, graphToCanvas } from './convert.ts';
import { makeFragment, type Fragment } from './clipboard.ts';
import { emptyHistory, record, redo, undo, type History } from './history.ts';
import { tidyPositions } from './layout.ts';
import * as ops from './operations.ts';
import { pruneEdges } from './rules.ts';
import { createSessionSlice, type SessionState } from './session.ts';
import type { CanvasEdge, CanvasNode, Snapshot } from './types.ts';

/** The graph half: nodes, edges, history and the intent-named edits. */
export interface GraphState {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  history: History;
  /** Bumped by every change to the graph itself (not selection or measuring); autosave watches it. */
  graphVersion: number;

  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  /** Called when a drag starts; the move becomes one undo step once something actually moves. */
  beginDrag(): void;
  addNode(type: NodeType, position: { x: number; y: number }): string;
  insertNodeOnEdge(edgeId: string, type: NodeType): string | undefined;
  insertNodeAtOutput(nodeId: string, handle: string, type: NodeType): string | undefined;
  connect(connection: Connection): boolean;
  reconnect(oldEdgeId: string, connection: Connection): boolean;
  deleteSelection(): void;
  updateNodeData<K extends NodeType>(nodeId: string, data: NodeData<K>): void;
  selectNode(nodeId: string): void;
  selectAll(): void;
  copySelection(catalogue?: Catalogue): Fragment | undefined;
  pasteFragment(fragment: Fragment, at?: { x: number; y: number }): string[];
  undo(): void;
  redo(): void;
  tidyLayout(): void;
  /** Loads another graph (a restored version, the server's copy); undoable unless resetHistory. */
  replaceGraph(graph: FlowGraph, options?: { resetHistory?: boolean }): void;
  toGraph(): FlowGraph;
}

export type FlowState = GraphState & SessionState;
export type FlowStore = StoreApi<FlowState>;

export interface FlowStoreOptions {
  /** Injected clock so tests control when typing bursts count as one undo step. */
  now?: () => number;
}

/** Typing into one node within this window is one undo step, not one per keystroke. */
const EDIT_COALESCE_MS = 1000;
const PASTE_OFFSET = 40;

export function createFlowStore(graph: FlowGraph, options: FlowStoreOptions = {}): FlowStore {
  const now = options.now ?? Date.now;
  let dragSnapshot: Snapshot | undefined;
  let lastEdit: { nodeId: string; at: number } | undefined;
  let pasteCount = 0;

  return createStore<FlowState>()((set, get, api) => {
    const snapshot = (): Snapshot => ({ nodes: get().nodes, edges: get().edges });
    /** Applies an edit as one undo step. */
    const commit = (next: Snapshot | undefined): boolean => {
      if (!next) return false;
      const s = get();
      lastEdit = undefined;
      set({ ...next, history: record(s.history, snapshot()), graphVersion: s.graphVersion + 1 });
      return true;
    };

    return {
      ...createSessionSlice(set, get, api),
      ...graphToCanvas(graph),
      history: emptyHistory(),
      graphVersion: 0,

      onNodesChange(changes) {
        const s = get();
        let touchesGraph = false;
        let history = s.history;
        for (const c of changes) {
          if (c.type === 'position' && c.dragging && dragSnapshot) {
            history = record(history, dragSnapshot);
            dragSnapshot = undefined;
          }
          if ((c.type === 'position' && !c.dragging) || c.type === 'remove' || c.type === 'add' || c.type === 'replace') touchesGraph = true;
        }
        const nodes = applyNodeChanges(changes, s.nodes);
        set({ nodes, history, graphVersion: touchesGraph ? s.graphVersion + 1 : s.graphVersion });
      },
      onEdgesChange(changes) {
        const s = get();
        const touchesGraph = changes.some((c) => c.type !== 'select');
        set({ edges: applyEdgeChanges(changes, s.edges), graphVersion: touchesGraph ? s.graphVersion + 1 : s.graphVersion });
      },
      beginDrag() {
        lastEdit = undefined;
        dragSnapshot = snapshot();
      },
      addNode(type, position) {
        const node = ops.makeNode(type, position);
        commit(ops.addNode(snapshot(), node));
        return node.id;
      },
      insertNodeOnEdge(edgeId, type) {
        const result = ops.insertOnEdge(snapshot(), edgeId, type);
        commit(result?.snapshot);
        return result?.nodeId;
      },
      insertNodeAtOutput(nodeId, handle, type) {
        const result = ops.insertAtOutput(snapshot(), nodeId, handle, type);
        commit(result?.snapshot);
        return result?.nodeId;
      },
      connect: (connection) => commit(ops.connect(snapshot(), connection)),
      reconnect: (oldEdgeId, connection) => commit(ops.reconnect(snapshot(), oldEdgeId, connection)),
      deleteSelection() {
        const s = get();
        const nodeIds = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
        commit(ops.deleteElements(s, nodeIds, edgeIds));
      },
      updateNodeData(nodeId, data) {
        const s = get();
        const index = s.nodes.findIndex((n) => n.id === nodeId);
        const node = s.nodes[index];
        if (!node || node.data === data) return;
        const nodes = s.nodes.slice();
        nodes[index] = { ...node, data } as CanvasNode;
        const at = now();
        const coalesce = lastEdit?.nodeId === nodeId && at - lastEdit.at < EDIT_COALESCE_MS;
        lastEdit = { nodeId, at };
        set({
          nodes,
          // A removed branch case or split arm takes its edge with it.
          edges: pruneEdges(nodes, s.edges),
          history: coalesce ? s.history : record(s.history, snapshot()),
          graphVersion: s.graphVersion + 1,
        });
      },
      selectNode(nodeId) {
        const s = get();
        set({
          nodes: s.nodes.map((n) => (n.id === nodeId ? (n.selected ? n : { ...n, selected: true }) : n.selected ? { ...n, selected: false } : n)),
          edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        });
      },
      selectAll() {
        set({ nodes: get().nodes.map((n) => (n.selected ? n : { ...n, selected: true })) });
      },
      copySelection(catalogue) {
        const s = get();
        const selected = s.nodes.filter((n) => n.selected);
        if (selected.length === 0) return undefined;
        pasteCount = 0;
        return makeFragment(selected, s.edges, catalogue);
      },
      pasteFragment(fragment, at) {
        pasteCount += 1;
        const topLeft = ops.boundingTopLeft(fragment.graph.nodes);
        const offset = at
          ? { x: at.x - topLeft.x, y: at.y - topLeft.y }
          : { x: PASTE_OFFSET * pasteCount, y: PASTE_OFFSET * pasteCount };
        const result = ops.pasteGraph(snapshot(), fragment.graph, offset);
        commit(result.snapshot);
        return result.nodeIds;
      },
      undo() {
        const s = get();
        const step = undo(s.history, snapshot());
        if (!step) return;
        lastEdit = undefined;
        set({ ...step.snapshot, history: step.history, graphVersion: s.graphVersion + 1 });
      },
      redo() {
        const s = get();
        const step = redo(s.history, snapshot());
        if (!step) return;
        lastEdit = undefined;
        set({ ...step.snapshot, history: step.history, graphVersion: s.graphVersion + 1 });
      },
      tidyLayout() {
        const s = get();
        const positions = tidyPositions(s.nodes, s.edges);
        commit({ nodes: s.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })), edges: s.edges });
      },
      replaceGraph(next, opts = {}) {
        const s = get();
        lastEdit = undefined;
        set({
          ...graphToCanvas(next),
          history: opts.resetHistory ? emptyHistory() : record(s.history, snapshot()),
          graphVersion: s.graphVersion + 1,
        });
      },
      toGraph: () => canvasToGraph(get().nodes, get().edges),
    };
  });
}
