import { expect, test } from 'vitest';
import { createGroupCommit } from '../src/group-commit.ts';

// The webhook inbox and the sender's settles both commit by group; this is the rule they share.

/** A commit function whose calls stay open until the test finishes (or fails) them. */
function heldCommits() {
  const calls: Array<{ group: string[]; finish: () => void; fail: (error: Error) => void }> = [];
  const commit = (group: string[]) => new Promise<void>((finish, fail) => calls.push({ group, finish, fail }));
  return { calls, commit };
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

test('an item alone commits at once; those that arrive meanwhile go together in the next commit', async () => {
  const { calls, commit } = heldCommits();
  const group = createGroupCommit(commit);
  const first = group.add('a');
  expect(calls.map((call) => call.group)).toEqual([['a']]);
  const later = [group.add('b'), group.add('c'), group.add('d')];
  expect(calls).toHaveLength(1); // one in flight at most
  calls[0]!.finish();
  await first;
  await turn();
  expect(calls.map((call) => call.group)).toEqual([['a'], ['b', 'c', 'd']]);
  calls[1]!.finish();
  await Promise.all(later);
});

test('a failed commit rejects every item in its group and no other', async () => {
  const { calls, commit } = heldCommits();
  const group = createGroupCommit(commit);
  const first = group.add('a');
  const second = group.add('b');
  const third = group.add('c');
  calls[0]!.finish();
  await first;
  await turn();
  calls[1]!.fail(new Error('statement failed'));
  await expect(second).rejects.toThrow('statement failed');
  await expect(third).rejects.toThrow('statement failed');
  const fourth = group.add('d');
  expect(calls[2]!.group).toEqual(['d']);
  calls[2]!.finish();
  await fourth;
});

test('idle waits for every commit under way or waiting, and answers at once when there is none', async () => {
  const { calls, commit } = heldCommits();
  const group = createGroupCommit(commit);
  await group.idle();
  void group.add('a');
  void group.add('b');
  let idle = false;
  const waits = [group.idle(), group.idle()].map((wait) => wait.then(() => { idle = true; }));
  calls[0]!.finish();
  await turn();
  expect(idle).toBe(false); // 'b' is committing
  calls[1]!.finish();
  await Promise.all(waits);
  expect(idle).toBe(true);
});
