import { describe, expect, test } from 'vitest';
import { createNode, createTranslator, NODE_TYPES, nodeKinds, nodeOutputs, nodeSummary, parseFlowGraph } from '../src/index.ts';

const t = { ja: createTranslator('ja'), en: createTranslator('en') };

describe('node registry', () => {
  test.each(NODE_TYPES)('%s: defaults parse, have labels and distinct outputs', (type) => {
    const node = createNode(type, `n-${type}`, { x: 1, y: 2 });
    expect(node).toMatchObject({ id: `n-${type}`, type, position: { x: 1, y: 2 } });
    const parsed = parseFlowGraph({ schemaVersion: 1, nodes: [node], edges: [] });
    expect(parsed).toMatchObject({ ok: true });
    const kind = nodeKinds[type];
    expect(kind.type).toBe(type);
    expect(t.ja(kind.label)).not.toBe('');
    expect(t.en(kind.label)).not.toBe('');
    const ids = nodeOutputs(node).map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    const summary = { ja: nodeSummary(node, t.ja) };
    expect(typeof summary.ja).toBe('string');
  });

  test('outputs follow the data', () => {
    expect(nodeOutputs(createNode('end', 'e', { x: 0, y: 0 }))).toEqual([]);
    expect(nodeOutputs(createNode('waitForEvent', 'w', { x: 0, y: 0 })).map((o) => o.id)).toEqual(['done', 'timeout']);
    expect(nodeOutputs(createNode('branch', 'b', { x: 0, y: 0 })).map((o) => o.id)).toEqual(['case-1', 'else']);
    expect(nodeOutputs(createNode('randomSplit', 'r', { x: 0, y: 0 })).map((o) => o.id)).toEqual(['a', 'b']);
    const wait = { id: 'w', type: 'wait' as const, position: { x: 0, y: 0 }, data: { mode: 'relativeToField' as const, fieldId: 'f', offsetDays: -3, time: '18:00' } };
    expect(nodeOutputs(wait).map((o) => o.id)).toEqual(['next', 'skipped']);
    expect(nodeSummary(wait, t.ja, { tags: [], fields: [{ id: 'f', name: '予約日', kind: 'date' }], inflowRoutes: [], scenarios: [], links: [] })).toBe('「予約日」の3日前 18:00');
  });
});
