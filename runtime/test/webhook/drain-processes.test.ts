import type { Job } from 'pg-boss';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDrainer, INGEST_BATCH } from '../../src/ingest/drain.ts';
import { createProfileFetcher, fetchFriendProfiles } from '../../src/ingest/profiles.ts';
import { followEvent } from '../../src/line/fake/index.ts';
import type { ProfileJob } from '../../src/store/queues.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, newUserId, postEvents, rows, type Workspace } from './harness.ts';

// Two worker processes draining one channel's webhook events at once (two drainers over one
// database, as two processes have): one pass runs at a time, so each follow is applied once. No
// drainer asks LINE for a profile: each batch queues one profile job for its new friends, so each
// profile is asked of LINE once, however many processes read the batch, and a job run again (its
// completion lost) asks nothing more.

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
}, 60_000);
afterAll(() => t.close());

test('two processes draining a channel together apply each follow once and queue each follower\'s profile once', async () => {
  const users = Array.from({ length: INGEST_BATCH + 100 }, () => newUserId());
  for (let i = 0; i < users.length; i += 100) await postEvents(t, ws, users.slice(i, i + 100).map((userId) => followEvent({ userId })));

  const drainers = [1, 2].map(() => createDrainer({ db: t.app.db, ctx: t.app.runContext, log: t.app.log }));
  await Promise.all(drainers.map((drainer) => drainer.drain(ws.channelId)));

  const [counts] = await rows<{ friends: number; followed: number; pending: number }>(t, `
    select count(*)::int as friends,
      (select count(*)::int from timeline_entries e join friends f on f.id = e.friend_id where f.line_user_id = any($1) and e.kind = 'followed') as followed,
      count(*) filter (where profile_status = 'pending' and display_name = '')::int as pending
    from friends where line_user_id = any($1)`, [users]);
  expect(counts).toEqual({ friends: users.length, followed: users.length, pending: users.length });
  // Applying the batches asked LINE for nothing: no follow waited for a profile.
  expect(t.app.fakeLine.requests.list().filter((request) => request.endpoint === 'profile')).toEqual([]);
  const [pendingEvents] = await rows<{ n: number }>(t, 'select count(*)::int as n from webhook_events where channel_id = $1 and processed_at is null', [ws.channelId]);
  expect(pendingEvents!.n).toBe(0);

  // One job per applied batch: the 600 follows were applied in at most a few batches.
  const jobs = await rows<{ id: string; data: ProfileJob }>(t, "select id, data from pgboss.job where name = 'friend-profile'");
  const queued = jobs.flatMap(({ data }) => ('friendIds' in data ? data.friendIds : [data.friendId]));
  expect(queued).toHaveLength(users.length);
  expect(new Set(queued).size).toBe(users.length);
  expect(jobs.length).toBeLessThanOrEqual(Math.ceil(users.length / 100));

  const asked = new Map<string, number>();
  const fetcher = createProfileFetcher(async (_channelId, userId) => {
    asked.set(userId, (asked.get(userId) ?? 0) + 1);
    return { kind: 'found', profile: { displayName: `友${userId.slice(-4)}`, pictureUrl: null } };
  });
  const run = (job: { id: string; data: ProfileJob }) => fetchFriendProfiles(t.app.db, t.app.runContext, fetcher, { ...job, retryCount: 0 } as Job<ProfileJob>);
  for (const job of jobs) await run(job);
  for (const job of jobs) await run(job);

  expect(asked.size).toBe(users.length);
  expect([...asked.values()].filter((times) => times > 1)).toEqual([]);
  const [named] = await rows<{ n: number }>(t, "select count(*)::int as n from friends where line_user_id = any($1) and profile_status = 'fetched' and display_name like '友%'", [users]);
  expect(named!.n).toBe(users.length);
});
