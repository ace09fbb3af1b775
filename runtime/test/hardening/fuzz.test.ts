import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFixtures } from '../../scripts/fuzz/fixtures.ts';
import { queueIdle, runFuzz } from '../../scripts/fuzz/run.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

// The short version of `npm run fuzz` (issue 10.8): mutated requests over every route of the OpenAPI
// document; no 5xx, and no rejected request changes the database. FUZZ_SEED=<n> replays a run.

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
let t: TestApp;
// Workers on, as in production: the simulator's follow waits for them. After an accepted request the
// fuzzer waits for the queue to drain, so what changes next is the next request's doing.
beforeAll(async () => { t = await createTestApp({ workers: true }); });
afterAll(async () => t?.close());

test(`fuzzed requests to every route answer without a 5xx and rejected ones change nothing (seed ${seed})`, async () => {
  const fixtures = await createFixtures(t.app);
  const result = await runFuzz({ app: t.app, pool: t.database.pool, fixtures, requests: 600, seed, settle: () => queueIdle(t.database.pool) });
  expect(result.operations).toBeGreaterThan(30);
  expect(result.serverErrors).toEqual([]);
  expect(result.changedByRejected).toEqual([]);
}, 240_000);
