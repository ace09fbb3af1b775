/** The one source of time in the runtime; tests pass a clock they move by hand. */
export interface Clock {
  now(): Date;
  /** Lets `ms` pass. A test clock moves its own time (and pg-boss's timers) instead of waiting. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
