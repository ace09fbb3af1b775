import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type EdgeTypes } from '@xyflow/react';
import { useCallback, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isNodeType } from '@lsb/shared';
import { KIND_COLORS } from '../nodes/icons.ts';
import { nodeTypes } from '../nodes/registry.ts';
import type { FlowState } from '../store/createFlowStore.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { canConnect } from '../store/rules.ts';
import { ArrowMarker, InsertableEdge } from './InsertableEdge.tsx';
import { InsertMenu } from './InsertMenu.tsx';
import { DRAG_MIME } from './Palette.tsx';

// Module-level, like nodeTypes: React Flow warns and remounts when these change identity.
const edgeTypes: EdgeTypes = { default: InsertableEdge };

const selectCanvas = (s: FlowState) => ({
  nodes: s.nodes,
  edges: s.edges,
  readOnly: s.readOnly,
  onNodesChange: s.onNodesChange,
  onEdgesChange: s.onEdgesChange,
  connect: s.connect,
  reconnect: s.reconnect,
  beginDrag: s.beginDrag,
  addNode: s.addNode,
});

const minimapColor = (node: { type?: string }) => KIND_COLORS[node.type as keyof typeof KIND_COLORS] ?? '#8a94a3';
const markReady = () => performance.mark('lsb:canvas-ready');

/** Whole flows fit on screen; a very long one opens on its beginning at a readable zoom instead. */
const FIT_ALL_UP_TO = 40;
function initialFit(nodes: readonly { id: string; position: { y: number } }[]) {
  if (nodes.length <= FIT_ALL_UP_TO) return { maxZoom: 1, padding: 0.2 };
  const top = [...nodes].sort((a, b) => a.position.y - b.position.y).slice(0, 8);
  return { maxZoom: 1, padding: 0.2, nodes: top.map((n) => ({ id: n.id })) };
}

export function FlowCanvas() {
  const c = useFlow(useShallow(selectCanvas));
  const store = useFlowStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const [fitViewOptions] = useState(() => initialFit(store.getState().nodes));

  const isValidConnection = useCallback((conn: Connection | Edge) => canConnect(store.getState().nodes, conn as Connection), [store]);
  const onReconnect = useCallback((old: Edge, conn: Connection) => void c.reconnect(old.id, conn), [c]);
  const onConnect = useCallback((conn: Connection) => void c.connect(conn), [c]);

  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  };
  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(DRAG_MIME);
    if (!isNodeType(type) || c.readOnly) return;
    e.preventDefault();
    c.addNode(type, screenToFlowPosition({ x: e.clientX - 130, y: e.clientY - 30 }));
  };

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ArrowMarker />
      <ReactFlow
        nodes={c.nodes}
        edges={c.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={c.onNodesChange}
        onEdgesChange={c.onEdgesChange}
        onConnect={onConnect}
        onReconnect={onReconnect}
        onNodeDragStart={c.beginDrag}
        isValidConnection={isValidConnection}
        nodesDraggable={!c.readOnly}
        nodesConnectable={!c.readOnly}
        edgesReconnectable={!c.readOnly}
        // Deleting goes through the store's deleteSelection (undoable), bound in useShortcuts.
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        // Culling pays off only for big flows; small ones render whole so nothing pops in while panning.
        onlyRenderVisibleElements={c.nodes.length > FIT_ALL_UP_TO}
        // The editor benchmark reads this mark to time opening a scenario.
        onInit={markReady}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable nodeColor={minimapColor} data-testid="minimap" />
        <Controls data-testid="zoom-controls" />
      </ReactFlow>
      <InsertMenu />
    </div>
  );
}
