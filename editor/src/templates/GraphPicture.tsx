import { memo, useMemo } from 'react';
import type { FlowGraph, NodeType } from '../flow/language.ts';
import { KIND_COLORS } from '../nodes/icons.ts';

export type NodeMark = 'added' | 'removed' | 'changed';

const NODE_W = 260;
const NODE_H = 80;
const PAD = 40;
const MARK_COLORS: Record<NodeMark, string> = { added: '#06c755', removed: '#e5484d', changed: '#f5a623' };

/**
 * A template's graph drawn small in SVG: one box per node in its kind's colour, edges between
 * them. With `marks`, added / removed / changed nodes are outlined (the linked clone's diff view).
 * Drawn from the graph itself, so a picture never goes stale against the version it shows.
 */
export const GraphPicture = memo(function GraphPicture({ graph, marks, label, testId = 'graph-picture', height = 140 }: {
  graph: FlowGraph;
  marks?: ReadonlyMap<string, NodeMark>;
  label: string;
  testId?: string;
  height?: number;
}) {
  const box = useMemo(() => viewBox(graph), [graph]);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  return (
    <svg className="graph-picture" role="img" aria-label={label} viewBox={box} height={height} width="100%" preserveAspectRatio="xMidYMid meet" data-testid={testId}>
      {graph.edges.map((e) => {
        const from = byId.get(e.source);
        const to = byId.get(e.target);
        if (!from || !to) return null;
        return (
          <line key={e.id} x1={from.position.x + NODE_W / 2} y1={from.position.y + NODE_H} x2={to.position.x + NODE_W / 2} y2={to.position.y}
            stroke="#9aa4b2" strokeWidth={6} />
        );
      })}
      {graph.nodes.map((n) => {
        const mark = marks?.get(n.id);
        return (
          <rect key={n.id} x={n.position.x} y={n.position.y} width={NODE_W} height={NODE_H} rx={14}
            fill={KIND_COLORS[n.type as NodeType] ?? '#8a94a3'} fillOpacity={mark === 'removed' ? 0.35 : 0.9}
            stroke={mark ? MARK_COLORS[mark] : 'none'} strokeWidth={mark ? 18 : 0} strokeDasharray={mark === 'removed' ? '24 12' : undefined}
            data-testid="graph-picture-node" data-node-id={n.id} data-mark={mark ?? 'same'} />
        );
      })}
    </svg>
  );
});

function viewBox(graph: FlowGraph): string {
  if (graph.nodes.length === 0) return `0 0 ${NODE_W + 2 * PAD} ${NODE_H + 2 * PAD}`;
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - PAD;
  const minY = Math.min(...ys) - PAD;
  const width = Math.max(...xs) + NODE_W + PAD - minX;
  const height = Math.max(...ys) + NODE_H + PAD - minY;
  return `${minX} ${minY} ${width} ${height}`;
}
