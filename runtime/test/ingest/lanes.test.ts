import fc from 'fast-check';
import { expect, test } from 'vitest';
import { INGEST_LANES, laneOf, splitIntoLanes } from '../../src/ingest/lanes.ts';

// How a backlog is cut into transactions applied side by side: every event once, each user's events
// in one transaction in arrival order, and no more transactions than the events fill.

const userIds = fc.array(fc.stringMatching(/^U[0-9a-f]{32}$/), { minLength: 1, maxLength: 40 });
const arrivals = userIds.chain((users) => fc.array(fc.constantFrom(...users), { maxLength: 300 }))
  .map((users) => users.map((userId, seq) => ({ seq, userId })));

test('every event in exactly one transaction, a user never split, arrival order kept, lanes disjoint and ascending', () => {
  fc.assert(fc.property(arrivals, fc.integer({ min: 1, max: 120 }), (events, perTransaction) => {
    const groups = splitIntoLanes(events, (event) => event.userId, perTransaction);
    expect(groups.flatMap((group) => group.items).map((event) => event.seq).sort((a, b) => a - b)).toEqual(events.map((event) => event.seq));
    const groupOf = new Map<string, number>();
    groups.forEach((group, index) => {
      expect(group.items.map((event) => event.seq)).toEqual([...group.items.map((event) => event.seq)].sort((a, b) => a - b));
      expect(group.lanes).toEqual([...group.lanes].sort((a, b) => a - b));
      for (const event of group.items) {
        expect(group.lanes).toContain(laneOf(event.userId));
        expect(groupOf.get(event.userId) ?? index).toBe(index);
        groupOf.set(event.userId, index);
      }
    });
    const lanes = groups.flatMap((group) => group.lanes);
    expect(new Set(lanes).size).toBe(lanes.length);
    expect(groups.length).toBeLessThanOrEqual(Math.min(INGEST_LANES, Math.max(1, Math.ceil(events.length / perTransaction))));
  }));
});

test('a drain that keeps up stays one transaction; a backlog of four transactions\' worth takes four', () => {
  const events = (count: number) => Array.from({ length: count }, (_, i) => ({ userId: `U${i.toString(16).padStart(32, '0')}` }));
  expect(splitIntoLanes(events(500), (event) => event.userId, 500)).toHaveLength(1);
  expect(splitIntoLanes(events(500), (event) => event.userId, 500)[0]!.lanes).toEqual([0, 1, 2, 3]);
  const backlog = splitIntoLanes(events(2_000), (event) => event.userId, 500);
  expect(backlog.map((group) => group.lanes)).toEqual([[0], [1], [2], [3]]);
  // FNV-1a spreads LINE's user ids evenly: no lane near twice its share.
  for (const group of backlog) expect(group.items.length).toBeGreaterThan(400);
  expect(splitIntoLanes([], (event: { userId: string }) => event.userId, 500)).toEqual([]);
});

test('a user takes the same lane in every process and every release: FNV-1a, pinned to its published values', () => {
  // FNV-1a 32-bit of "a", "b", "c", "d" is 0xe40c292c, 0xe70c2de5, 0xe60c2c52, 0xe10c2473.
  expect(['a', 'b', 'c', 'd'].map(laneOf)).toEqual([0xe40c292c % 4, 0xe70c2de5 % 4, 0xe60c2c52 % 4, 0xe10c2473 % 4]);
  expect(['a', 'b', 'c', 'd'].map(laneOf)).toEqual([0, 1, 2, 3]);
});
