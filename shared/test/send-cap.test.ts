import { describe, expect, test } from 'vitest';
import { capPolicyOf, createTranslator, CURRENT_SCHEMA_VERSION, nodeSummary, parseFlowGraph, validateFlow } from '../src/index.ts';

// The send node's message-cap fields: optional, so graphs saved before caps parse and mean "hold".
const t = { ja: createTranslator('ja'), en: createTranslator('en') };
const send = (data: object) => ({ id: 's', type: 'send' as const, position: { x: 0, y: 0 }, data: { messages: [{ type: 'text' as const, text: 'こんにちは' }], ...data } });

describe('send at the message cap', () => {
  test('an old send without the fields parses unchanged and holds at the cap', () => {
    const parsed = parseFlowGraph({ schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [send({})], edges: [] });
    expect(parsed.ok).toBe(true);
    const node = parsed.ok ? parsed.graph.nodes[0]! : undefined;
    expect(node?.type === 'send' && node.data).toEqual({ messages: [{ type: 'text', text: 'こんにちは' }] });
    expect(node?.type === 'send' && capPolicyOf(node.data)).toBe('hold');
  });

  test('always deliver wins over the over-cap choice', () => {
    expect(capPolicyOf({ messages: [], overCap: 'skip' })).toBe('skip');
    expect(capPolicyOf({ messages: [], overCap: 'skip', alwaysDeliver: true })).toBe('always');
  });

  test('a wrong over-cap value is a structural issue', () => {
    const parsed = parseFlowGraph({ schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [send({ overCap: 'later' })], edges: [] });
    expect(parsed.ok).toBe(false);
  });

  test('the card says when a send leaves the default, in ja and en', () => {
    expect(nodeSummary(send({}), t.ja)).toBe('こんにちは');
    expect(nodeSummary(send({ alwaysDeliver: true }), t.ja)).toBe('こんにちは（配信上限を無視）');
    expect(nodeSummary(send({ overCap: 'skip' }), t.ja)).toBe('こんにちは（上限超過時はスキップ）');
    expect(nodeSummary(send({ overCap: 'skip' }), t.en)).toBe('こんにちは (skipped when over the cap)');
    expect(nodeSummary(send({ alwaysDeliver: true, delivery: { mode: 'off' } }), t.en)).toContain('(ignores the message cap)');
  });

  test('the fields do not change whether a graph is publishable', () => {
    const graph = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
        send({ alwaysDeliver: true, overCap: 'skip' }),
      ],
      edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 's' }],
    };
    const parsed = parseFlowGraph(graph);
    expect(parsed.ok && validateFlow(parsed.graph)).toEqual([]);
  });
});
