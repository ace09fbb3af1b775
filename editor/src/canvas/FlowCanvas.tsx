import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type EdgeTypes } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isNodeType } from '@lsb/shared';
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

export function FlowCanvas() {
  const c = useFlow(useShallow(selectCanvas));
  const store = useFlowStoreApi();
  const { screenToFlowPosition } = useReactFlow();

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
        onlyRenderVisibleElements
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        minZoom={0.1}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable data-testid="minimap" />
        <Controls data-testid="zoom-controls" />
      </ReactFlow>
      <InsertMenu />
    </div>
  );
}
