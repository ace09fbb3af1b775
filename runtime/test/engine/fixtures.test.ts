import type { FlowGraph } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
// Shared's example graphs; @lsb/shared does not export its fixtures folder, so it is read directly.
import { invalidGraphFixtures, validGraphFixtures } from '@lsb/shared/fixtures';
import type { EngineFriend } from '../../src/engine/types.ts';
import { friend, journey, parsed, run, type Delivery, type Happening } from './support.ts';

// Journeys through shared's realistic scenarios with a fixed clock in Asia/Tokyo. Each expected
// timeline was worked out by hand from the graph JSON (times in UTC; JST is UTC+9).

const id = (n: number) => `00000000-0000-4000-8000-000000000${n}`;
const TAG = { new: id(101), interested: id(102), reviewed: id(104), attended: id(105), absent: id(106) };
const FIELD = { purchases: id(201), booking: id(202), rank: id(203), birthday: id(204) };
const LINK = { product: id(501), seminar: id(502) };
const SCENARIO = { welcome: id(401), purchase: id(402), repeat: id(404) };

const fixture = (name: string): FlowGraph => {
  const found = validGraphFixtures.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return parsed(found.graph);
};

const TUE_14_JST = '2026-03-10T05:00:00.000Z';
const sends = (deliveries: Delivery[]) => deliveries.map((d) => [d.at, d.nodeId]);

describe('every valid fixture, from every trigger', () => {
  const cases = validGraphFixtures.flatMap(({ name, graph }) => {
    const g = parsed(graph);
    return g.nodes.filter((n) => n.type === 'trigger').map((n) => [name, n.id, g] as const);
  });

  test.each(cases)('%s from %s runs to completion without being stopped', (_, triggerNodeId, g) => {
    const { state, effects } = journey(g, { startAt: TUE_14_JST, triggerNodeId, friend: friend({ fields: { [FIELD.booking]: '2026-03-20', [FIELD.birthday]: '1990-03-03' } }) });
    expect(state.status).toBe('finished');
    expect(effects.filter((e) => e.kind === 'runStopped')).toEqual([]);
    for (const e of effects) if (e.kind === 'send') expect(e.messages.length).toBeGreaterThan(0);
  });
});

test('the invalid cycleWithoutWait fixture stops with instantLoop instead of spinning', () => {
  const cycle = invalidGraphFixtures.find((f) => f.code === 'cycleWithoutWait');
  const result = run({ graph: parsed(cycle?.graph), event: { kind: 'start', triggerNodeId: 'trigger' }, now: TUE_14_JST });
  expect(result.state.status).toBe('stopped');
  expect(result.effects.at(-1)).toMatchObject({ kind: 'runStopped', reason: 'instantLoop' });
});

test('minimal: trigger → end', () => {
  const { state, effects } = journey(fixture('minimal'), { startAt: TUE_14_JST, triggerNodeId: 'trigger' });
  expect(effects).toEqual([
    { kind: 'enteredNode', nodeId: 'trigger', visit: 1, output: 'next' },
    { kind: 'enteredNode', nodeId: 'end', visit: 1 },
  ]);
  expect(state.status).toBe('finished');
});

describe('welcome-series', () => {
  const g = fixture('welcome-series');

  test.each<[string, string, Happening[], [string, string][], string[]]>([
    [
      'no click: tips the next morning, a reminder 3 days later',
      'trigger-follow',
      [],
      [[TUE_14_JST, 'send-welcome'], ['2026-03-11T01:00:00.000Z', 'send-tips'], ['2026-03-14T01:00:00.000Z', 'send-reminder']],
      [TAG.new],
    ],
    [
      'a click on the product link: tagged interested, no reminder',
      'trigger-follow',
      [{ at: '2026-03-12T03:00:00.000Z', activity: { kind: 'linkClicked', linkId: LINK.product } }],
      [[TUE_14_JST, 'send-welcome'], ['2026-03-11T01:00:00.000Z', 'send-tips']],
      [TAG.interested],
    ],
    [
      'a click on another link does not count',
      'trigger-insta',
      [{ at: '2026-03-12T03:00:00.000Z', activity: { kind: 'linkClicked', linkId: LINK.seminar } }],
      [[TUE_14_JST, 'send-welcome'], ['2026-03-11T01:00:00.000Z', 'send-tips'], ['2026-03-14T01:00:00.000Z', 'send-reminder']],
      [TAG.new],
    ],
    [
      'a click before the tips were sent is not what the run waits for',
      'trigger-follow',
      [{ at: '2026-03-10T06:00:00.000Z', activity: { kind: 'linkClicked', linkId: LINK.product } }],
      [[TUE_14_JST, 'send-welcome'], ['2026-03-11T01:00:00.000Z', 'send-tips'], ['2026-03-14T01:00:00.000Z', 'send-reminder']],
      [TAG.new],
    ],
  ])('%s', (_, triggerNodeId, happenings, expected, tags) => {
    const { deliveries, state, friend: after } = journey(g, { startAt: TUE_14_JST, triggerNodeId, happenings });
    expect(sends(deliveries)).toEqual(expected);
    expect(deliveries[0]?.texts).toEqual(['山田さん、友だち追加ありがとうございます！\nお得な情報をお届けします。', 'sticker']);
    expect(state.status).toBe('finished');
    expect([...after.facts.tagIds]).toEqual(tags);
  });
});

describe('purchase-follow-up: the branch sees the purchase count the same run wrote 3 days earlier', () => {
  const g = fixture('purchase-follow-up');
  const THREE_DAYS = '2026-03-13T05:00:00.000Z';

  test.each<[string, EngineFriend, [string, string][], boolean]>([
    ['a second purchase makes a repeater: VIP message', friend({ fields: { [FIELD.purchases]: 1 } }), [[THREE_DAYS, 'send-vip']], true],
    // Seed 7 draws arm a; pinned so a change to the draw (which would reshuffle live A/B tests) shows.
    ['a first purchase without a review: review request and a coupon', friend(), [[THREE_DAYS, 'send-review'], [THREE_DAYS, 'send-coupon-a']], true],
    ['a first purchase, already reviewed: nothing more', friend({ tagIds: new Set([TAG.reviewed]) }), [], false],
    ['a first purchase by a friend who blocked us: nothing more', friend({ status: 'blocked' }), [], false],
  ])('%s', (_, who, expected, startsRepeat) => {
    const { deliveries, effects, friend: after } = journey(g, { startAt: TUE_14_JST, triggerNodeId: 'trigger-purchased', friend: who, seed: 7 });
    expect(sends(deliveries)).toEqual(expected);
    expect(effects.some((e) => e.kind === 'startScenario' && e.scenarioId === SCENARIO.repeat)).toBe(startsRepeat);
    expect(after.facts.fields[FIELD.purchases]).toBe(((who.facts.fields[FIELD.purchases] as number | undefined) ?? 0) + 1);
  });

  test('a review posted during the 3 days is seen when the branch is reached', () => {
    const parked = run({ graph: g, event: { kind: 'start', triggerNodeId: 'trigger-purchased' }, now: TUE_14_JST }).state;
    const reviewed = friend({ fields: { [FIELD.purchases]: 1 }, tagIds: new Set([TAG.reviewed]) });
    const { effects } = run({ graph: g, state: parked, event: { kind: 'wake' }, friend: reviewed, now: THREE_DAYS });
    expect(effects.filter((e) => e.kind === 'send')).toEqual([]);
  });

  test('the coupon arm is a fair coin across friends', () => {
    const arms = Array.from({ length: 2000 }, (_, seed) => journey(g, { startAt: TUE_14_JST, triggerNodeId: 'trigger-purchased', seed }).deliveries.at(-1)?.nodeId);
    const a = arms.filter((n) => n === 'send-coupon-a').length / arms.length;
    expect(a).toBeGreaterThan(0.45);
    expect(a).toBeLessThan(0.55);
  });
});

describe('seminar-reminder: waits relative to the booking date', () => {
  const g = fixture('seminar-reminder');
  const withBooking = (date: string) => friend({ fields: { [FIELD.booking]: date } });
  const attend: Happening = { at: '2026-03-20T03:00:00.000Z', activity: { kind: 'postback', data: 'seminar=attend' } };

  test.each<[string, EngineFriend, Happening[], [string, string][], string[]]>([
    [
      'booked for the 20th and answers: reminders the evening before and that morning, then attended',
      withBooking('2026-03-20'),
      [attend],
      [[TUE_14_JST, 'send-accepted'], ['2026-03-19T09:00:00.000Z', 'send-day-before'], ['2026-03-20T00:00:00.000Z', 'send-today']],
      [TAG.attended],
    ],
    [
      'booked for the 20th, no answer within 12 hours: absent',
      withBooking('2026-03-20'),
      [],
      [[TUE_14_JST, 'send-accepted'], ['2026-03-19T09:00:00.000Z', 'send-day-before'], ['2026-03-20T00:00:00.000Z', 'send-today']],
      [TAG.absent],
    ],
    ['no booking date: asked to register one', friend(), [], [[TUE_14_JST, 'send-accepted'], [TUE_14_JST, 'send-no-date']], []],
    [
      'booked for tomorrow: the day-before reminder is still ahead, this evening',
      withBooking('2026-03-11'),
      [],
      [[TUE_14_JST, 'send-accepted'], ['2026-03-10T09:00:00.000Z', 'send-day-before'], ['2026-03-11T00:00:00.000Z', 'send-today']],
      [TAG.absent],
    ],
  ])('%s', (_, who, happenings, expected, tags) => {
    const { deliveries, effects, friend: after } = journey(g, { startAt: TUE_14_JST, triggerNodeId: 'trigger-keyword', friend: who, happenings });
    expect(sends(deliveries)).toEqual(expected);
    expect([...after.facts.tagIds]).toEqual(tags);
    expect(effects.some((e) => e.kind === 'stopScenario' && e.scenarioId === SCENARIO.welcome)).toBe(tags.includes(TAG.attended));
  });

  test('the acceptance message shows the booking date, or its fallback', () => {
    const texts = (who: EngineFriend) => journey(g, { startAt: TUE_14_JST, triggerNodeId: 'trigger-link', friend: who, limit: 1 }).deliveries[0]?.texts;
    expect(texts(withBooking('2026-03-20'))).toEqual(['山田さん、お申し込みありがとうございます。ご予約日は2026-03-20です。']);
    expect(texts(friend())).toEqual(['山田さん、お申し込みありがとうございます。ご予約日は未定です。']);
  });
});

describe('birthday-coupon: this month is this month in the workspace zone', () => {
  const g = fixture('birthday-coupon');
  const march = { [FIELD.birthday]: '1990-03-15' };

  test.each<[string, string, EngineFriend, boolean]>([
    ['a gold member born in March, in March', TUE_14_JST, friend({ fields: { ...march, [FIELD.rank]: 'ゴールド' } }), true],
    ['registered within a year, born in March', TUE_14_JST, friend({ fields: march, registeredAt: new Date('2025-06-01T00:00:00Z') }), true],
    ['a silver member registered long ago', TUE_14_JST, friend({ fields: { ...march, [FIELD.rank]: 'シルバー' }, registeredAt: new Date('2020-01-01T00:00:00Z') }), false],
    ['born in April, in March', TUE_14_JST, friend({ fields: { [FIELD.birthday]: '1990-04-15', [FIELD.rank]: 'ゴールド' } }), false],
    ['in the purchase follow-up right now', TUE_14_JST, friend({ fields: { ...march, [FIELD.rank]: 'ゴールド' }, runs: [{ scenarioId: SCENARIO.purchase, status: 'waiting' }] }), false],
    ['born in April, 31 March 15:30 UTC — already 1 April in Tokyo', '2026-03-31T15:30:00.000Z', friend({ fields: { [FIELD.birthday]: '1990-04-15', [FIELD.rank]: 'ゴールド' } }), true],
  ])('%s', (_, now, who, sent) => {
    const { deliveries } = journey(g, { startAt: now, triggerNodeId: 'trigger', friend: who });
    expect(deliveries.map((d) => d.nodeId)).toEqual(sent ? ['send-birthday'] : []);
  });
});
