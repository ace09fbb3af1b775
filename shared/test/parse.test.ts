import { describe, expect, test } from 'vitest';
import { parseFlowGraph } from '../src/index.ts';

const trigger = { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } };
const end = { id: 'e', type: 'end', position: { x: 0, y: 100 }, data: {} };

describe('parseFlowGraph', () => {
  test('accepts a current graph and drops React Flow UI fields', () => {
    const result = parseFlowGraph({
      schemaVersion: 2,
      nodes: [{ ...trigger, selected: true, measured: { width: 10, height: 10 } }, end],
      edges: [{ id: 'x', source: 't', sourceHandle: 'next', target: 'e', animated: true }],
    });
    expect(result).toEqual({
      ok: true,
      graph: { schemaVersion: 2, nodes: [trigger, end], edges: [{ id: 'x', source: 't', sourceHandle: 'next', target: 'e' }] },
    });
  });

  test('migrates an unversioned React Flow export with null handles', () => {
    const result = parseFlowGraph({ nodes: [trigger, end], edges: [{ id: 'x', source: 't', sourceHandle: null, target: 'e' }] });
    expect(result).toMatchObject({ ok: true, migratedFrom: 0, graph: { schemaVersion: 2, edges: [{ sourceHandle: 'next' }] } });
  });

  test.each([
    [null, 'graphNotObject'],
    [[], 'graphNotObject'],
    ['graph', 'graphNotObject'],
    [{ schemaVersion: 99, nodes: [], edges: [] }, 'unsupportedSchemaVersion'],
    [{ schemaVersion: '1', nodes: [], edges: [] }, 'unsupportedSchemaVersion'],
    [{ schemaVersion: 1, nodes: {}, edges: [] }, 'invalidGraphShape'],
    [{ schemaVersion: 1, nodes: [42], edges: [] }, 'invalidNode'],
    [{ schemaVersion: 1, nodes: [{ ...trigger, type: 'teleport' }], edges: [] }, 'unknownNodeType'],
    [{ schemaVersion: 1, nodes: [{ ...trigger, data: { trigger: { kind: 'keyword' } } }], edges: [] }, 'invalidNodeData'],
    [{ schemaVersion: 1, nodes: [{ ...trigger, position: { x: 'a' } }], edges: [] }, 'invalidNode'],
    [{ schemaVersion: 1, nodes: [], edges: [{ id: 'x', source: 't' }] }, 'invalidEdge'],
  ])('%j → %s', (input, code) => {
    const result = parseFlowGraph(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain(code);
  });

  test('node data issues name the node', () => {
    const result = parseFlowGraph({ schemaVersion: 1, nodes: [{ ...trigger, data: {} }], edges: [] });
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'invalidNodeData', nodeId: 't', messageKey: 'flowIssue.invalidNodeData' }] });
  });
});
