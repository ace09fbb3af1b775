import type { TestClock } from 'pg-boss';

/**
 * Waits for a condition while letting pg-boss's workers run: each round moves the test clock a
 * little (firing pg-boss's polls) and yields to the event loop so handlers can do their IO.
 * Bounded by rounds, not by wall time, so a slow machine is not a flaky machine.
 */
export async function waitFor<T>(clock: TestClock, probe: () => Promise<T | undefined | false>, rounds = 400): Promise<T> {
  for (let round = 0; round < rounds; round++) {
    const value = await probe();
    if (value) return value;
    await clock.tick(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`condition not met after ${rounds} rounds`);
}
