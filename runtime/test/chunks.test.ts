import { expect, test } from 'vitest';
import { chunks } from '../src/chunks.ts';

test('chunks cut in order, the last one shorter, and nothing for nothing', () => {
  expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunks([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
  expect(chunks([], 500)).toEqual([]);
  expect(chunks(Array.from({ length: 1_001 }, (_, i) => i), 500).map((part) => part.length)).toEqual([500, 500, 1]);
});

test('a size that would never end or cut nothing is refused', () => {
  expect(() => chunks([1], 0)).toThrow(RangeError);
  expect(() => chunks([1], 1.5)).toThrow(RangeError);
});
