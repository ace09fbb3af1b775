import { nodeOutputs, nodeKinds, parseFlowGraph, type FlowEdge, type FlowGraph, type FlowNode, type NodeData } from '@lsb/shared';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { initialRunState, parseRunState, step, storedRunState } from '../../src/engine/step.ts';
import type { EngineEvent, FriendActivity, RunState } from '../../src/engine/types.ts';
import { applyToFriend, friend } from './support.ts';

// Whatever the graph — including drafts the validator would refuse, with instant cycles and
// dangling outputs — and whatever order events arrive in, a step terminates, enters each node at
// most once, and leaves a state that parses back and is consistent with its effects.

const tagId = fc.constantFrom('a', 'b');
const nodeData = fc.oneof(
  fc.record({ mode: fc.constant('elapsed' as const), amount: fc.integer({ min: 1, max: 3 }), unit: fc.constantFrom('minutes' as const, 'hours' as const, 'days' as const) }).map((d) => ['wait', d] as const),
  fc.record({ mode: fc.constant('relativeToField' as const), fieldId: fc.constant('d'), offsetDays: fc.integer({ min: -2, max: 2 }), time: fc.constant('10:00') }).map((d) => ['wait', d] as const),
  fc.constantFrom<NodeData<'waitForEvent'>>({ event: 'replied', timeout: { amount: 1, unit: 'days' } }, { event: 'tagAdded', tagId: 'a', timeout: { amount: 2, unit: 'hours' } }).map((d) => ['waitForEvent', d] as const),
  fc.array(tagId, { maxLength: 2 }).map((tags) => ['branch', { cases: tags.map((t, i) => ({ id: `c${i}`, label: '', condition: { kind: 'tag' as const, tagId: t, has: true } })) }] as const),
  fc.record({ add: fc.array(tagId, { maxLength: 2 }), remove: fc.array(tagId, { maxLength: 2 }) }).map((d) => ['tag', d] as const),
  fc.constant(['send', { messages: [{ type: 'text' as const, text: '{name} {field:n|0}' }] }] as const),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([x, y]) => ['randomSplit', { branches: [{ id: 'x', label: '', weight: x }, { id: 'y', label: '', weight: y }] }] as const),
  fc.constant(['setField', { op: 'increment' as const, fieldId: 'n', by: 1 }] as const),
  fc.constant(['scenarioControl', { action: 'start' as const, scenarioId: 's2' }] as const),
  fc.constant(['end', {}] as const),
);

const graphArb = fc
  .array(nodeData, { minLength: 1, maxLength: 10 })
  .chain((rows) => {
    const nodes = [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: nodeKinds.trigger.defaults() },
      ...rows.map(([type, data], i) => ({ id: `n${i}`, type, position: { x: 0, y: 0 }, data })),
    ] as FlowNode[];
    const handles = nodes.flatMap((n) => nodeOutputs(n).map((o) => [n.id, o.id] as const));
    // Each output leads to some non-trigger node (self-loops included) or nowhere.
    return fc.tuple(fc.constant(nodes), fc.array(fc.option(fc.integer({ min: 1, max: rows.length })), { minLength: handles.length, maxLength: handles.length })).map(([ns, targets]) => {
      const edges: FlowEdge[] = handles.flatMap(([source, sourceHandle], i) => {
        const t = targets[i];
        return t === null || t === undefined ? [] : [{ id: `e${i}`, source, sourceHandle, target: `n${t - 1}` }];
      });
      const parsed = parseFlowGraph({ schemaVersion: 1, nodes: ns, edges });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return parsed.graph;
    });
  });

const activity = fc.constantFrom<FriendActivity>({ kind: 'replied', text: 'hi' }, { kind: 'tagAdded', tagId: 'a' }, { kind: 'linkClicked', linkId: 'L' });
const eventArb = fc.oneof(
  fc.constant<'wake'>('wake'),
  fc.constant<'staleWake'>('staleWake'),
  activity.map((a): EngineEvent => ({ kind: 'activity', activity: a })),
  fc.constant<EngineEvent>({ kind: 'start', triggerNodeId: 't' }),
);

function checkStep(g: FlowGraph, before: RunState, result: ReturnType<typeof step>, now: Date): void {
  const { state, effects } = result;
  const entries = effects.filter((e) => e.kind === 'enteredNode');
  expect(entries.length).toBeLessThanOrEqual(g.nodes.length);
  expect(new Set(entries.map((e) => e.nodeId)).size).toBe(entries.length);
  for (const e of entries) expect(e.visit).toBe((before.visits[e.nodeId] ?? 0) + 1);
  expect(parseRunState(JSON.parse(JSON.stringify(storedRunState(state))), state.status)).toEqual(state);
  if (state.status === 'waiting') {
    const node = g.nodes.find((n) => n.id === state.currentNodeId);
    expect(['wait', 'waitForEvent']).toContain(node?.type);
    expect(Date.parse(state.wakeAt ?? '')).toBeGreaterThan(now.getTime());
    if (state !== before) expect(effects.at(-1)).toEqual({ kind: 'scheduleWake', at: state.wakeAt });
  } else if (state.status !== 'running') {
    expect(state).toMatchObject({ currentNodeId: null, wakeAt: null, waitingFor: null });
  }
  // Ignored events hand back the very same state with nothing to apply.
  if (state === before) expect(effects).toEqual([]);
}

test('any graph, any event order: steps terminate and stay consistent', () => {
  fc.assert(
    fc.property(graphArb, fc.array(eventArb, { maxLength: 8 }), fc.nat(), fc.boolean(), (g, events, seed, hasDate) => {
      let who = friend({ fields: hasDate ? { d: '2026-03-12' } : {} });
      let state = initialRunState(seed);
      let now = new Date('2026-03-10T05:00:00Z');
      for (const e of [{ kind: 'start', triggerNodeId: 't' } as EngineEvent, ...events]) {
        let event: EngineEvent;
        if (e === 'wake' || e === 'staleWake') {
          if (state.wakeAt !== null && e === 'wake') now = new Date(state.wakeAt);
          event = { kind: 'wake', at: e === 'wake' ? (state.wakeAt ?? now.toISOString()) : '2000-01-01T00:00:00.000Z' };
        } else event = e;
        const input = { graph: g, state, event, friend: who, timeZone: 'America/New_York', now };
        const result = step(input);
        checkStep(g, state, result, now);
        expect(step(input)).toEqual(result);
        who = applyToFriend(who, result.effects);
        state = result.state;
      }
    }),
    { numRuns: 500 },
  );
});
