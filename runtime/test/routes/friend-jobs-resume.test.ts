import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FRIEND_JOB_LEASE_MS, insertFriendJob, LostFriendJobLease, recordJobChunk } from '../../src/store/friend-bulk.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, newUserId, rows, type Workspace } from '../webhook/harness.ts';

// An import job whose process died after its first chunk: the rows are stored with the job, the
// cursor says where it stopped, and an API process takes it over once the lease lapses, applying
// only the rest. (test/crash/friend-jobs-kill.test.ts kills a real process mid bulk-tag job.)

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

test('an orphaned import resumes from its cursor: rows before it are not applied again, rows after it are', async () => {
  const field = (await ws.api('POST', '/fields', { name: '会員番号', kind: 'text' })).id as string;
  const friendIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const [row] = await rows<{ id: string }>(t, `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
      values ($1, $2, $3, $4, now()) returning id`, [ws.id, ws.channelId, newUserId(), `会員${i}`]);
    friendIds.push(row!.id);
  }
  const planned = friendIds.map((friendId, i) => ({ line: i + 2, lineUserId: 'U', friendIds: [friendId], displayName: '', fields: { [field]: `M-${i}` }, addTagIds: [], removeTagIds: [] }));
  const now = new Date(t.clock.now());
  // A life that died: leased to a token nobody holds, one row (the first) already applied and recorded.
  const job = await insertFriendJob(t.app.db, { workspaceId: ws.id, kind: 'import', total: 3, detail: { errors: [], errorCount: 0 }, createdAt: now, leaseToken: randomUUID() }, planned);
  await rows(t, `update friends set fields = fields || $2::jsonb where id = $1`, [friendIds[0], JSON.stringify({ [field]: 'M-0' })]);
  await rows(t, `update friend_jobs set processed = 1, cursor = '1' where id = $1`, [job.id]);

  // Before the lease lapses nobody touches it; after, the resumer (polling every few seconds) takes it.
  await t.clock.tick(FRIEND_JOB_LEASE_MS + 1_000);
  const done = await waitFor(t.clock, async () => {
    const now = await ws.api('GET', `/friend-jobs/${job.id}`);
    return now.status !== 'running' && now;
  }, 1_500);
  expect(done).toMatchObject({ status: 'done', processed: 3, changed: 2 });
  const values = await rows<{ id: string; v: string }>(t, `select id, fields->>$2 as v from friends where id = any($1::uuid[])`, [friendIds, field]);
  expect(Object.fromEntries(values.map((r) => [r.id, r.v]))).toEqual(Object.fromEntries(friendIds.map((id, i) => [id, `M-${i}`])));
  // Only the two resumed rows wrote timeline entries; the stored rows are gone with the job.
  const entries = await rows<{ friend_id: string }>(t, "select friend_id from timeline_entries where kind = 'field_set' and friend_id = any($1::uuid[])", [friendIds]);
  expect(entries.map((e) => e.friend_id).sort()).toEqual([friendIds[1], friendIds[2]].sort());
  expect(await rows(t, 'select 1 from friend_job_rows where job_id = $1', [job.id])).toEqual([]);
});

test('a process that lost its lease cannot commit another chunk', async () => {
  const now = new Date(t.clock.now());
  const job = await insertFriendJob(t.app.db, { workspaceId: ws.id, kind: 'tags', total: 10, detail: {}, createdAt: now, leaseToken: randomUUID() });
  // Another process took the job over (a new token); this one's next chunk must roll back.
  await expect(t.app.db.transaction((tx) => recordJobChunk(tx, { id: job.id, leaseToken: randomUUID() }, { processed: 5, changed: 5, cursor: 'x' }, now)))
    .rejects.toBeInstanceOf(LostFriendJobLease);
  expect((await rows<{ processed: number }>(t, 'select processed from friend_jobs where id = $1', [job.id]))[0]!.processed).toBe(0);
});
