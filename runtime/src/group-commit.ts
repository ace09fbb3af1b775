/**
 * Group commit: items that arrive while a commit is under way wait and go together in the next
 * one, so a statement and a WAL flush serve many callers instead of one each. Alone, an item
 * commits at once; under load the groups grow by themselves, with no timer to tune.
 *
 * One commit runs at a time. Its rows' locks never meet another commit's (the sender's settles), and
 * the groups are as large as the load makes them: webhook POSTs at one event each used a sixth less
 * CPU a follow with one commit in flight than with four, which split the same POSTs into groups a
 * quarter the size, each a statement and a WAL flush (docs/BENCHMARKS.md, 2026-12-02).
 */
export function createGroupCommit<T>(commit: (group: T[]) => Promise<unknown>) {
  interface Waiter { item: T; resolve: () => void; reject: (error: unknown) => void }
  let waiting: Waiter[] = [];
  let committing = false;
  let idleWaiters: Array<() => void> = [];

  function pump(): void {
    if (waiting.length === 0 || committing) return;
    const group = waiting;
    waiting = [];
    committing = true;
    commit(group.map((waiter) => waiter.item)).then(
      () => { for (const waiter of group) waiter.resolve(); },
      (error: unknown) => { for (const waiter of group) waiter.reject(error); },
    ).finally(() => {
      committing = false;
      pump();
      if (!committing) {
        const resolved = idleWaiters;
        idleWaiters = [];
        for (const resolve of resolved) resolve();
      }
    });
  }

  return {
    /** Resolves once the group holding `item` has committed; rejects with its error if it failed. */
    add(item: T): Promise<void> {
      const done = new Promise<void>((resolve, reject) => waiting.push({ item, resolve, reject }));
      pump();
      return done;
    },
    /** Waits until no commit is under way or waiting (shutdown). */
    idle(): Promise<void> {
      if (!committing) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
