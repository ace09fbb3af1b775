import type { NodeType } from '../nodes/node-type.ts';

// A template's picture: its graph drawn small from node positions, as an SVG document. Pure and
// deterministic, so the library (runtime) and the editor show the same picture without storing one.

export const THUMBNAIL_WIDTH = 160;
export const THUMBNAIL_HEIGHT = 100;
const NODE_W = 180;
const NODE_H = 60;
const PAD = 20;

const COLOURS: Record<NodeType, string> = {
  trigger: '#06c755', wait: '#f5a623', waitForEvent: '#f5a623', branch: '#7b61ff', tag: '#2d9cdb', send: '#1a73e8',
  randomSplit: '#7b61ff', setField: '#2d9cdb', scenarioControl: '#eb5757', end: '#888888',
};

interface ThumbnailGraph {
  nodes: readonly { id: string; type: string; position: { x: number; y: number } }[];
  edges: readonly { source: string; target: string }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** An SVG document (160 × 100) with a rounded box per node and a line per edge. */
export function templateThumbnail(graph: ThumbnailGraph): string {
  const nodes = graph.nodes.filter((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y));
  const open = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${THUMBNAIL_WIDTH} ${THUMBNAIL_HEIGHT}" width="${THUMBNAIL_WIDTH}" height="${THUMBNAIL_HEIGHT}">`;
  const background = `<rect width="${THUMBNAIL_WIDTH}" height="${THUMBNAIL_HEIGHT}" fill="#f7f8fa"/>`;
  if (nodes.length === 0) return `${open}${background}</svg>`;
  const minX = Math.min(...nodes.map((n) => n.position.x)) - PAD;
  const minY = Math.min(...nodes.map((n) => n.position.y)) - PAD;
  const maxX = Math.max(...nodes.map((n) => n.position.x + NODE_W)) + PAD;
  const maxY = Math.max(...nodes.map((n) => n.position.y + NODE_H)) + PAD;
  const scale = Math.min(THUMBNAIL_WIDTH / (maxX - minX), THUMBNAIL_HEIGHT / (maxY - minY));
  const offsetX = (THUMBNAIL_WIDTH - (maxX - minX) * scale) / 2;
  const offsetY = (THUMBNAIL_HEIGHT - (maxY - minY) * scale) / 2;
  const x = (v: number) => round(offsetX + (v - minX) * scale);
  const y = (v: number) => round(offsetY + (v - minY) * scale);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const lines = graph.edges.flatMap((e) => {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) return [];
    return [`<line x1="${x(from.position.x + NODE_W / 2)}" y1="${y(from.position.y + NODE_H)}" x2="${x(to.position.x + NODE_W / 2)}" y2="${y(to.position.y)}" stroke="#b0b7c3" stroke-width="1"/>`];
  });
  const boxes = nodes.map((n) => {
    const fill = COLOURS[n.type as NodeType] ?? '#888888';
    return `<rect x="${x(n.position.x)}" y="${y(n.position.y)}" width="${round(NODE_W * scale)}" height="${round(NODE_H * scale)}" rx="${round(8 * scale)}" fill="${fill}"/>`;
  });
  return `${open}${background}${lines.join('')}${boxes.join('')}</svg>`;
}
