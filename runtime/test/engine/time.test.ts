import type { NodeData } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import { friend, graph, journey, manualTrigger, run, text } from './support.ts';

// Wall-clock waits go through the engine with a fixed `now` and a real zone: the expected instants
// below were worked out by hand from each zone's rules for 2026.
//   America/New_York: EST (-05) → EDT (-04) on Sun 8 March 02:00.
//   Europe/Berlin: CET (+01) → CEST (+02) on Sun 29 March 02:00, back on Sun 25 October 03:00.

function waitGraph(data: NodeData<'wait'>) {
  return graph([['t', 'trigger', manualTrigger], ['w', 'wait', data], ['s', 'send', text('x')], ['skip', 'send', text('skipped')]], [
    't:next -> w',
    'w:next -> s',
    'w:skipped -> skip',
  ]);
}

const weekdays = [1, 2, 3, 4, 5];

describe('wait: when the run wakes', () => {
  test.each<[string, NodeData<'wait'>, string, string, string]>([
    ['Tokyo, 1 day later at 10:00', { mode: 'dayAt', days: 1, time: '10:00' }, 'Asia/Tokyo', '2026-03-10T05:00:00Z', '2026-03-11T01:00:00.000Z'],
    ['Tokyo, same day at 10:00 after 10:00 is tomorrow', { mode: 'dayAt', days: 0, time: '10:00' }, 'Asia/Tokyo', '2026-03-10T05:00:00Z', '2026-03-11T01:00:00.000Z'],
    ['Tokyo, same day at 20:00 before 20:00 is today', { mode: 'dayAt', days: 0, time: '20:00' }, 'Asia/Tokyo', '2026-03-10T05:00:00Z', '2026-03-10T11:00:00.000Z'],
    ['New York, 1 day at 10:00 across spring forward', { mode: 'dayAt', days: 1, time: '10:00' }, 'America/New_York', '2026-03-07T20:00:00Z', '2026-03-08T14:00:00.000Z'],
    ['New York, elapsed 1 day keeps 10:00 across spring forward (23 h)', { mode: 'elapsed', amount: 1, unit: 'days' }, 'America/New_York', '2026-03-07T15:00:00Z', '2026-03-08T14:00:00.000Z'],
    ['New York, elapsed 24 hours is 24 real hours', { mode: 'elapsed', amount: 24, unit: 'hours' }, 'America/New_York', '2026-03-07T15:00:00Z', '2026-03-08T15:00:00.000Z'],
    ['New York, 02:30 on the spring-forward night does not exist: 03:30 EDT', { mode: 'dayAt', days: 1, time: '02:30' }, 'America/New_York', '2026-03-07T15:00:00Z', '2026-03-08T07:30:00.000Z'],
    ['Berlin, elapsed 1 day keeps 10:00 across fall back (25 h)', { mode: 'elapsed', amount: 1, unit: 'days' }, 'Europe/Berlin', '2026-10-24T08:00:00Z', '2026-10-25T09:00:00.000Z'],
    ['Berlin, 3 days at 09:00 across spring forward', { mode: 'dayAt', days: 3, time: '09:00' }, 'Europe/Berlin', '2026-03-27T11:00:00Z', '2026-03-30T07:00:00.000Z'],
    [
      'Tokyo, window 09:00–20:00 on weekdays: Friday 21:00 defers to Monday 09:00',
      { mode: 'elapsed', amount: 2, unit: 'hours', windows: [{ days: weekdays, from: '09:00', to: '20:00' }] },
      'Asia/Tokyo',
      '2026-03-13T10:00:00Z',
      '2026-03-16T00:00:00.000Z',
    ],
    [
      'Tokyo, a wake-up inside the window is not moved',
      { mode: 'elapsed', amount: 2, unit: 'hours', windows: [{ days: weekdays, from: '09:00', to: '20:00' }] },
      'Asia/Tokyo',
      '2026-03-13T01:00:00Z',
      '2026-03-13T03:00:00.000Z',
    ],
    [
      'Berlin, window deferral lands after the fall-back change (CET)',
      { mode: 'dayAt', days: 0, time: '22:00', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '18:00' }] },
      'Europe/Berlin',
      '2026-10-24T12:00:00Z',
      '2026-10-25T08:00:00.000Z',
    ],
  ])('%s', (_, data, timeZone, now, wakeAt) => {
    const { state, effects } = run({ graph: waitGraph(data), timeZone, now });
    expect(state).toMatchObject({ status: 'waiting', currentNodeId: 'w', wakeAt });
    expect(effects.at(-1)).toEqual({ kind: 'scheduleWake', at: wakeAt });
  });
});

describe('wait relative to a date field (3 days before 予約日 at 10:00)', () => {
  const data: NodeData<'wait'> = { mode: 'relativeToField', fieldId: 'booking', offsetDays: -3, time: '10:00' };

  test.each<[string, Record<string, unknown>, string | null]>([
    ['a future date waits until 3 days before it', { booking: '2026-03-20' }, '2026-03-17T01:00:00.000Z'],
    ['an empty field leaves through skipped', {}, null],
    ['a cleared field leaves through skipped', { booking: null }, null],
    ['a moment already passed leaves through skipped', { booking: '2026-03-12' }, null],
    ['a value that is not a date leaves through skipped', { booking: 'next week' }, null],
  ])('%s', (_, fields, wakeAt) => {
    const { state, effects } = run({ graph: waitGraph(data), friend: friend({ fields }), now: '2026-03-10T05:00:00Z' });
    if (wakeAt) expect(state).toMatchObject({ status: 'waiting', wakeAt });
    else expect(effects.map((e) => (e.kind === 'enteredNode' ? e.nodeId : e.kind))).toEqual(['t', 'w', 'skip', 'send']);
  });

  test('a date written upstream in the same step is the one waited for', () => {
    const g = graph(
      [['t', 'trigger', manualTrigger], ['save', 'setField', { op: 'set', fieldId: 'booking', value: '2026-04-01' }], ['w', 'wait', data], ['s', 'send', text('x')]],
      ['t:next -> save', 'save:next -> w', 'w:next -> s'],
    );
    expect(run({ graph: g, now: '2026-03-10T05:00:00Z' }).state.wakeAt).toBe('2026-03-29T01:00:00.000Z');
  });
});

test('wait-for-event timeout in days keeps the wall-clock time across a DST change', () => {
  const g = graph([['t', 'trigger', manualTrigger], ['e', 'waitForEvent', { event: 'replied', timeout: { amount: 3, unit: 'days' } }]], ['t:next -> e']);
  expect(run({ graph: g, timeZone: 'Europe/Berlin', now: '2026-03-27T11:00:00Z' }).state.wakeAt).toBe('2026-03-30T10:00:00.000Z');
});

test('a daily 10:00 loop in New York stays at 10:00 local through the DST change', () => {
  const g = graph([['t', 'trigger', manualTrigger], ['w', 'wait', { mode: 'dayAt', days: 1, time: '10:00' }], ['s', 'send', text('おはようございます')]], [
    't:next -> w',
    'w:next -> s',
    's:next -> w',
  ]);
  const { deliveries } = journey(g, { startAt: '2026-03-06T15:00:00Z', timeZone: 'America/New_York', limit: 4 });
  expect(deliveries.map((d) => d.at)).toEqual(['2026-03-07T15:00:00.000Z', '2026-03-08T14:00:00.000Z', '2026-03-09T14:00:00.000Z']);
});
