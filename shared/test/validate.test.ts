import { describe, expect, test } from 'vitest';
import { createNode, validateFlow, type FlowEdge, type FlowGraph, type FlowNode, type NodeType } from '../src/index.ts';

const at = { x: 0, y: 0 };
const n = (type: NodeType, id: string): FlowNode => createNode(type, id, at);
const e = (source: string, sourceHandle: string, target: string): FlowEdge => ({ id: `${source}.${sourceHandle}->${target}`, source, sourceHandle, target });
const g = (nodes: FlowNode[], edges: FlowEdge[]): FlowGraph => ({ schemaVersion: 2, nodes, edges });
const codes = (graph: FlowGraph) => validateFlow(graph).map((i) => `${i.code}@${i.nodeId ?? i.edgeId ?? ''}`);
const tagged = (id: string): FlowNode => ({ id, type: 'tag', position: at, data: { add: ['t'], remove: [] } });

describe('loops', () => {
  test('a loop through a wait or a wait-for-event is fine', () => {
    expect(codes(g([n('trigger', 't'), n('wait', 'w'), tagged('a')], [e('t', 'next', 'w'), e('w', 'next', 'a'), e('a', 'next', 'w')]))).toEqual([]);
    const waitForEvent = n('waitForEvent', 'x');
    expect(codes(g([n('trigger', 't'), waitForEvent, tagged('a')], [e('t', 'next', 'x'), e('x', 'done', 'a'), e('x', 'timeout', 'a'), e('a', 'next', 'x')]))).toEqual([]);
  });

  test('a loop that never pauses is reported once, on its first node', () => {
    const loop = g([n('trigger', 't'), tagged('a'), tagged('b'), tagged('c')], [e('t', 'next', 'a'), e('a', 'next', 'b'), e('b', 'next', 'c'), e('c', 'next', 'a')]);
    expect(codes(loop)).toEqual(['cycleWithoutWait@a']);
    expect(codes(g([n('trigger', 't'), tagged('a')], [e('t', 'next', 'a'), e('a', 'next', 'a')]))).toEqual(['cycleWithoutWait@a']);
  });

  test('long chains do not overflow the stack', () => {
    const nodes = [n('trigger', 't'), ...Array.from({ length: 20_000 }, (_, i) => tagged(`n${i}`))];
    const edges = nodes.slice(1).map((node, i) => e(nodes[i]!.id, 'next', node.id));
    expect(validateFlow(g(nodes, edges))).toEqual([]);
  });
});

describe('reachability and outputs', () => {
  test('every node must be reachable from some trigger; optional outputs may stay open', () => {
    const branch = n('branch', 'b');
    if (branch.type === 'branch') branch.data.cases[0]!.condition = { kind: 'tag', tagId: 't', has: true };
    expect(codes(g([n('trigger', 't'), branch, n('end', 'x'), n('end', 'island')], [e('t', 'next', 'b'), e('b', 'else', 'x')]))).toEqual(['unreachableNode@island']);
  });

  test('a wait must lead somewhere, a wait-for-event must say what happens on done', () => {
    expect(codes(g([n('trigger', 't'), n('wait', 'w')], [e('t', 'next', 'w')]))).toEqual(['outputNotConnected@w']);
    expect(codes(g([n('trigger', 't'), n('waitForEvent', 'x')], [e('t', 'next', 'x')]))).toEqual(['outputNotConnected@x']);
  });

  test('unknown references are only checked with a catalogue, empty choices always', () => {
    const start = n('scenarioControl', 's');
    expect(codes(g([n('trigger', 't'), start], [e('t', 'next', 's')]))).toEqual(['missingValue@s']);
  });
});
