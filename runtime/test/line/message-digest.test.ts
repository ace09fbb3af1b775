import { expect, test } from 'vitest';
import { digestOf } from '../../src/line/message-digest.ts';

// A frozen message array (an impersonal rendering, shared by a node's sends) is hashed once and
// remembered; its digest must be the one any equal array gets, or its friends would not be batched
// with sends rendered before the sharing.
test('a frozen array has the digest of an equal array, remembered; an unfrozen one is hashed as it is', () => {
  const messages = [{ type: 'text', text: '本日10:00からセール開始です！' }];
  const shared = Object.freeze([...messages]) as unknown[];
  expect(digestOf(shared)).toBe(digestOf(structuredClone(messages)));
  expect(digestOf(shared)).toBe(digestOf(shared));
  const changing: unknown[] = [...messages];
  const before = digestOf(changing);
  changing.push({ type: 'text', text: 'もう一通' });
  expect(digestOf(changing)).not.toBe(before);
});
