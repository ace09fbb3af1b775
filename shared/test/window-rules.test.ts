import { describe, expect, test } from 'vitest';
import {
  createTranslator, describeWindows, formatIssue, nextWakeAt, nodeSummary, parseFlowGraph, validateFlow, windowIssues,
  type DeliveryWindowRule, type FlowNode,
} from '../src/index.ts';

const weekdayEvening: DeliveryWindowRule = { days: [1, 2, 3, 4, 5], from: '19:00', to: '21:00' };
const weekendMorning: DeliveryWindowRule = { days: [6, 7], from: '10:00', to: '12:00' };
const weekendAfternoon: DeliveryWindowRule = { days: [6, 7], from: '14:00', to: '16:00' };
const marketer = [weekdayEvening, weekendMorning, weekendAfternoon];

const ja = createTranslator('ja');
const en = createTranslator('en');

const wake = (enteredAt: string, windows: DeliveryWindowRule[], timeZone = 'Asia/Tokyo') =>
  nextWakeAt({ mode: 'elapsed', amount: 1, unit: 'minutes', windows }, { enteredAt: new Date(enteredAt), timeZone, fieldValues: {} })?.toISOString();

describe('several windows per weekday set', () => {
  // 2025-01-11 is a Saturday. Times below are JST (UTC+9) and the wake is one minute after entering.
  test.each([
    ['Sat 09:00 waits for the morning window', '2025-01-11T00:00:00Z', '2025-01-11T01:00:00.000Z'],
    ['Sat 11:00 is inside the morning window', '2025-01-11T02:00:00Z', '2025-01-11T02:01:00.000Z'],
    ['Sat 12:30 waits for the afternoon window', '2025-01-11T03:30:00Z', '2025-01-11T05:00:00.000Z'],
    ['Sat 11:59 + 1 min is 12:00, the exclusive end: afternoon', '2025-01-11T02:59:00Z', '2025-01-11T05:00:00.000Z'],
    ['Sun 16:30 waits for Monday evening', '2025-01-12T07:30:00Z', '2025-01-13T10:00:00.000Z'],
    ['Fri 21:30 waits for Saturday morning', '2025-01-10T12:30:00Z', '2025-01-11T01:00:00.000Z'],
    ['Wed 08:00 waits for the evening', '2025-01-08T23:00:00Z', '2025-01-09T10:00:00.000Z'],
  ])('%s', (_name, enteredAt, expected) => {
    expect(wake(enteredAt, marketer)).toBe(expected);
  });

  test('windows keep local hours across DST (New York, spring forward on Sun 2025-03-09)', () => {
    // Sat 2025-03-08 17:00 EST → Sun 10:00 EDT (14:00Z), not 10:00 EST.
    expect(wake('2025-03-08T22:00:00Z', marketer, 'America/New_York')).toBe('2025-03-09T14:00:00.000Z');
  });

  test('24:00 is midnight at the end of the day', () => {
    expect(wake('2025-01-06T14:30:00Z', [{ days: [1], from: '22:00', to: '24:00' }])).toBe('2025-01-06T14:31:00.000Z');
  });
});

describe('validation', () => {
  test.each<[string, DeliveryWindowRule[], Array<{ code: string; index: number }>]>([
    ['a good set', marketer, []],
    ['end before start', [{ days: [1], from: '21:00', to: '19:00' }], [{ code: 'windowEndBeforeStart', index: 0 }]],
    ['end equal to start', [{ days: [1], from: '10:00', to: '10:00' }], [{ code: 'windowEndBeforeStart', index: 0 }]],
    ['no days', [{ days: [], from: '10:00', to: '11:00' }], [{ code: 'windowNoDays', index: 0 }]],
    ['overlap on a shared day', [weekendMorning, { days: [7], from: '11:00', to: '13:00' }], [{ code: 'windowOverlap', index: 1 }]],
    ['touching spans do not overlap', [weekendMorning, { days: [6], from: '12:00', to: '13:00' }], []],
    ['same hours on other days do not overlap', [weekdayEvening, { days: [6], from: '19:00', to: '21:00' }], []],
  ])('%s', (_name, rules, expected) => {
    expect(windowIssues(rules).map(({ code, index }) => ({ code, index }))).toEqual(expected);
  });

  test('a wait with bad windows cannot be published and says why in ja and en', () => {
    const parsed = parseFlowGraph({
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
        { id: 'w', type: 'wait', position: { x: 0, y: 0 }, data: { mode: 'dayAt', days: 1, time: '10:00', windows: [weekendMorning, { days: [6], from: '11:00', to: '11:30' }, { days: [1], from: '20:00', to: '19:00' }] } },
      ],
      edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 'w' }, { id: 'e2', source: 'w', sourceHandle: 'next', target: 'w' }],
    });
    if (!parsed.ok) throw new Error('should parse: a draft with bad windows still saves');
    const issues = validateFlow(parsed.graph).filter((i) => i.code.startsWith('window'));
    expect(issues.map((i) => i.code).sort()).toEqual(['windowEndBeforeStart', 'windowOverlap']);
    const overlap = issues.find((i) => i.code === 'windowOverlap')!;
    expect(formatIssue(overlap, ja)).toBe('配信時間帯 2 が 1 と重なっています（土）。');
    expect(formatIssue(issues.find((i) => i.code === 'windowEndBeforeStart')!, en)).toBe('Delivery window 3 ends (19:00) at or before it starts (20:00).');
  });
});

describe('summaries and old graphs', () => {
  test('node summaries show the days', () => {
    expect(describeWindows(marketer, ja)).toBe('平日 19:00–21:00／土日 10:00–12:00, 14:00–16:00');
    expect(describeWindows(marketer, en)).toBe('Weekdays 19:00–21:00 / Weekends 10:00–12:00, 14:00–16:00');
    const send = { id: 's', type: 'send', position: { x: 0, y: 0 }, data: { messages: [{ type: 'text', text: 'hi' }], delivery: { mode: 'custom', windows: marketer } } } as FlowNode;
    expect(nodeSummary(send, ja)).toBe('hi（配信時間 平日 19:00–21:00／土日 10:00–12:00, 14:00–16:00）');
  });

  test('a graph stored with the old single window still parses, as rules', () => {
    const parsed = parseFlowGraph({
      schemaVersion: 1,
      nodes: [{ id: 'w', type: 'wait', position: { x: 0, y: 0 }, data: { mode: 'dayAt', days: 1, time: '10:00', window: { start: '21:00', end: '02:00', weekdays: [5] } } }],
      edges: [],
    });
    expect(parsed.ok && parsed.graph.nodes[0]!.data).toEqual({
      mode: 'dayAt', days: 1, time: '10:00',
      windows: [{ days: [5], from: '21:00', to: '24:00' }, { days: [6], from: '00:00', to: '02:00' }],
    });
  });
});
