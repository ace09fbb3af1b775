import { describe, expect, test } from 'vitest';
import { nextWakeAt, rulesFromLegacyWindow, type WaitData } from '../src/index.ts';

const at = (iso: string) => new Date(iso);
const wake = (wait: WaitData, enteredAt: string, timeZone = 'Asia/Tokyo', fieldValues: Record<string, unknown> = {}) =>
  nextWakeAt(wait, { enteredAt: at(enteredAt), timeZone, fieldValues })?.toISOString() ?? null;

describe('elapsed', () => {
  test('minutes and hours are absolute spans', () => {
    expect(wake({ mode: 'elapsed', amount: 90, unit: 'minutes' }, '2025-01-01T00:00:00Z')).toBe('2025-01-01T01:30:00.000Z');
    // Across New York's spring-forward night, 3 hours stay 3 hours of real time.
    expect(wake({ mode: 'elapsed', amount: 3, unit: 'hours' }, '2025-03-09T06:00:00Z', 'America/New_York')).toBe('2025-03-09T09:00:00.000Z');
  });

  test('days keep the wall-clock time across DST', () => {
    // 2025-03-08 10:00 EST → 2025-03-09 10:00 EDT: 23 hours later in real time.
    expect(wake({ mode: 'elapsed', amount: 1, unit: 'days' }, '2025-03-08T15:00:00Z', 'America/New_York')).toBe('2025-03-09T14:00:00.000Z');
    // Berlin falls back on 2025-10-26: 10:00 CEST → 10:00 CET, 25 hours later.
    expect(wake({ mode: 'elapsed', amount: 1, unit: 'days' }, '2025-10-25T08:00:00Z', 'Europe/Berlin')).toBe('2025-10-26T09:00:00.000Z');
  });
});

describe('dayAt (時刻で指定)', () => {
  test('day N at HH:MM in the workspace zone', () => {
    // Entered 2025-01-01 15:00 JST; day 1 at 10:00 JST = 2025-01-02 01:00Z.
    expect(wake({ mode: 'dayAt', days: 1, time: '10:00' }, '2025-01-01T06:00:00Z')).toBe('2025-01-02T01:00:00.000Z');
    expect(wake({ mode: 'dayAt', days: 3, time: '09:30' }, '2025-01-01T06:00:00Z')).toBe('2025-01-04T00:30:00.000Z');
  });

  test('day 0 is today, rolling to tomorrow when the time has passed', () => {
    expect(wake({ mode: 'dayAt', days: 0, time: '20:00' }, '2025-01-01T06:00:00Z')).toBe('2025-01-01T11:00:00.000Z');
    expect(wake({ mode: 'dayAt', days: 0, time: '10:00' }, '2025-01-01T06:00:00Z')).toBe('2025-01-02T01:00:00.000Z');
    // Exactly at the time counts as passed: the run never wakes at the moment it entered.
    expect(wake({ mode: 'dayAt', days: 0, time: '15:00' }, '2025-01-01T06:00:00Z')).toBe('2025-01-02T06:00:00.000Z');
  });

  test('the local date decides "today", not UTC', () => {
    // 2025-01-01 23:30 UTC is already 2025-01-02 08:30 in Tokyo.
    expect(wake({ mode: 'dayAt', days: 1, time: '10:00' }, '2025-01-01T23:30:00Z')).toBe('2025-01-03T01:00:00.000Z');
  });

  test('across DST changes in New York and Berlin', () => {
    expect(wake({ mode: 'dayAt', days: 1, time: '10:00' }, '2025-03-08T17:00:00Z', 'America/New_York')).toBe('2025-03-09T14:00:00.000Z');
    expect(wake({ mode: 'dayAt', days: 2, time: '10:00' }, '2025-03-29T12:00:00Z', 'Europe/Berlin')).toBe('2025-03-31T08:00:00.000Z');
    expect(wake({ mode: 'dayAt', days: 1, time: '10:00' }, '2025-10-25T12:00:00Z', 'Europe/Berlin')).toBe('2025-10-26T09:00:00.000Z');
  });

  test('a time missing on the spring-forward night moves forward by the gap', () => {
    // 02:30 does not exist in New York on 2025-03-09; the wake-up is at 03:30 EDT.
    expect(wake({ mode: 'dayAt', days: 1, time: '02:30' }, '2025-03-08T17:00:00Z', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z');
  });
});

describe('relativeToField', () => {
  const reminder: WaitData = { mode: 'relativeToField', fieldId: 'reserved', offsetDays: -3, time: '18:00' };

  test('N days before a date field at HH:MM', () => {
    expect(wake(reminder, '2025-01-01T00:00:00Z', 'Asia/Tokyo', { reserved: '2025-01-10' })).toBe('2025-01-07T09:00:00.000Z');
  });

  test('after the date, on the date, across DST', () => {
    const after: WaitData = { mode: 'relativeToField', fieldId: 'd', offsetDays: 1, time: '09:00' };
    expect(wake(after, '2025-03-01T00:00:00Z', 'America/New_York', { d: '2025-03-08' })).toBe('2025-03-09T13:00:00.000Z');
  });

  test('null (skipped) when the field is empty, invalid or the moment has passed', () => {
    expect(wake(reminder, '2025-01-01T00:00:00Z', 'Asia/Tokyo', {})).toBeNull();
    expect(wake(reminder, '2025-01-01T00:00:00Z', 'Asia/Tokyo', { reserved: 20250110 })).toBeNull();
    expect(wake(reminder, '2025-01-01T00:00:00Z', 'Asia/Tokyo', { reserved: '2025-02-30' })).toBeNull();
    expect(wake(reminder, '2025-01-08T00:00:00Z', 'Asia/Tokyo', { reserved: '2025-01-10' })).toBeNull();
  });
});

describe('delivery window', () => {
  const weekdays = [1, 2, 3, 4, 5];
  const windows = [{ days: weekdays, from: '09:00', to: '21:00' }];

  test('a wake-up inside the window is kept', () => {
    expect(wake({ mode: 'elapsed', amount: 1, unit: 'hours', windows }, '2025-01-06T01:00:00Z')).toBe('2025-01-06T02:00:00.000Z');
  });

  test('late evening waits for the next morning', () => {
    // Mon 2025-01-06 22:30 JST → Tue 09:00 JST.
    expect(wake({ mode: 'elapsed', amount: 30, unit: 'minutes', windows }, '2025-01-06T13:00:00Z')).toBe('2025-01-07T00:00:00.000Z');
  });

  test('the end is exclusive and weekends skip to Monday', () => {
    // Fri 2025-01-10 21:00 JST → Mon 2025-01-13 09:00 JST.
    expect(wake({ mode: 'dayAt', days: 0, time: '21:00', windows }, '2025-01-10T03:00:00Z')).toBe('2025-01-13T00:00:00.000Z');
  });

  test('an overnight window opened the previous evening', () => {
    const night = rulesFromLegacyWindow({ start: '21:00', end: '02:00', weekdays: [1] });
    // Tue 01:00 JST is inside Monday night's window.
    expect(wake({ mode: 'dayAt', days: 0, time: '01:00', windows: night }, '2025-01-06T15:00:00Z')).toBe('2025-01-06T16:00:00.000Z');
    // Tue 03:00 JST waits for next Monday 21:00.
    expect(wake({ mode: 'dayAt', days: 0, time: '03:00', windows: night }, '2025-01-06T15:00:00Z')).toBe('2025-01-13T12:00:00.000Z');
  });

  test('the window opens at local time across DST', () => {
    // Sat 2025-03-08 23:00 EST + 1h → Sun 00:00, deferred to Mon 2025-03-10 09:00 EDT.
    expect(wake({ mode: 'elapsed', amount: 1, unit: 'hours', windows }, '2025-03-09T04:00:00Z', 'America/New_York')).toBe('2025-03-10T13:00:00.000Z');
  });
});
