import type { NodeData } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import type { CapFact } from '../../src/engine/cap.ts';
import { friend, graph, manualTrigger, run, sentTexts, text } from './support.ts';

// The send node at the message cap (配信上限), pure: the friend's count as the step begins, the
// sends of the same step counted too. Tokyo; 2026-04-08 is a Wednesday, 12:00 JST below.
const NOW = '2026-04-08T03:00:00Z';
const capped = (cap: CapFact) => ({ ...friend(), cap });
const three = (second: Partial<NodeData<'send'>> = {}) => graph(
  [['t', 'trigger', manualTrigger], ['a', 'send', text('A')], ['b', 'send', { ...text('B'), ...second }], ['c', 'send', text('C')]],
  ['t:next -> a', 'a:next -> b', 'b:next -> c'],
);

describe('send at the message cap', () => {
  test('no cap: everything goes', () => {
    expect(sentTexts(run({ graph: three(), now: NOW }).effects)).toEqual(['A', 'B', 'C']);
  });

  test('per day, counting the sends of this step: the run waits at the first send over the cap until tomorrow 00:00', () => {
    const result = run({ graph: three(), now: NOW, friend: capped({ perDay: 3, perWeek: null, today: 1, thisWeek: 1 }) });
    expect(sentTexts(result.effects)).toEqual(['A', 'B']);
    expect(result.state).toMatchObject({ status: 'waiting', currentNodeId: 'c', wakeAt: '2026-04-08T15:00:00.000Z', waitingFor: null });
    expect(result.effects).toContainEqual({ kind: 'sendCapped', nodeId: 'c', outcome: 'held', until: '2026-04-08T15:00:00.000Z' });
  });

  test('per week full: waits until next Monday 00:00 in the zone', () => {
    const result = run({ graph: three(), now: NOW, friend: capped({ perDay: 5, perWeek: 7, today: 0, thisWeek: 7 }) });
    expect(sentTexts(result.effects)).toEqual([]);
    expect(result.state.wakeAt).toBe('2026-04-12T15:00:00.000Z');
  });

  test('the wake re-enters the send, which goes when the count allows', () => {
    const held = run({ graph: three(), now: NOW, friend: capped({ perDay: 1, perWeek: null, today: 1, thisWeek: 1 }) });
    expect(held.state.currentNodeId).toBe('a');
    const next = run({ graph: three(), state: held.state, event: { kind: 'wake' }, now: '2026-04-08T15:00:00Z', friend: capped({ perDay: 1, perWeek: null, today: 0, thisWeek: 1 }) });
    expect(sentTexts(next.effects)).toEqual(['A']);
    expect(next.state.currentNodeId).toBe('b');
  });

  test('always deliver goes over the cap (and counts); skip goes on without sending', () => {
    const always = run({ graph: three({ alwaysDeliver: true }), now: NOW, friend: capped({ perDay: 1, perWeek: null, today: 1, thisWeek: 1 }) });
    expect(sentTexts(always.effects)).toEqual([]);
    expect(always.state.currentNodeId).toBe('a');
    const skipThenHold = run({ graph: three({ overCap: 'skip' }), now: NOW, friend: capped({ perDay: 1, perWeek: null, today: 0, thisWeek: 0 }) });
    expect(sentTexts(skipThenHold.effects)).toEqual(['A']);
    expect(skipThenHold.effects).toContainEqual({ kind: 'sendCapped', nodeId: 'b', outcome: 'skipped' });
    expect(skipThenHold.state.currentNodeId).toBe('c');
    const sendEffects = run({ graph: three({ alwaysDeliver: true }), now: NOW, friend: capped({ perDay: 1, perWeek: null, today: 0, thisWeek: 0 }) }).effects
      .filter((e) => e.kind === 'send');
    expect(sendEffects.map((e) => e.kind === 'send' && e.capPolicy)).toEqual([undefined, 'always']);
  });
});
