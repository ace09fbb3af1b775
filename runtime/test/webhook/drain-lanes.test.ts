import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDrainer, INGEST_BATCH } from '../../src/ingest/drain.ts';
import { INGEST_LANES } from '../../src/ingest/lanes.ts';
import { followEvent, unfollowEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, newUserId, postEvents, rows, type Workspace } from './harness.ts';

// A channel's backlog applied in lanes: several transactions side by side, each user's events in
// one of them and in arrival order across rounds, every event once; and an event that loses a race
// to a concurrent transaction (a deadlock) waits for the next pass without counting an attempt.

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
  // Which transaction wrote each friend, to see the lanes side by side.
  await t.database.pool.query('create table friend_writers (line_user_id text primary key, tx xid8 not null)');
  await t.database.pool.query(`create function log_friend_writer() returns trigger language plpgsql as $$
    begin insert into friend_writers values (new.line_user_id, pg_current_xact_id()) on conflict do nothing; return new; end $$`);
  await t.database.pool.query('create trigger log_friend_writer after insert on friends for each row execute function log_friend_writer()');
}, 60_000);
afterAll(() => t.close());

const drainer = () => createDrainer({ db: t.app.db, ctx: t.app.runContext, log: t.app.log });
const post = async (events: object[]) => {
  for (let i = 0; i < events.length; i += 100) await postEvents(t, ws, events.slice(i, i + 100));
};

test('a backlog is applied by one transaction per lane, each user\'s events in arrival order, every event once', async () => {
  const backlog = INGEST_BATCH * INGEST_LANES;
  const users = Array.from({ length: backlog + 300 }, () => newUserId());
  const leaving = users.slice(0, 300);
  // Every user follows; then the first 300 unfollow, after the first drain round's events, so a
  // later round holds their unfollow: it must not overtake their follow in another transaction.
  await post(users.map((userId) => followEvent({ userId, timestamp: t.clock.now() })));
  await post(leaving.map((userId) => unfollowEvent({ userId, timestamp: t.clock.now() })));

  await drainer().drain(ws.channelId);

  const [counts] = await rows<{ friends: number; active: number; blocked: number; followed: number; pending: number }>(t, `
    select count(*)::int as friends,
      count(*) filter (where status = 'active')::int as active,
      count(*) filter (where status = 'blocked' and line_user_id = any($2))::int as blocked,
      (select count(*)::int from timeline_entries e join friends f on f.id = e.friend_id where f.line_user_id = any($1) and e.kind = 'followed') as followed,
      (select count(*)::int from webhook_events where channel_id = $3 and processed_at is null) as pending
    from friends where line_user_id = any($1)`, [users, leaving, ws.channelId]);
  expect(counts).toEqual({ friends: users.length, active: users.length - leaving.length, blocked: leaving.length, followed: users.length, pending: 0 });

  // The first round's 2,000 follows were written by one transaction per lane, side by side.
  const writers = await rows<{ tx: string; n: number }>(t,
    'select tx::text, count(*)::int as n from friend_writers where line_user_id = any($1) group by tx', [users.slice(0, backlog)]);
  expect(writers.length).toBeGreaterThanOrEqual(INGEST_LANES);
  expect(Math.max(...writers.map((writer) => writer.n))).toBeLessThanOrEqual(INGEST_BATCH + 150);
});

test('an event that meets a deadlock waits for the next pass without counting an attempt; a real failure counts one', async () => {
  const raced = newUserId();
  const broken = newUserId();
  const neighbour = newUserId();
  // The database refuses these two friends: one as a deadlock would, one as a bug would.
  await t.database.pool.query(`create function refuse_two() returns trigger language plpgsql as $$
    begin
      if new.line_user_id = '${raced}' then raise exception 'deadlock for the test' using errcode = '40P01'; end if;
      if new.line_user_id = '${broken}' then raise exception 'refused for the test'; end if;
      return new;
    end $$`);
  await t.database.pool.query('create trigger refuse_two before insert on friends for each row execute function refuse_two()');
  const events = [raced, broken, neighbour].map((userId) => followEvent({ userId, timestamp: t.clock.now() }));
  await postEvents(t, ws, events);
  const attempts = async () => Object.fromEntries((await rows<{ webhook_event_id: string; attempts: number }>(t,
    'select webhook_event_id, attempts from webhook_events where webhook_event_id = any($1)', [events.map((event) => event.webhookEventId)]))
    .map((row) => [row.webhook_event_id, row.attempts]));
  try {
    await expect(drainer().drain(ws.channelId)).rejects.toThrow('2 users\' webhook events failed and wait for a retry');
    expect(await attempts()).toEqual({ [events[0]!.webhookEventId]: 0, [events[1]!.webhookEventId]: 1, [events[2]!.webhookEventId]: 0 });
    const applied = await rows<{ line_user_id: string }>(t, 'select line_user_id from friends where line_user_id = any($1)', [[raced, broken, neighbour]]);
    expect(applied.map((row) => row.line_user_id)).toEqual([neighbour]);
  } finally {
    await t.database.pool.query('drop trigger refuse_two on friends');
  }
  // The race is over: the next pass applies both, once.
  await drainer().drain(ws.channelId);
  const friends = await rows<{ line_user_id: string }>(t, 'select line_user_id from friends where line_user_id = any($1) order by line_user_id', [[raced, broken, neighbour]]);
  expect(friends.map((row) => row.line_user_id)).toEqual([raced, broken, neighbour].sort());
  expect((await rows<{ n: number }>(t, 'select count(*)::int as n from webhook_events where channel_id = $1 and processed_at is null', [ws.channelId]))[0]!.n).toBe(0);
});
