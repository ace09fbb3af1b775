import { describe, expect, it } from 'vitest';
import { createTranslator, CURRENT_SCHEMA_VERSION, formatIssue, type FlowEdge, type FlowNode } from '@lsb/shared';
import { clampMenu, MENU_MARGIN } from '../src/canvas/menuPosition.ts';
import { readableIssue } from '../src/canvas/readableIssue.ts';
import { graphToCanvas } from '../src/store/convert.ts';
import { tidyPositions } from '../src/store/layout.ts';

const at = { x: 0, y: 0 };
const send = (id: string, text = id): FlowNode => ({ id, type: 'send', position: at, data: { messages: [{ type: 'text', text }] } });
const edge = (source: string, sourceHandle: string, target: string): FlowEdge => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target });

/** Two connections between the same two rows never cross. */
function expectNoCrossings(p: Map<string, { x: number; y: number }>, edges: FlowEdge[]) {
  for (const a of edges) {
    for (const b of edges) {
      const [sa, ta, sb, tb] = [p.get(a.source)!, p.get(a.target)!, p.get(b.source)!, p.get(b.target)!];
      if (sa.y !== sb.y || ta.y !== tb.y) continue;
      expect((sa.x - sb.x) * (ta.x - tb.x), `${a.id} × ${b.id}`).toBeGreaterThanOrEqual(0);
    }
  }
}

function layout(nodes: FlowNode[], edges: FlowEdge[]) {
  const canvas = graphToCanvas({ schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges });
  return tidyPositions(canvas.nodes, canvas.edges);
}

describe('tidy layout keeps outputs in order', () => {
  const drawn = [['in output order', (e: FlowEdge[]) => e], ['in reverse', (e: FlowEdge[]) => [...e].reverse()]] as const;

  it.each(drawn)('lays a branch’s cases and それ以外 left to right in output order (arms drawn %s)', (_how, arrange) => {
    const nodes: FlowNode[] = [
      { id: 't', type: 'trigger', position: at, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      {
        id: 'b', type: 'branch', position: at,
        data: { cases: [
          { id: 'c1', label: '1', condition: { kind: 'and', conditions: [] } },
          { id: 'c2', label: '2', condition: { kind: 'and', conditions: [] } },
        ] },
      },
      send('first'), send('first2'), send('second'), send('other'), send('other2'), send('other3'),
    ];
    // The deepest arm on the otherwise side.
    const edges = arrange([
      edge('t', 'next', 'b'), edge('b', 'c1', 'first'), edge('first', 'next', 'first2'), edge('b', 'c2', 'second'),
      edge('b', 'else', 'other'), edge('other', 'next', 'other2'), edge('other2', 'next', 'other3'),
    ]);
    const p = layout(nodes, edges);
    const x = (id: string) => p.get(id)!.x;
    expect(x('first')).toBeLessThan(x('second'));
    expect(x('second')).toBeLessThan(x('other'));
    // Each arm keeps what hangs below it under it.
    expect(x('first2')).toBe(x('first'));
    expect(x('other3')).toBe(x('other'));
    expectNoCrossings(p, edges);
  });

  it.each(drawn)('lays a random split’s arms A, B, C left to right, also when later arms merge (arms drawn %s)', (_how, arrange) => {
    const nodes: FlowNode[] = [
      { id: 't', type: 'trigger', position: at, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'r', type: 'randomSplit', position: at, data: { branches: [{ id: 'a', label: 'A', weight: 34 }, { id: 'b', label: 'B', weight: 33 }, { id: 'c', label: 'C', weight: 33 }] } },
      send('A'), send('B'), send('C'), send('A2'), send('merge'),
    ];
    const edges = arrange([
      edge('t', 'next', 'r'), edge('r', 'a', 'A'), edge('r', 'b', 'B'), edge('r', 'c', 'C'), edge('A', 'next', 'A2'),
      edge('B', 'next', 'merge'), edge('C', 'next', 'merge'),
    ]);
    const p = layout(nodes, edges);
    const x = (id: string) => p.get(id)!.x;
    expect(x('A')).toBeLessThan(x('B'));
    expect(x('B')).toBeLessThan(x('C'));
    expect(x('A2')).toBe(x('A'));
    expectNoCrossings(p, edges);
    // Nothing overlaps on a row after the arms moved.
    const rows = new Map<number, number[]>();
    for (const [, point] of p) rows.set(point.y, [...(rows.get(point.y) ?? []), point.x]);
    for (const xs of rows.values()) {
      const sorted = [...xs].sort((a, b) => a - b);
      sorted.forEach((value, i) => i > 0 && expect(value - sorted[i - 1]!).toBeGreaterThanOrEqual(260));
    }
  });
});

describe('the "+" insert menu opens inside the window', () => {
  const viewport = { width: 1366, height: 768 };
  const menu = { width: 214, height: 420 };

  it.each([
    ['in the middle: at the pointer', { x: 500, y: 200 }, { left: 500, top: 200 }],
    ['near the right edge: to the left', { x: 1360, y: 200 }, { left: 1366 - 214 - MENU_MARGIN, top: 200 }],
    ['near the bottom: upwards', { x: 500, y: 760 }, { left: 500, top: 768 - 420 - MENU_MARGIN }],
    ['in the bottom-right corner: both', { x: 1366, y: 768 }, { left: 1366 - 214 - MENU_MARGIN, top: 768 - 420 - MENU_MARGIN }],
    ['left of or above the window: pulled in', { x: -40, y: -10 }, { left: MENU_MARGIN, top: MENU_MARGIN }],
  ])('%s', (_name, anchor, expected) => {
    const placed = clampMenu(anchor, menu, viewport);
    expect(placed).toMatchObject(expected);
    expect(placed.left + menu.width).toBeLessThanOrEqual(viewport.width);
    expect(placed.top + Math.min(menu.height, placed.maxHeight)).toBeLessThanOrEqual(viewport.height);
  });

  it('caps a menu taller than the window to the window (it scrolls inside)', () => {
    const placed = clampMenu({ x: 10, y: 300 }, { width: 214, height: 900 }, { width: 800, height: 500 });
    expect(placed).toEqual({ left: 10, top: MENU_MARGIN, maxHeight: 500 - 2 * MENU_MARGIN });
  });
});

describe('issues name nodes as the canvas does, never by id', () => {
  const nodes = graphToCanvas({ schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [send('n-7f3a', 'ようこそ')], edges: [] }).nodes;

  it('a node id becomes the node’s kind and summary', () => {
    const issue = { code: 'duplicateNodeId', messageKey: 'flowIssue.duplicateNodeId', params: { id: 'n-7f3a' } } as const;
    const ja = createTranslator('ja');
    const text = formatIssue(readableIssue(issue, nodes, undefined, ja, '削除済み'), ja);
    expect(text).toContain('メッセージ送信「ようこそ」');
    expect(text).not.toContain('n-7f3a');
  });

  it('the id of something deleted reads as deleted', () => {
    const issue = { code: 'unknownTag', messageKey: 'flowIssue.unknownTag', nodeId: 'n-7f3a', params: { id: '0b5e6c1e-1111-4222-8333-944444444444' } } as const;
    const [ja, en] = [createTranslator('ja'), createTranslator('en')];
    expect(formatIssue(readableIssue(issue, nodes, undefined, ja, '削除済み'), ja)).toBe('存在しないタグ（削除済み）を参照しています。');
    expect(formatIssue(readableIssue(issue, nodes, undefined, en, 'deleted'), en)).toBe('Refers to a tag that does not exist (deleted).');
  });
});
