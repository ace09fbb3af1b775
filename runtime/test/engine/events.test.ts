import type { FlowGraph } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import { initialRunState } from '../../src/engine/step.ts';
import type { EngineEvent, FriendActivity, RunState } from '../../src/engine/types.ts';
import { graph, manualTrigger, run, sentTexts, text } from './support.ts';

// Queues deliver at least once and timers race with activities, so most events a run receives are
// ones it must ignore: unchanged state, no effects.

const START = '2026-03-10T05:00:00Z';

/** t → wait for a click on link L (3 days) → done: thanks / timeout: nudge. */
const clickOrNudge = graph(
  [
    ['t', 'trigger', manualTrigger],
    ['ask', 'send', text('こちらをご覧ください')],
    ['click', 'waitForEvent', { event: 'linkClicked', linkId: 'L', timeout: { amount: 3, unit: 'days' } }],
    ['thanks', 'send', text('ありがとうございます')],
    ['nudge', 'send', text('まだご覧になっていませんか？')],
  ],
  ['t:next -> ask', 'ask:next -> click', 'click:done -> thanks', 'click:timeout -> nudge'],
);

const parked = run({ graph: clickOrNudge, now: START }).state;

describe('wait for event', () => {
  test('parks with the timeout scheduled and remembers what it waits for', () => {
    expect(parked).toMatchObject({
      status: 'waiting',
      currentNodeId: 'click',
      wakeAt: '2026-03-13T05:00:00.000Z',
      waitingFor: { event: 'linkClicked', linkId: 'L' },
    });
  });

  test.each<[string, EngineEvent, string[]]>([
    ['the awaited click leaves through done', { kind: 'activity', activity: { kind: 'linkClicked', linkId: 'L' } }, ['ありがとうございます']],
    ['the timeout leaves through timeout', { kind: 'wake', at: '2026-03-13T05:00:00.000Z' }, ['まだご覧になっていませんか？']],
    ['a wake job without its instant is trusted', { kind: 'wake' }, ['まだご覧になっていませんか？']],
  ])('%s', (_, event, texts) => {
    const { state, effects } = run({ graph: clickOrNudge, state: parked, event, now: '2026-03-12T00:00:00Z' });
    expect(sentTexts(effects)).toEqual(texts);
    expect(state).toMatchObject({ status: 'finished', waitingFor: null, wakeAt: null });
  });

  test.each<[string, RunState['waitingFor'], FriendActivity, boolean]>([
    ['any link: a click on any link', { event: 'linkClicked' }, { kind: 'linkClicked', linkId: 'other' }, true],
    ['link L: a click on another link', { event: 'linkClicked', linkId: 'L' }, { kind: 'linkClicked', linkId: 'other' }, false],
    ['reply: any text', { event: 'replied' }, { kind: 'replied', text: 'はい' }, true],
    ['reply: a postback is not a reply', { event: 'replied' }, { kind: 'postback', data: 'x' }, false],
    ['postback with data: the same data', { event: 'postback', data: 'book' }, { kind: 'postback', data: 'book' }, true],
    ['postback with data: other data', { event: 'postback', data: 'book' }, { kind: 'postback', data: 'cancel' }, false],
    ['any postback', { event: 'postback' }, { kind: 'postback', data: 'cancel' }, true],
    ['tag added: that tag', { event: 'tagAdded', tagId: 'T' }, { kind: 'tagAdded', tagId: 'T' }, true],
    ['tag added: another tag', { event: 'tagAdded', tagId: 'T' }, { kind: 'tagAdded', tagId: 'U' }, false],
  ])('matching — %s', (_, waitingFor, activity, moves) => {
    const { state } = run({ graph: clickOrNudge, state: { ...parked, waitingFor }, event: { kind: 'activity', activity }, now: '2026-03-11T00:00:00Z' });
    expect(state.status).toBe(moves ? 'finished' : 'waiting');
  });

  test('a state stored without waitingFor still matches, against the node', () => {
    const legacy = { ...parked, waitingFor: null };
    const { state } = run({ graph: clickOrNudge, state: legacy, event: { kind: 'activity', activity: { kind: 'linkClicked', linkId: 'L' } }, now: '2026-03-11T00:00:00Z' });
    expect(state.status).toBe('finished');
  });

  test('after the click, the old timeout job is stale', () => {
    const loop = graph(
      [
        ['t', 'trigger', manualTrigger],
        ['click', 'waitForEvent', { event: 'linkClicked', timeout: { amount: 3, unit: 'days' } }],
        ['later', 'wait', { mode: 'elapsed', amount: 7, unit: 'days' }],
        ['s', 'send', text('one week on')],
      ],
      ['t:next -> click', 'click:done -> later', 'later:next -> s'],
    );
    const first = run({ graph: loop, now: START }).state;
    const clicked = run({ graph: loop, state: first, event: { kind: 'activity', activity: { kind: 'linkClicked', linkId: 'x' } }, now: '2026-03-11T00:00:00Z' }).state;
    expect(clicked).toMatchObject({ currentNodeId: 'later', wakeAt: '2026-03-18T00:00:00.000Z' });
    const stale = run({ graph: loop, state: clicked, event: { kind: 'wake', at: first.wakeAt ?? '' }, now: first.wakeAt ?? '' });
    expect(stale).toEqual({ state: clicked, effects: [] });
  });
});

describe('events a run must ignore', () => {
  const timeWait = graph([['t', 'trigger', manualTrigger], ['w', 'wait', { mode: 'elapsed', amount: 1, unit: 'hours' }], ['s', 'send', text('x')]], ['t:next -> w', 'w:next -> s']);
  const waiting = run({ graph: timeWait, now: START }).state;
  const finished = run({ graph: timeWait, state: waiting, event: { kind: 'wake' }, now: '2026-03-10T06:00:00Z' }).state;
  const click: EngineEvent = { kind: 'activity', activity: { kind: 'linkClicked', linkId: 'L' } };

  test.each<[string, FlowGraph, RunState, EngineEvent]>([
    ['a second start for a run that already started', timeWait, waiting, { kind: 'start', triggerNodeId: 't' }],
    ['a start for a run that already finished', timeWait, finished, { kind: 'start', triggerNodeId: 't' }],
    ['a wake for a finished run', timeWait, finished, { kind: 'wake' }],
    ['a wake for a run held because the friend blocked us', timeWait, { ...waiting, status: 'held' }, { kind: 'wake' }],
    ['a wake for a stopped run', timeWait, { ...waiting, status: 'stopped', currentNodeId: null }, { kind: 'wake' }],
    ['a wake scheduled for another instant', timeWait, waiting, { kind: 'wake', at: '2026-03-10T05:30:00.000Z' }],
    ['a wake for a run that never started', timeWait, initialRunState(1), { kind: 'wake' }],
    ['an activity for a run at a time wait', timeWait, waiting, click],
    ['an activity for a finished run', timeWait, finished, click],
    ['an activity for a held run', clickOrNudge, { ...parked, status: 'held' }, click],
    ['an activity nobody waits for', clickOrNudge, parked, { kind: 'activity', activity: { kind: 'replied', text: 'hi' } }],
  ])('%s', (_, g, state, event) => {
    expect(run({ graph: g, state, event, now: '2026-03-10T06:00:00Z' })).toEqual({ state, effects: [] });
  });

  test('the wake instant is compared as an instant, not as text', () => {
    const { state } = run({ graph: timeWait, state: waiting, event: { kind: 'wake', at: '2026-03-10T15:00:00+09:00' }, now: '2026-03-10T06:00:00Z' });
    expect(state.status).toBe('finished');
  });
});
