import type { Condition } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import { initialRunState } from '../../src/engine/step.ts';
import type { Effect, EngineFriend, StepResult } from '../../src/engine/types.ts';
import { entered, friend, graph, journey, manualTrigger, run, sentTexts, text, type NodeRow } from './support.ts';

const BUYER = 'tag-buyer';
const TIPS_READ = 'tag-tips-read';

/** The example: welcome → 1 day later at 10:00 → buyers get a coupon, others a reminder → tag. */
const welcome = graph(
  [
    ['t', 'trigger', { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }],
    ['hello', 'send', text('{name|お客様}さん、友だち追加ありがとうございます')],
    ['day1', 'wait', { mode: 'dayAt', days: 1, time: '10:00' }],
    ['bought', 'branch', { cases: [{ id: 'yes', label: '購入済み', condition: { kind: 'tag', tagId: BUYER, has: true } }] }],
    ['coupon', 'send', text('クーポンです')],
    ['remind', 'send', text('まだ間に合います')],
    ['mark', 'tag', { add: [TIPS_READ], remove: [] }],
  ],
  ['t:next -> hello', 'hello:next -> day1', 'day1:next -> bought', 'bought:yes -> coupon', 'bought:else -> remind', 'coupon:next -> mark', 'remind:next -> mark'],
);

describe('welcome → wait 1 day at 10:00 → branch on a tag → sends → tag', () => {
  test('entering sends the welcome and parks at the wait until 10:00 JST the next day', () => {
    const { state, effects } = run({ graph: welcome, now: '2026-03-10T05:00:00Z' }); // 14:00 JST
    expect(effects).toEqual<Effect[]>([
      { kind: 'enteredNode', nodeId: 't', visit: 1, output: 'next' },
      { kind: 'enteredNode', nodeId: 'hello', visit: 1, output: 'next' },
      { kind: 'send', nodeId: 'hello', visit: 1, messages: [{ type: 'text', text: '山田さん、友だち追加ありがとうございます' }] },
      { kind: 'enteredNode', nodeId: 'day1', visit: 1 },
      { kind: 'scheduleWake', at: '2026-03-11T01:00:00.000Z' },
    ]);
    expect(state).toEqual({
      currentNodeId: 'day1',
      status: 'waiting',
      wakeAt: '2026-03-11T01:00:00.000Z',
      visits: { t: 1, hello: 1, day1: 1 },
      seed: 1,
      waitingFor: null,
    });
  });

  test.each<[string, EngineFriend, string, string[]]>([
    ['a buyer gets the coupon', friend({ tagIds: new Set([BUYER]) }), 'coupon', ['クーポンです']],
    ['anyone else gets the reminder', friend(), 'remind', ['まだ間に合います']],
    ['an empty display name takes the fallback', friend({}, ''), 'remind', ['まだ間に合います']],
  ])('%s', (_, who, day1Node, day1Texts) => {
    const { deliveries, state, friend: after } = journey(welcome, { startAt: '2026-03-10T05:00:00Z', friend: who });
    expect(deliveries).toEqual([
      { at: '2026-03-10T05:00:00.000Z', nodeId: 'hello', texts: [`${who.displayName || 'お客様'}さん、友だち追加ありがとうございます`] },
      { at: '2026-03-11T01:00:00.000Z', nodeId: day1Node, texts: day1Texts },
    ]);
    expect(state).toMatchObject({ status: 'finished', currentNodeId: null, wakeAt: null });
    expect(after.facts.tagIds.has(TIPS_READ)).toBe(true);
  });

  test('the branch reads the friend when it is reached, not when they entered', () => {
    const parked = run({ graph: welcome, now: '2026-03-10T05:00:00Z' }).state;
    // They bought overnight: the morning step sees the tag the database holds by then.
    const { effects } = run({ graph: welcome, state: parked, event: { kind: 'wake' }, friend: friend({ tagIds: new Set([BUYER]) }), now: '2026-03-11T01:00:00Z' });
    expect(sentTexts(effects)).toEqual(['クーポンです']);
  });
});

describe('changes earlier in the same step are visible downstream', () => {
  const branchOn = (condition: Condition): NodeRow => ['check', 'branch', { cases: [{ id: 'yes', label: '', condition }] }];
  const yesNo = ['check:yes -> yes', 'check:else -> no'];
  const yes: NodeRow = ['yes', 'send', text('yes')];
  const no: NodeRow = ['no', 'send', text('no')];

  test.each<[string, ReturnType<typeof graph>, EngineFriend, string[]]>([
    [
      'a tag added upstream is seen by the branch',
      graph([['t', 'trigger', manualTrigger], ['tg', 'tag', { add: ['vip'], remove: [] }], branchOn({ kind: 'tag', tagId: 'vip', has: true }), yes, no], ['t:next -> tg', 'tg:next -> check', ...yesNo]),
      friend(),
      ['yes'],
    ],
    [
      'a tag removed upstream is gone for the branch',
      graph([['t', 'trigger', manualTrigger], ['tg', 'tag', { add: [], remove: ['vip'] }], branchOn({ kind: 'tag', tagId: 'vip', has: true }), yes, no], ['t:next -> tg', 'tg:next -> check', ...yesNo]),
      friend({ tagIds: new Set(['vip']) }),
      ['no'],
    ],
    [
      'a tag both added and removed ends up removed',
      graph([['t', 'trigger', manualTrigger], ['tg', 'tag', { add: ['vip'], remove: ['vip'] }], branchOn({ kind: 'tag', tagId: 'vip', has: true }), yes, no], ['t:next -> tg', 'tg:next -> check', ...yesNo]),
      friend(),
      ['no'],
    ],
    [
      'an incremented field is seen by the branch and by placeholders',
      graph(
        [
          ['t', 'trigger', manualTrigger],
          ['inc', 'setField', { op: 'increment', fieldId: 'points', by: 10 }],
          branchOn({ kind: 'fieldNumber', fieldId: 'points', op: 'gte', value: 15 }),
          ['yes', 'send', text('{field:points}ポイント')],
          no,
        ],
        ['t:next -> inc', 'inc:next -> check', ...yesNo],
      ),
      friend({ fields: { points: 5 } }),
      ['15ポイント'],
    ],
    [
      'a cleared field takes the placeholder fallback',
      graph([['t', 'trigger', manualTrigger], ['clr', 'setField', { op: 'clear', fieldId: 'plan' }], ['s', 'send', text('プラン: {field:plan|未設定}')]], ['t:next -> clr', 'clr:next -> s']),
      friend({ fields: { plan: 'ゴールド' } }),
      ['プラン: 未設定'],
    ],
  ])('%s', (_, g, who, texts) => {
    const { effects } = run({ graph: g, friend: who, now: '2026-03-10T05:00:00Z' });
    expect(sentTexts(effects)).toEqual(texts);
  });

  test('effects carry absolute values and the caller’s facts are not mutated', () => {
    const g = graph([['t', 'trigger', manualTrigger], ['inc', 'setField', { op: 'increment', fieldId: 'n', by: 2 }], ['tg', 'tag', { add: ['a'], remove: [] }]], ['t:next -> inc', 'inc:next -> tg']);
    const who = friend({ fields: { n: 'not a number' } });
    const { effects } = run({ graph: g, friend: who, now: '2026-03-10T05:00:00Z' });
    expect(effects.filter((e) => e.kind === 'setField' || e.kind === 'addTags')).toEqual([
      { kind: 'setField', fieldId: 'n', value: 2 },
      { kind: 'addTags', tagIds: ['a'] },
    ]);
    expect(who.facts).toMatchObject({ fields: { n: 'not a number' }, tagIds: new Set() });
  });
});

describe('what a send renders', () => {
  const messagesOf = (result: StepResult) => result.effects.find((effect) => effect.kind === 'send')?.messages;
  const now = '2026-03-10T05:00:00Z';
  test('friends at an impersonal send share one rendering; a personalised one is rendered for each', () => {
    const same = graph([['t', 'trigger', manualTrigger], ['s', 'send', text('本日10:00からセール開始です！')]], ['t:next -> s']);
    const first = messagesOf(run({ graph: same, friend: friend({}, '山田'), now }));
    const second = messagesOf(run({ graph: same, friend: friend({}, '佐藤'), now }));
    expect(first).toEqual([{ type: 'text', text: '本日10:00からセール開始です！' }]);
    expect(second).toBe(first);
    const named = graph([['t', 'trigger', manualTrigger], ['s', 'send', text('{name}さん、セール開始です')]], ['t:next -> s']);
    expect(messagesOf(run({ graph: named, friend: friend({}, '山田'), now }))).toEqual([{ type: 'text', text: '山田さん、セール開始です' }]);
    expect(messagesOf(run({ graph: named, friend: friend({}, '佐藤'), now }))).toEqual([{ type: 'text', text: '佐藤さん、セール開始です' }]);
  });
});

describe('how a run ends', () => {
  test.each<[string, ReturnType<typeof graph>, Effect[]]>([
    ['at an end node', graph([['t', 'trigger', manualTrigger], ['e', 'end', {}]], ['t:next -> e']), [{ kind: 'enteredNode', nodeId: 't', visit: 1, output: 'next' }, { kind: 'enteredNode', nodeId: 'e', visit: 1 }]],
    ['at an unconnected output', graph([['t', 'trigger', manualTrigger], ['s', 'send', text('hi')]], ['t:next -> s']), [{ kind: 'enteredNode', nodeId: 't', visit: 1, output: 'next' }, { kind: 'enteredNode', nodeId: 's', visit: 1, output: 'next' }, { kind: 'send', nodeId: 's', visit: 1, messages: [{ type: 'text', text: 'hi' }] }]],
    [
      'after asking to start and stop other scenarios',
      graph([['t', 'trigger', manualTrigger], ['go', 'scenarioControl', { action: 'start', scenarioId: 'sc-2' }], ['halt', 'scenarioControl', { action: 'stop', scenarioId: 'sc-3' }]], ['t:next -> go', 'go:next -> halt']),
      [
        { kind: 'enteredNode', nodeId: 't', visit: 1, output: 'next' },
        { kind: 'enteredNode', nodeId: 'go', visit: 1, output: 'next' },
        { kind: 'startScenario', scenarioId: 'sc-2' },
        { kind: 'enteredNode', nodeId: 'halt', visit: 1, output: 'next' },
        { kind: 'stopScenario', scenarioId: 'sc-3' },
      ],
    ],
  ])('%s', (_, g, effects) => {
    const result = run({ graph: g, now: '2026-03-10T05:00:00Z' });
    expect(result.effects).toEqual(effects);
    expect(result.state).toMatchObject({ status: 'finished', currentNodeId: null, wakeAt: null, waitingFor: null });
  });
});

describe('loops', () => {
  test('a cycle through a wait is legitimate: the send goes out again with the next visit number', () => {
    const g = graph(
      [['t', 'trigger', manualTrigger], ['s', 'send', text('毎日のヒント')], ['w', 'wait', { mode: 'elapsed', amount: 1, unit: 'days' }]],
      ['t:next -> s', 's:next -> w', 'w:next -> s'],
    );
    const { effects } = journey(g, { startAt: '2026-03-10T05:00:00Z', limit: 3 });
    expect(effects.filter((e) => e.kind === 'send').map((e) => e.kind === 'send' && [e.nodeId, e.visit])).toEqual([['s', 1], ['s', 2], ['s', 3]]);
    expect(effects.some((e) => e.kind === 'runStopped')).toBe(false);
  });

  test('a cycle without a pause stops the run instead of spinning, sending once at most', () => {
    const g = graph(
      [['t', 'trigger', manualTrigger], ['s', 'send', text('once')], ['a', 'tag', { add: ['x'], remove: [] }], ['b', 'tag', { add: [], remove: ['x'] }]],
      ['t:next -> s', 's:next -> a', 'a:next -> b', 'b:next -> s'],
    );
    const { state, effects } = run({ graph: g, now: '2026-03-10T05:00:00Z' });
    expect(entered(effects)).toEqual(['t', 's', 'a', 'b']);
    expect(sentTexts(effects)).toEqual(['once']);
    expect(effects.at(-1)).toEqual({ kind: 'runStopped', reason: 'instantLoop', nodeId: 's' });
    expect(state).toMatchObject({ status: 'stopped', currentNodeId: null, wakeAt: null });
  });

  test('a cycle of skipped field waits (which do not pause) is caught too', () => {
    const skip = { mode: 'relativeToField', fieldId: 'date', offsetDays: 0, time: '10:00' } as const;
    const g = graph([['t', 'trigger', manualTrigger], ['w1', 'wait', skip], ['w2', 'wait', skip]], ['t:next -> w1', 'w1:next -> w2', 'w1:skipped -> w2', 'w2:next -> w1', 'w2:skipped -> w1']);
    const { state, effects } = run({ graph: g, now: '2026-03-10T05:00:00Z' });
    expect(state.status).toBe('stopped');
    expect(effects.at(-1)).toEqual({ kind: 'runStopped', reason: 'instantLoop', nodeId: 'w1' });
  });
});

describe('runs that cannot go on are stopped with a reason', () => {
  const g = graph([['t', 'trigger', manualTrigger], ['s', 'send', text('x')]], ['t:next -> s']);

  test.each([
    ['start names a node that is not there', { kind: 'start', triggerNodeId: 'nope' } as const, initialRunState(1), 'unknownNode', 'nope'],
    ['start names a node that is not a trigger', { kind: 'start', triggerNodeId: 's' } as const, initialRunState(1), 'notATrigger', 's'],
    [
      'a wake for a run parked at a node the version does not have',
      { kind: 'wake' } as const,
      { ...initialRunState(1), status: 'waiting', currentNodeId: 'gone', wakeAt: '2026-03-11T01:00:00.000Z', visits: { t: 1, gone: 1 } } as const,
      'unknownNode',
      'gone',
    ],
    [
      // (A send can be waited at now: one waiting for the friend's name; see name-wait.test.ts.)
      'a wake for a run parked at a node a run cannot wait at',
      { kind: 'wake' } as const,
      { ...initialRunState(1), status: 'waiting', currentNodeId: 't', wakeAt: '2026-03-11T01:00:00.000Z', visits: { t: 1 } } as const,
      'unknownNode',
      't',
    ],
  ])('%s', (_, event, state, reason, nodeId) => {
    const result = run({ graph: g, state, event, now: '2026-03-11T01:00:00Z' });
    expect(result.state).toMatchObject({ status: 'stopped', currentNodeId: null, wakeAt: null });
    expect(result.effects.at(-1)).toEqual({ kind: 'runStopped', reason, nodeId });
    expect(result.effects.some((e) => e.kind === 'send')).toBe(false);
  });

  test('an invalid time zone is a caller bug and throws', () => {
    expect(() => run({ graph: g, timeZone: 'Mars/Olympus', now: '2026-03-10T05:00:00Z' })).toThrow(RangeError);
  });
});

test('step is deterministic: the same input gives the same output', () => {
  const a = journey(welcome, { startAt: '2026-03-10T05:00:00Z', seed: 7 });
  const b = journey(welcome, { startAt: '2026-03-10T05:00:00Z', seed: 7 });
  expect(a.effects).toEqual(b.effects);
  expect(a.state).toEqual(b.state);
});

describe('versions: editing never re-sends to friends already past a step', () => {
  const parked = run({ graph: welcome, now: '2026-03-10T05:00:00Z' }).state;
  // The marketer rewrote the welcome and added a survey before the wait, then published v2.
  const edited = graph(
    [
      ['t', 'trigger', { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }],
      ['hello', 'send', text('新しいウェルカムメッセージ')],
      ['survey', 'send', text('アンケートにご協力ください')],
      ['day1', 'wait', { mode: 'dayAt', days: 1, time: '10:00' }],
      ['bought', 'branch', { cases: [{ id: 'yes', label: '購入済み', condition: { kind: 'tag', tagId: BUYER, has: true } }] }],
      ['coupon', 'send', text('新クーポン')],
      ['remind', 'send', text('新リマインド')],
    ],
    ['t:next -> hello', 'hello:next -> survey', 'survey:next -> day1', 'day1:next -> bought', 'bought:yes -> coupon', 'bought:else -> remind'],
  );

  test.each([
    ['a run pinned to v1 carries on with v1', welcome, ['まだ間に合います']],
    ['a run moved to v2 continues from where it waits, downstream only', edited, ['新リマインド']],
  ])('%s', (_, g, texts) => {
    const { effects } = run({ graph: g, state: parked, event: { kind: 'wake' }, now: '2026-03-11T01:00:00Z' });
    expect(sentTexts(effects)).toEqual(texts);
    expect(entered(effects)).not.toContain('hello');
  });
});
