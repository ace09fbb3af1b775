import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from '../../src/db/pool.ts';
import { createSettleQueue } from '../../src/sending/settle-queue.ts';
import { renewSendLeases, type SendBatch } from '../../src/store/send-batches.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';

// The sender settles by group commit: batches LINE answered while a settle statement ran go
// together in the next one, each batch fenced by its key. A settle that fails leaves the rows in
// flight, so their lease lapses and the batch is sent again with its key (LINE answers 409).

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
}, 60_000);
afterAll(() => t.close());

/** `count` one-friend batches in flight (as personalised pushes are), each under its own key. */
async function inFlight(count: number): Promise<Array<{ key: string; members: Array<{ id: string; lineUserId: string }> }>> {
  const friends = await rows<{ id: string; line_user_id: string }>(t, `
    insert into friends (workspace_id, channel_id, line_user_id, registered_at)
    select $1, $2, 'U' || md5(random()::text), now() from generate_series(1, $3) returning id, line_user_id`, [ws.id, ws.channelId, count]);
  const sent = await rows<{ id: string; retry_key: string; friend_id: string }>(t, `
    insert into sends (workspace_id, channel_id, friend_id, retry_key, batch_key, messages, message_digest, status, lease_until, due_at)
    select $1, $2, f.id, f.key, f.key, '[{"type":"text","text":"こんにちは"}]', 'hello', 'sending', now() + interval '15 seconds', now()
    from (select unnest($3::uuid[]) as id, gen_random_uuid() as key) f
    returning id, retry_key, friend_id`, [ws.id, ws.channelId, friends.map((friend) => friend.id)]);
  const lineUserOf = new Map(friends.map((friend) => [friend.id, friend.line_user_id]));
  return sent.map((row) => ({ key: row.retry_key, members: [{ id: row.id, lineUserId: lineUserOf.get(row.friend_id)! }] }));
}

/** The app's database, counting the statements a settle sends (or failing the next `failing` of them). */
function watched(db: Db, failing = 0): Db & { statements: number } {
  const counter = { statements: 0 };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'statements') return counter.statements;
      if (property !== 'execute') return Reflect.get(target, property, receiver);
      return (...args: Parameters<Db['execute']>) => {
        counter.statements += 1;
        if (failing-- > 0) return Promise.reject(new Error('connection lost'));
        return target.execute(...args);
      };
    },
  }) as Db & { statements: number };
}

const statusOf = async (ids: string[]) => rows<{ id: string; status: string; sent_at: Date | null; error: unknown; retry_key_replayed: boolean; lease_until: Date | null }>(t,
  'select id, status, sent_at, error, retry_key_replayed, lease_until from sends where id = any($1) order by id', [ids]);

test('a hundred batches answered at once settle in two statements, each with its own outcome', async () => {
  const batches = await inFlight(100);
  const db = watched(t.app.db);
  const queue = createSettleQueue(db, t.app.clock);
  const [replayed, refused, ...accepted] = batches;
  await Promise.all([
    queue.settle({ batch: replayed!, status: 'sent', detail: { retryKeyReplayed: true } }),
    queue.settle({ batch: refused!, status: 'failed', detail: { status: 400, reason: 'Failed to send messages' } }),
    ...accepted.map((batch) => queue.settle({ batch, status: 'sent', detail: {} })),
  ]);

  // The first settle went alone; the 99 answered while it ran went together.
  expect(db.statements).toBe(2);
  const settled = new Map((await statusOf(batches.map((batch) => batch.members[0]!.id))).map((row) => [row.id, row]));
  expect(settled.get(replayed!.members[0]!.id)).toMatchObject({ status: 'sent', retry_key_replayed: true, error: null, lease_until: null });
  expect(settled.get(refused!.members[0]!.id)).toMatchObject({ status: 'failed', sent_at: null, error: { status: 400, reason: 'Failed to send messages' } });
  expect(accepted.every((batch) => settled.get(batch.members[0]!.id)!.status === 'sent' && settled.get(batch.members[0]!.id)!.sent_at !== null)).toBe(true);
});

test('a batch another worker has taken again (a new key) is left to that worker', async () => {
  const [mine, retaken] = await inFlight(2);
  await t.database.pool.query('update sends set batch_key = gen_random_uuid() where id = $1', [retaken!.members[0]!.id]);
  const queue = createSettleQueue(t.app.db, t.app.clock);
  await Promise.all([mine, retaken].map((batch) => queue.settle({ batch: batch!, status: 'sent', detail: {} })));
  expect((await statusOf([mine!.members[0]!.id, retaken!.members[0]!.id])).map((row) => row.status).sort()).toEqual(['sending', 'sent']);
});

test('a settle statement that fails rejects the batches it carried and leaves their rows in flight; the next settles', async () => {
  const batches = await inFlight(3);
  const queue = createSettleQueue(watched(t.app.db, 1), t.app.clock);
  const outcomes = await Promise.allSettled(batches.map((batch) => queue.settle({ batch, status: 'sent', detail: {} })));
  // The first went alone and failed; the two answered meanwhile settled in the next statement.
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  const after = new Map((await statusOf(batches.map((batch) => batch.members[0]!.id))).map((row) => [row.id, row.status]));
  expect(batches.map((batch) => after.get(batch.members[0]!.id))).toEqual(['sending', 'sent', 'sent']);
});

test('a lease renewal skips the rows a settle is holding instead of waiting for them (the two cannot deadlock)', async () => {
  const [settling, waitingForLine] = await inFlight(2);
  const holder = await t.database.pool.connect();
  try {
    // A settle that has locked its row and not yet committed.
    await holder.query('begin');
    await holder.query("update sends set status = 'sent' where id = $1", [settling!.members[0]!.id]);
    const until = new Date(Date.now() + 3_600_000);
    const batches = [settling, waitingForLine].map((batch) => ({ ...batch!, channelId: ws.channelId, messages: [], attempts: 1 })) as SendBatch[];
    await renewSendLeases(t.app.db, batches, until);
    await holder.query('commit');
  } finally {
    holder.release();
  }
  const after = new Map((await statusOf([settling!.members[0]!.id, waitingForLine!.members[0]!.id])).map((row) => [row.id, row]));
  expect(after.get(waitingForLine!.members[0]!.id)!.lease_until!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  expect(after.get(settling!.members[0]!.id)).toMatchObject({ status: 'sent' });
});
