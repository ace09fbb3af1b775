import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDrainer, INGEST_BATCH } from '../../src/ingest/drain.ts';
import { createProfileFetcher } from '../../src/ingest/profiles.ts';
import { followEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, newUserId, postEvents, rows, type Workspace } from './harness.ts';

// Two worker processes draining one channel's webhook events at once (two drainers over one
// database, as two processes have): one pass runs at a time, so each follow is applied once and
// each new friend's profile is asked of LINE once, not once per process that read the batch ahead.

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
}, 60_000);
afterAll(() => t.close());

test('two processes draining a channel together fetch each follower\'s profile once and apply each follow once', async () => {
  const users = Array.from({ length: INGEST_BATCH + 100 }, () => newUserId());
  for (let i = 0; i < users.length; i += 100) await postEvents(t, ws, users.slice(i, i + 100).map((userId) => followEvent({ userId })));

  const asked = new Map<string, number>();
  const drainers = [1, 2].map(() => createDrainer({
    db: t.app.db, ctx: t.app.runContext, log: t.app.log,
    profiles: createProfileFetcher(async (_channelId, userId) => {
      asked.set(userId, (asked.get(userId) ?? 0) + 1);
      return { kind: 'found', profile: { displayName: `友${userId.slice(-4)}`, pictureUrl: null } };
    }),
  }));
  await Promise.all(drainers.map((drainer) => drainer.drain(ws.channelId)));

  expect([...asked.values()].filter((times) => times > 1)).toEqual([]);
  expect(asked.size).toBe(users.length);
  const [counts] = await rows<{ friends: number; followed: number; named: number }>(t, `
    select count(*)::int as friends,
      (select count(*)::int from timeline_entries e join friends f on f.id = e.friend_id where f.line_user_id = any($1) and e.kind = 'followed') as followed,
      count(*) filter (where profile_status = 'fetched' and display_name like '友%')::int as named
    from friends where line_user_id = any($1)`, [users]);
  expect(counts).toEqual({ friends: users.length, followed: users.length, named: users.length });
  const [pending] = await rows<{ n: number }>(t, 'select count(*)::int as n from webhook_events where channel_id = $1 and processed_at is null', [ws.channelId]);
  expect(pending!.n).toBe(0);
});
