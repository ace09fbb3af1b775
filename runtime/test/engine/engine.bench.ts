import { performance } from 'node:perf_hooks';
import { initialRunState, step } from '../../src/engine/step.ts';
import type { RunState } from '../../src/engine/types.ts';
import { friend, graph, manualTrigger, text } from './support.ts';

// Engine-only cost of a friend-step, to compare with raw pg-boss job throughput (DESIGN.md target:
// engine ≥ 0.5 × pg-boss). A plain script so it needs neither vitest's Postgres setup nor a bench
// runner: `tsx runtime/test/engine/engine.bench.ts` (prints steps per second for each case).

const g = graph(
  [
    ['t', 'trigger', manualTrigger],
    ['hello', 'send', text('{name|お客様}さん、ようこそ')],
    ['day1', 'wait', { mode: 'dayAt', days: 1, time: '10:00', windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '20:00' }] }],
    ['bought', 'branch', { cases: [{ id: 'yes', label: '', condition: { kind: 'tag', tagId: 'buyer', has: true } }] }],
    ['split', 'randomSplit', { branches: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }] }],
    ['coupon', 'send', text('クーポン')],
    ['remind', 'send', text('{field:plan|プラン未設定}')],
    ['mark', 'tag', { add: ['read'], remove: [] }],
  ],
  ['t:next -> hello', 'hello:next -> day1', 'day1:next -> bought', 'bought:yes -> coupon', 'bought:else -> split', 'split:a -> remind', 'split:b -> coupon', 'coupon:next -> mark', 'remind:next -> mark'],
);
const who = friend({ fields: { plan: 'ゴールド' } });
const now = new Date('2026-03-10T05:00:00Z');
const parked: RunState = step({ graph: g, state: initialRunState(1), event: { kind: 'start', triggerNodeId: 't' }, friend: who, timeZone: 'Asia/Tokyo', now }).state;
const morning = new Date('2026-03-11T01:00:00Z');

/** Runs `fn` for about `ms` milliseconds after a warm-up and returns calls per second. */
export function stepsPerSecond(fn: (i: number) => unknown, ms = 1000): number {
  for (let i = 0; i < 2000; i++) fn(i);
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 500; i++) fn(calls++);
    elapsed = performance.now() - start;
  }
  return Math.round((calls / elapsed) * 1000);
}

const cases: [string, (i: number) => unknown][] = [
  ['start: trigger → send → wait (time-zone maths)', (i) => step({ graph: g, state: initialRunState(i), event: { kind: 'start', triggerNodeId: 't' }, friend: who, timeZone: 'Asia/Tokyo', now })],
  ['wake: branch → split → send → tag', (i) => step({ graph: g, state: { ...parked, seed: i }, event: { kind: 'wake' }, friend: who, timeZone: 'Asia/Tokyo', now: morning })],
  ['stale wake (ignored)', () => step({ graph: g, state: parked, event: { kind: 'wake', at: '2020-01-01T00:00:00Z' }, friend: who, timeZone: 'Asia/Tokyo', now: morning })],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, fn] of cases) console.log(`${stepsPerSecond(fn).toLocaleString('en-US').padStart(12)} steps/s  ${name}`);
}
