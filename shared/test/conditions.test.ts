import { describe, expect, test } from 'vitest';
import { evaluateCondition, type Condition, type FriendFacts } from '../src/index.ts';

const TAG = '11111111-1111-4111-8111-111111111111';
const SCENARIO = '22222222-2222-4222-8222-222222222222';
const ROUTE = '33333333-3333-4333-8333-333333333333';

const friend = (over: Partial<FriendFacts> = {}): FriendFacts => ({
  status: 'active',
  inflowRouteId: ROUTE,
  fields: { plan: 'ゴールド会員', points: 120, reserved: '2025-01-12', birthday: '1990-01-31', note: '' },
  registeredAt: new Date('2025-01-05T03:00:00Z'),
  lastReactionAt: null,
  tagIds: new Set([TAG]),
  runs: [{ scenarioId: SCENARIO, status: 'waiting' }],
  clickedLinkIds: new Set(),
  receivedSends: [{ scenarioId: SCENARIO, nodeId: 'send-1' }],
  conversionNames: new Set(['purchase']),
  ...over,
});

// 2025-01-10 23:30 UTC is already 2025-01-11 in Tokyo, but still 2025-01-10 in New York.
const now = new Date('2025-01-10T23:30:00Z');
const tokyo = { now, timeZone: 'Asia/Tokyo' };
const newYork = { now, timeZone: 'America/New_York' };
const holds = (c: Condition, f = friend(), ctx = tokyo) => evaluateCondition(c, f, ctx);

describe('evaluateCondition', () => {
  test('groups: empty and is true, empty or is false', () => {
    expect(holds({ kind: 'and', conditions: [] })).toBe(true);
    expect(holds({ kind: 'or', conditions: [] })).toBe(false);
    expect(holds({ kind: 'not', condition: { kind: 'tag', tagId: TAG, has: true } })).toBe(false);
  });

  test('fields compare only values of the right type', () => {
    expect(holds({ kind: 'fieldText', fieldId: 'plan', op: 'contains', value: 'ゴールド' })).toBe(true);
    expect(holds({ kind: 'fieldText', fieldId: 'points', op: 'equals', value: '120' })).toBe(false);
    expect(holds({ kind: 'fieldNumber', fieldId: 'points', op: 'gte', value: 100 })).toBe(true);
    expect(holds({ kind: 'fieldNumber', fieldId: 'plan', op: 'neq', value: 1 })).toBe(false);
    expect(holds({ kind: 'fieldChoice', fieldId: 'plan', anyOf: ['ゴールド会員', 'シルバー会員'] })).toBe(true);
    expect(holds({ kind: 'fieldSet', fieldId: 'note' })).toBe(false);
    expect(holds({ kind: 'fieldSet', fieldId: 'points' })).toBe(true);
  });

  test('relative dates use today in the workspace zone', () => {
    const soon: Condition = { kind: 'fieldDate', fieldId: 'reserved', op: 'withinNextDays', days: 1 };
    expect(holds(soon, friend(), tokyo)).toBe(true); // Tokyo: 01-11 .. 01-12
    expect(holds(soon, friend(), newYork)).toBe(false); // New York: 01-10 .. 01-11
    expect(holds({ kind: 'fieldDate', fieldId: 'reserved', op: 'after', date: '2025-01-11' })).toBe(true);
    expect(holds({ kind: 'fieldDate', fieldId: 'reserved', op: 'before', date: '2025-01-12' })).toBe(false);
  });

  test('birthday month, this month in the workspace zone', () => {
    expect(holds({ kind: 'birthdayMonth', fieldId: 'birthday', month: 1 })).toBe(true);
    const f = friend({ fields: { birthday: '1990-02-01' } });
    const lateJanuaryUtc = { now: new Date('2025-01-31T20:00:00Z'), timeZone: 'Asia/Tokyo' };
    expect(holds({ kind: 'birthdayMonth', fieldId: 'birthday', month: 'current' }, f, lateJanuaryUtc)).toBe(true);
  });

  test('registration and last reaction by calendar day in the zone', () => {
    // Registered 2025-01-05 12:00 JST.
    expect(holds({ kind: 'registeredAt', op: 'after', date: '2025-01-04' })).toBe(true);
    expect(holds({ kind: 'registeredAt', op: 'after', date: '2025-01-05' })).toBe(false);
    expect(holds({ kind: 'registeredAt', op: 'before', date: '2025-01-06' })).toBe(true);
    expect(holds({ kind: 'registeredAt', op: 'withinPastDays', days: 6 })).toBe(true); // from 01-05 00:00 JST
    expect(holds({ kind: 'registeredAt', op: 'withinPastDays', days: 5 })).toBe(false);
    expect(holds({ kind: 'lastReactionAt', op: 'withinPastDays', days: 30 })).toBe(false);
  });

  test('scenario state and behaviour', () => {
    expect(holds({ kind: 'scenario', scenarioId: SCENARIO, state: 'running' })).toBe(true);
    expect(holds({ kind: 'scenario', scenarioId: SCENARIO, state: 'finished' })).toBe(false);
    expect(holds({ kind: 'receivedSend', scenarioId: SCENARIO, nodeId: 'send-1' })).toBe(true);
    expect(holds({ kind: 'converted', name: 'purchase' })).toBe(true);
    expect(holds({ kind: 'inflowRoute', routeIds: [ROUTE] })).toBe(true);
    expect(holds({ kind: 'friendStatus', status: 'blocked' })).toBe(false);
  });
});
