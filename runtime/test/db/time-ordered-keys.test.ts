import { afterAll, beforeAll, expect, test } from 'vitest';
import { timeOrderedUuid } from '../../src/store/ids.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// Runs and sends are keyed by UUID version 7 (time first), so a cohort's inserts append to the
// keys' indexes instead of landing on random pages (docs/BENCHMARKS.md, cohort).

test('a time-ordered id is a version 7 UUID whose order follows its time', () => {
  const ids = [0, 1, 2, 1_000, 86_400_000].map((offset) => timeOrderedUuid(new Date(Date.UTC(2026, 11, 1) + offset)));
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect([...ids].sort()).toEqual(ids);
  expect(ids[0]!.slice(0, 13).replace('-', '')).toBe(Date.UTC(2026, 11, 1).toString(16).padStart(12, '0'));
  // Random past the time: two ids of one millisecond differ.
  const at = new Date();
  expect(new Set(Array.from({ length: 1_000 }, () => timeOrderedUuid(at))).size).toBe(1_000);
});

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  await publishScenario(ws, 'welcome', linearScenario({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ send: 'ようこそ' }]));
});
afterAll(() => t.close());

test('a run and its send are keyed by version 7 UUIDs', async () => {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '山田' });
  await waitFor(t.clock, async () => (await rows(t, 'select id from sends where friend_id = $1', [friend.id])).length === 1);
  const [keys] = await rows<{ run: string; send: string }>(t, `select
    (select substr(id::text, 15, 1) from runs where friend_id = $1) as run,
    (select substr(id::text, 15, 1) from sends where friend_id = $1) as send`, [friend.id]);
  // The version is the UUID's 13th hex digit.
  expect(keys).toEqual({ run: '7', send: '7' });
});
