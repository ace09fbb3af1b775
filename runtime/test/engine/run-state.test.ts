import { describe, expect, test } from 'vitest';
import { initialRunState, parseRunState, RunStateError, storedRunState } from '../../src/engine/step.ts';
import type { RunState } from '../../src/engine/types.ts';
import { graph, journey, manualTrigger, text } from './support.ts';

const waiting: RunState = {
  currentNodeId: 'ask',
  status: 'waiting',
  wakeAt: '2026-03-13T05:00:00.000Z',
  visits: { t: 1, ask: 1 },
  seed: 99,
  waitingFor: { event: 'postback', data: 'book' },
};

describe('parseRunState', () => {
  test('a state survives a round trip through JSON', () => {
    expect(parseRunState(JSON.parse(JSON.stringify(storedRunState(waiting))), 'waiting')).toEqual(waiting);
    expect(parseRunState(JSON.parse(JSON.stringify(storedRunState(initialRunState(7)))), 'running')).toEqual(initialRunState(7));
  });

  test('the stored JSON holds no status: runs.status is its only home, and a status left in old JSON is ignored', () => {
    expect(storedRunState(waiting)).not.toHaveProperty('status');
    expect(parseRunState({ ...waiting, status: 'waiting' }, 'held')).toEqual({ ...waiting, status: 'held' });
  });

  test('every state a journey produces parses back to itself', () => {
    const g = graph(
      [['t', 'trigger', manualTrigger], ['e', 'waitForEvent', { event: 'linkClicked', timeout: { amount: 1, unit: 'days' } }], ['w', 'wait', { mode: 'dayAt', days: 1, time: '10:00' }], ['s', 'send', text('x')]],
      ['t:next -> e', 'e:timeout -> w', 'w:next -> s'],
    );
    const { state } = journey(g, { startAt: '2026-03-10T05:00:00Z', limit: 1 });
    expect(parseRunState(JSON.parse(JSON.stringify(storedRunState(state))), state.status)).toEqual(state);
  });

  test('a state stored before waitingFor existed reads as not waiting for an event', () => {
    const { waitingFor: _, ...old } = waiting;
    expect(parseRunState(old, 'waiting')).toEqual({ ...waiting, waitingFor: null });
  });

  test('unknown properties are dropped, at the top and inside waitingFor', () => {
    const parsed = parseRunState({ ...waiting, extra: 1, waitingFor: { event: 'replied', sneaky: true } }, 'waiting');
    expect(parsed).toEqual({ ...waiting, waitingFor: { event: 'replied' } });
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a wake time that is not an instant', { ...waiting, wakeAt: 'tomorrow' }],
    ['a negative visit count', { ...waiting, visits: { t: -1 } }],
    ['a fractional visit count', { ...waiting, visits: { t: 1.5 } }],
    ['a seed out of 32-bit range', { ...waiting, seed: 2 ** 32 }],
    ['a missing seed', { ...waiting, seed: undefined }],
    ['an empty node id', { ...waiting, currentNodeId: '' }],
    ['an unknown waited event', { ...waiting, waitingFor: { event: 'teleported' } }],
  ])('refuses %s', (_, json) => {
    expect(() => parseRunState(json, 'waiting')).toThrow(RunStateError);
  });
});

test('initialRunState keeps the seed within 32 bits', () => {
  expect(initialRunState(-1).seed).toBe(0xffff_ffff);
  expect(initialRunState(2 ** 32 + 5).seed).toBe(5);
});
