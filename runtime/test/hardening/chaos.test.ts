import { expect, test } from 'vitest';
import { runChaos } from '../../scripts/chaos/run.ts';

// The short version of `npm run chaos` (issue 10.8): worker processes SIGKILLed, PostgreSQL
// restarted once, LINE failing, and still every friend gets each message once and in order.
// CHAOS_SEED=<n> replays a run.

const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));

test(`chaos (seed ${seed}): nothing lost, nothing duplicated, nothing out of order`, async () => {
  const result = await runChaos({ friends: 100, kills: 3, workers: 2, seed, deadlineMs: 360_000 });
  expect(result).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0, sent: 300 });
}, 600_000);
