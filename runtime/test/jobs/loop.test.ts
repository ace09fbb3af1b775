import { expect, test } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { startLoop } from '../../src/jobs/loop.ts';

// The set-based loops poll: a pass that found nothing waits idleMs before the next. The sender
// waits so while half of its batches are out, and the batch that frees the room nudges it on.

const log = { warn: () => {} } as unknown as FastifyBaseLogger;

test('a pausing loop runs its next pass at once when nudged, and a nudge during a pass skips the pause after it', async () => {
  let passes = 0;
  let release: (() => void) | undefined;
  const loop = startLoop('test', log, 60_000, async () => {
    passes += 1;
    if (passes === 2) await new Promise<void>((resolve) => { release = resolve; });
    return false;
  });
  try {
    await new Promise((resolve) => setImmediate(resolve));
    expect(passes).toBe(1); // now pausing for a minute
    loop.nudge();
    await new Promise((resolve) => setImmediate(resolve));
    expect(passes).toBe(2); // in its second pass, held
    loop.nudge();
    release!();
    for (let i = 0; i < 5 && passes < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(passes).toBe(3);
  } finally {
    await loop.stop();
  }
});
