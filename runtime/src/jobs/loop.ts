import type { FastifyBaseLogger } from 'fastify';

export interface Loop {
  /** Ends the loop after its current pass. */
  stop(): Promise<void>;
}

/** A loop whose owner can cut its pause short when work it waits for has arrived. */
export interface NudgeableLoop extends Loop {
  /** Runs the next pass now if the loop is pausing (otherwise the pass after this one runs at once). */
  nudge(): void;
}

/**
 * Runs `pass` again and again: at once while it reports more work, otherwise after `idleMs` (real
 * time: these loops poll the database, whatever clock the product runs on). A pass that throws (a
 * deadlock, a lost connection) is logged and tried again after the pause; its transaction rolled back.
 */
export function startLoop(name: string, log: FastifyBaseLogger, idleMs: number, pass: () => Promise<boolean>): NudgeableLoop {
  let stopped = false;
  let nudged = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    if (nudged) return resolve();
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });
  const running = (async () => {
    while (!stopped) {
      let more = false;
      nudged = false;
      try {
        more = await pass();
      } catch (error) {
        if (!stopped) log.warn({ err: error, loop: name }, 'worker pass failed; trying again');
      }
      if (!more && !stopped) await pause(idleMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
    nudge() {
      nudged = true;
      wake?.();
    },
  };
}
