import { expect, test } from 'vitest';
import { fnv1a } from '../src/index.ts';

// Keys derived from it must never move between releases (a user's ingest lane, a node's LINE unit
// name, a random split's draw on replay): pinned to FNV-1a's published 32-bit values.
test('fnv1a gives the published FNV-1a 32-bit values, and chains from a given hash', () => {
  expect(fnv1a('')).toBe(0x811c9dc5);
  expect(fnv1a('a')).toBe(0xe40c292c);
  expect(fnv1a('foobar')).toBe(0xbf9cf968);
  expect(fnv1a('bar', fnv1a('foo'))).toBe(fnv1a('foobar'));
});
