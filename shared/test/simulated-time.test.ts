import { expect, test } from 'vitest';
import { simulatedTime } from '../src/api/simulator.ts';

// A virtual friend's chat shows each message at the friend's time then: the real moment plus the
// clock offset in force at that moment.
const shifts = [{ at: '2026-04-30T00:00:06.100Z', offsetMs: 90_000_000 }];

test('a message from before a fast-forward, or from its very millisecond, keeps its real time', () => {
  expect(simulatedTime('2026-04-30T00:00:05.000Z', shifts).toISOString()).toBe('2026-04-30T00:00:05.000Z');
  expect(simulatedTime('2026-04-30T00:00:06.100Z', shifts).toISOString()).toBe('2026-04-30T00:00:06.100Z');
});

test('a message after it is shown at the friend’s moved time', () => {
  expect(simulatedTime('2026-04-30T00:00:07.100Z', shifts).toISOString()).toBe('2026-05-01T01:00:07.100Z');
});
