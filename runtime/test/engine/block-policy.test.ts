import type { NodeData } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import type { RunState } from '../../src/engine/types.ts';
import { graph, run, text } from './support.ts';

const trigger = (onBlock?: 'hold' | 'end'): NodeData<'trigger'> => ({ trigger: { kind: 'manual' }, reentry: 'everyTime', ...(onBlock ? { onBlock } : {}) });
const flow = (onBlock?: 'hold' | 'end') => graph(
  [['t', 'trigger', trigger(onBlock)], ['w', 'wait', { mode: 'dayAt', days: 1, time: '10:00' }], ['s', 'send', text('x')]],
  ['t:next -> w', 'w:next -> s'],
);

describe('what a block does to a run, as its trigger says', () => {
  test.each<[string, 'hold' | 'end' | undefined, RunState['status']]>([
    ['absent (graphs saved before the policy): hold', undefined, 'held'],
    ['hold', 'hold', 'held'],
    ['end', 'end', 'stopped'],
  ])('%s', (_name, onBlock, status) => {
    const g = flow(onBlock);
    const waiting = run({ graph: g, now: '2026-03-01T00:00:00Z' }).state;
    const result = run({ graph: g, state: waiting, event: { kind: 'blocked' }, now: '2026-03-01T01:00:00Z' });
    expect(result.state.status).toBe(status);
    if (status === 'held') {
      expect(result.state).toEqual({ ...waiting, status: 'held' });
      expect(result.effects).toEqual([]);
    } else {
      expect(result.state).toMatchObject({ currentNodeId: null, wakeAt: null });
      expect(result.effects).toEqual([{ kind: 'runStopped', reason: 'blocked', nodeId: 'w' }]);
    }
  });

  test('a run already over or held is left alone', () => {
    const g = flow('end');
    const waiting = run({ graph: g, now: '2026-03-01T00:00:00Z' }).state;
    const held: RunState = { ...waiting, status: 'held' };
    expect(run({ graph: g, state: held, event: { kind: 'blocked' }, now: '2026-03-01T01:00:00Z' }).state).toBe(held);
  });
});
