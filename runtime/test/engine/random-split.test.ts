import { describe, expect, test } from 'vitest';
import { drawUint32, pickWeighted } from '../../src/engine/random.ts';
import { initialRunState } from '../../src/engine/step.ts';
import type { RunState } from '../../src/engine/types.ts';
import { entered, graph, manualTrigger, run } from './support.ts';

/** t → split A/B/C → each arm a tag, so the arm taken shows in the entered nodes. */
function splitGraph(weights: [number, number, number]) {
  const [a, b, c] = weights;
  return graph(
    [
      ['t', 'trigger', manualTrigger],
      ['w', 'wait', { mode: 'elapsed', amount: 1, unit: 'minutes' }],
      ['ab', 'randomSplit', { branches: [{ id: 'A', label: 'A', weight: a }, { id: 'B', label: 'B', weight: b }, { id: 'C', label: 'C', weight: c }] }],
      ['armA', 'tag', { add: ['A'], remove: [] }],
      ['armB', 'tag', { add: ['B'], remove: [] }],
      ['armC', 'tag', { add: ['C'], remove: [] }],
    ],
    ['t:next -> ab', 'ab:A -> armA', 'ab:B -> armB', 'ab:C -> armC', 'w:next -> ab'],
  );
}

function armFromStart(g: ReturnType<typeof graph>, seed: number): string | undefined {
  return entered(run({ graph: g, state: initialRunState(seed), now: '2026-03-10T05:00:00Z' }).effects).find((id) => id.startsWith('arm'));
}

/** A run parked at the wait before the split, having been through the split `visits` times. */
function armOnVisit(g: ReturnType<typeof graph>, seed: number, visits: number): string | undefined {
  const state: RunState = { ...initialRunState(seed), status: 'waiting', currentNodeId: 'w', wakeAt: '2026-03-10T05:01:00.000Z', visits: { t: 1, w: 1, ab: visits } };
  return entered(run({ graph: g, state, event: { kind: 'wake' }, now: '2026-03-10T05:01:00Z' }).effects).find((id) => id.startsWith('arm'));
}

function shares(arms: (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const arm of arms) counts[arm ?? 'none'] = (counts[arm ?? 'none'] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / arms.length]));
}

const N = 20_000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('random split', () => {
  const g = splitGraph([20, 30, 50]);

  test('the same seed, node and visit always take the same arm (a replayed step agrees)', () => {
    for (const seed of [0, 1, 42, 0xffff_ffff]) {
      const first = armFromStart(g, seed);
      for (let i = 0; i < 5; i++) expect(armFromStart(g, seed)).toBe(first);
    }
  });

  test.each<[string, [number, number, number], Record<string, number>]>([
    ['20/30/50', [20, 30, 50], { armA: 0.2, armB: 0.3, armC: 0.5 }],
    ['50/50/0', [50, 50, 0], { armA: 0.5, armB: 0.5 }],
    ['1/0/99', [1, 0, 99], { armA: 0.01, armC: 0.99 }],
    ['0/100/0', [0, 100, 0], { armB: 1 }],
    ['weights not adding to 100 split proportionally', [1, 1, 2], { armA: 0.25, armB: 0.25, armC: 0.5 }],
  ])('friends split %s across seeds', (_, weights, expected) => {
    const split = splitGraph(weights);
    const got = shares(range(N).map((seed) => armFromStart(split, seed)));
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [arm, share] of Object.entries(expected)) expect(got[arm]).toBeCloseTo(share, 1.5);
  });

  test('a friend looping back gets a fresh draw per visit, with the same distribution', () => {
    const got = shares(range(N).map((visit) => armOnVisit(g, 12345, visit)));
    expect(got.armA).toBeCloseTo(0.2, 1.5);
    expect(got.armB).toBeCloseTo(0.3, 1.5);
    expect(got.armC).toBeCloseTo(0.5, 1.5);
  });

  test('every weight at 0 ends the run, like an unconnected arm', () => {
    const result = run({ graph: splitGraph([0, 0, 0]), now: '2026-03-10T05:00:00Z' });
    expect(entered(result.effects)).toEqual(['t', 'ab']);
    expect(result.state.status).toBe('finished');
  });
});

describe('the draw', () => {
  test.each([
    [1, 'ab', 1],
    [1, 'ab', 2],
    [2, 'ab', 1],
    [1, 'ac', 1],
  ])('drawUint32(%d, %s, %d) is a stable 32-bit value', (seed, node, visit) => {
    const d = drawUint32(seed, node, visit);
    expect(Number.isInteger(d) && d >= 0 && d <= 0xffff_ffff).toBe(true);
    expect(drawUint32(seed, node, visit)).toBe(d);
  });

  test('seed, node and visit each change the draw', () => {
    const base = drawUint32(1, 'ab', 1);
    expect(new Set([base, drawUint32(2, 'ab', 1), drawUint32(1, 'ac', 1), drawUint32(1, 'ab', 2)]).size).toBe(4);
  });

  test.each<[number[], number, number | null]>([
    [[20, 30, 50], 0, 0],
    [[20, 30, 50], 19, 0],
    [[20, 30, 50], 20, 1],
    [[20, 30, 50], 99, 2],
    [[20, 30, 50], 100, 0],
    [[0, 100], 5, 1],
    [[], 5, null],
    [[0, 0], 5, null],
  ])('pickWeighted(%j, %d) = %s', (weights, draw, index) => {
    expect(pickWeighted(weights, draw)).toBe(index);
  });
});

describe('a decided winner (自動勝者 or chosen by hand)', () => {
  test('every friend goes down the winning arm, and the step records the output taken', () => {
    const g = splitGraph([34, 33, 33]);
    for (const seed of range(200)) {
      const result = run({ graph: g, state: initialRunState(seed), now: '2026-03-10T05:00:00Z', splitWinners: { ab: 'B' } });
      expect(entered(result.effects).find((id) => id.startsWith('arm'))).toBe('armB');
      expect(result.effects).toContainEqual({ kind: 'enteredNode', nodeId: 'ab', visit: 1, output: 'B' });
    }
  });

  test('a winner naming an arm the version does not have is ignored: the weights apply', () => {
    const g = splitGraph([0, 100, 0]);
    const result = run({ graph: g, state: initialRunState(7), now: '2026-03-10T05:00:00Z', splitWinners: { ab: 'gone' } });
    expect(entered(result.effects)).toContain('armB');
  });
});
