/**
 * Group commit: items that arrive while commits are under way wait and go together in the next
 * one, so a statement and a WAL flush serve many callers instead of one each. Alone, an item
 * commits at once; under load the groups grow by themselves, with no timer to tune.
 *
 * `inFlightLimit` commits may run at once: PostgreSQL shares one WAL flush between concurrent
 * commits, so a few in flight carry more than one (webhook POSTs); one in flight keeps a single
 * statement's row locks from meeting another's (the sender's settles).
 */
export function createGroupCommit<T>(commit: (group: T[]) => Promise<unknown>, inFlightLimit: number) {
  interface Waiter { item: T; resolve: () => void; reject: (error: unknown) => void }
  let waiting: Waiter[] = [];
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];

  function pump(): void {
    while (waiting.length > 0 && inFlight < inFlightLimit) {
      const group = waiting;
      waiting = [];
      inFlight += 1;
      commit(group.map((waiter) => waiter.item)).then(
        () => { for (const waiter of group) waiter.resolve(); },
        (error: unknown) => { for (const waiter of group) waiter.reject(error); },
      ).finally(() => {
        inFlight -= 1;
        pump();
        if (inFlight === 0 && waiting.length === 0) {
          const resolved = idleWaiters;
          idleWaiters = [];
          for (const resolve of resolved) resolve();
        }
      });
    }
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
      if (inFlight === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
