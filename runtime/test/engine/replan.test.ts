import type { NodeData } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import type { RunState } from '../../src/engine/types.ts';
import { entered, friend, graph, manualTrigger, run, sentTexts, text } from './support.ts';

// 「予約日の3日前 18:00」 follows 予約日: a fieldChanged event re-plans a run parked at the wait.
// Tokyo (UTC+9). The run entered on 2026-03-01 with 予約日 2026-03-20 → wake 2026-03-17 18:00 JST.

const reminder: NodeData<'wait'> = { mode: 'relativeToField', fieldId: 'booking', offsetDays: -3, time: '18:00' };
const g = graph(
  [['t', 'trigger', manualTrigger], ['w', 'wait', reminder], ['s', 'send', text('明日はセミナーです')], ['skip', 'send', text('日付なし')]],
  ['t:next -> w', 'w:next -> s', 'w:skipped -> skip'],
);
const parked = (): RunState => {
  const { state } = run({ graph: g, friend: friend({ fields: { booking: '2026-03-20' } }), now: '2026-03-01T00:00:00Z' });
  expect(state).toMatchObject({ status: 'waiting', currentNodeId: 'w', wakeAt: '2026-03-17T09:00:00.000Z' });
  return state;
};

describe('a date wait re-plans when its field changes', () => {
  test.each<[string, unknown, string, string | 'skipped' | 'unchanged']>([
    ['moved later', '2026-03-27', '2026-03-05T00:00:00Z', '2026-03-24T09:00:00.000Z'],
    ['moved earlier', '2026-03-10', '2026-03-05T00:00:00Z', '2026-03-07T09:00:00.000Z'],
    ['moved so the reminder is in the past', '2026-03-06', '2026-03-05T00:00:00Z', 'skipped'],
    ['moved to today-ish: 18:00 already passed', '2026-03-08', '2026-03-05T10:00:00Z', 'skipped'],
    ['cleared', null, '2026-03-05T00:00:00Z', 'skipped'],
    ['set to something that is not a date', 'next week', '2026-03-05T00:00:00Z', 'skipped'],
    ['saved again unchanged', '2026-03-20', '2026-03-05T00:00:00Z', 'unchanged'],
  ])('%s', (_name, value, now, expected) => {
    const state = parked();
    const fields = value === null ? {} : { booking: value };
    const result = run({ graph: g, state, event: { kind: 'fieldChanged', fieldIds: ['booking'] }, friend: friend({ fields }), now });
    if (expected === 'unchanged') {
      expect(result.state).toBe(state);
      expect(result.effects).toEqual([]);
    } else if (expected === 'skipped') {
      expect(entered(result.effects)).toEqual(['skip']);
      expect(sentTexts(result.effects)).toEqual(['日付なし']);
      expect(result.state.status).toBe('finished');
    } else {
      // Same visit (no enteredNode, no send), a new moment and a wake-up for it.
      expect(result.state).toEqual({ ...state, wakeAt: expected });
      expect(result.effects).toEqual([{ kind: 'scheduleWake', at: expected }]);
    }
  });

  test('a change to another field, or a run parked elsewhere, is not a reason to move', () => {
    const state = parked();
    const other = run({ graph: g, state, event: { kind: 'fieldChanged', fieldIds: ['rank'] }, friend: friend({ fields: { booking: '2026-03-27' } }), now: '2026-03-05T00:00:00Z' });
    expect(other.state).toBe(state);
    const dayAt = graph([['t', 'trigger', manualTrigger], ['w', 'wait', { mode: 'dayAt', days: 1, time: '10:00' }]], ['t:next -> w']);
    const waiting = run({ graph: dayAt, now: '2026-03-01T00:00:00Z' }).state;
    expect(run({ graph: dayAt, state: waiting, event: { kind: 'fieldChanged', fieldIds: ['booking'] }, now: '2026-03-01T01:00:00Z' }).state).toBe(waiting);
  });

  test('a run held by a block does not re-plan (it is re-planned from its wake on return)', () => {
    const held: RunState = { ...parked(), status: 'held' };
    expect(run({ graph: g, state: held, event: { kind: 'fieldChanged', fieldIds: ['booking'] }, friend: friend({ fields: {} }), now: '2026-03-05T00:00:00Z' }).state).toBe(held);
  });

  test('the old wake is stale after a re-plan: waking at the old instant does nothing', () => {
    const moved = run({ graph: g, state: parked(), event: { kind: 'fieldChanged', fieldIds: ['booking'] }, friend: friend({ fields: { booking: '2026-03-27' } }), now: '2026-03-05T00:00:00Z' }).state;
    const early = run({ graph: g, state: moved, event: { kind: 'wake', at: '2026-03-17T09:00:00.000Z' }, now: '2026-03-17T09:00:00Z' });
    expect(early.state).toBe(moved);
    const due = run({ graph: g, state: moved, event: { kind: 'wake', at: '2026-03-24T09:00:00.000Z' }, now: '2026-03-24T09:00:00Z' });
    expect(sentTexts(due.effects)).toEqual(['明日はセミナーです']);
  });
});
