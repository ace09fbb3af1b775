import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startSlowFakeLine, type SlowFakeLine } from './slow-fake-line.ts';
import { crashWorker, type WorkerProcess } from './worker-process.ts';
import { apiClient, insertFriends, seededRandom } from './workload.ts';

// A bulk tag job over a whole filter runs in the API process in committed chunks. The process is
// SIGKILLed mid-job; what it committed must be exactly the chunks its progress says (chunk and
// progress commit together), and the next life must take the job over once its lease lapses and
// finish it: every friend tagged, each tag_added entry (and tag trigger) once, nothing lost.

const FRIENDS = 30_000;
/** Restarts take 15-35 s on a loaded 2-core machine, and the job's lease (30 s) must lapse first. */
const DEADLINE_MS = 240_000;

let database: TestDatabase;
let line: SlowFakeLine;
let worker: WorkerProcess;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  line = await startSlowFakeLine(0);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-crash-jobs-'));
  worker = crashWorker(database.url, line.url, dataDir);
});

afterAll(async () => {
  await worker?.kill().catch(() => {});
  await line?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function jobRow(id: string) {
  const { rows: [row] } = await database.pool.query<{ status: string; processed: number; total: number; changed: number }>(
    "select status, processed, total, coalesce((detail->>'changed')::int, 0) as changed from friend_jobs where id = $1", [id]);
  return row!;
}

async function tagged(tagId: string): Promise<{ pairs: number; entries: number; doubled: number }> {
  const { rows: [row] } = await database.pool.query<{ pairs: number; entries: number; doubled: number }>(`select
    (select count(*)::int from friend_tags where tag_id = $1) as pairs,
    (select count(*)::int from timeline_entries where kind = 'tag_added' and detail->>'tagId' = $1::text) as entries,
    (select count(*)::int from (select friend_id from timeline_entries where kind = 'tag_added' and detail->>'tagId' = $1::text
       group by friend_id having count(*) > 1) d) as doubled`, [tagId]);
  return row!;
}

test('a bulk tag job killed mid-way is resumed by the next life: every friend tagged once, none twice', async () => {
  const deadline = Date.now() + DEADLINE_MS;
  let api = apiClient(await worker.start());
  const workspace = await api<{ id: string }>('POST', '/api/workspaces', { name: 'Jobs crash' });
  const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
  const channel = await api<{ id: string }>('POST', ws('/channels'), {
    name: 'Crash channel', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}`,
  });
  await insertFriends(database.pool, workspace.id, channel.id, FRIENDS, seededRandom(7));
  const tag = await api<{ id: string }>('POST', ws('/tags'), { name: 'キャンペーン対象' });

  const job = await api<{ id: string; total: number }>('POST', ws('/friends/bulk-tags'), { filter: {}, add: [tag.id], remove: [] });
  expect(job.total).toBe(FRIENDS);
  // Kill once some chunks are committed and some are not.
  for (;;) {
    const now = await jobRow(job.id);
    if (now.processed > 0) break;
    if (Date.now() > deadline) throw new Error(`no chunk committed: ${JSON.stringify(now)}\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await worker.kill();
  const atKill = await jobRow(job.id);
  const committed = await tagged(tag.id);
  process.stdout.write(`[friend-jobs crash] killed at ${atKill.processed}/${atKill.total}\n`);
  expect(atKill.status).toBe('running');
  expect(atKill.processed).toBeLessThan(FRIENDS);
  // Exactly what the progress says is applied: chunk and progress commit in one transaction.
  expect(committed).toEqual({ pairs: atKill.processed, entries: atKill.processed, doubled: 0 });

  api = apiClient(await worker.start());
  let done: Awaited<ReturnType<typeof jobRow>>;
  for (;;) {
    done = await jobRow(job.id);
    if (done.status !== 'running') break;
    if (Date.now() > deadline) throw new Error(`job not finished: ${JSON.stringify(done)}\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(done).toEqual({ status: 'done', processed: FRIENDS, total: FRIENDS, changed: FRIENDS });
  expect(await tagged(tag.id)).toEqual({ pairs: FRIENDS, entries: FRIENDS, doubled: 0 });
  // The page reads the same numbers.
  expect(await api('GET', ws(`/friend-jobs/${job.id}`))).toMatchObject({ status: 'done', processed: FRIENDS, changed: FRIENDS });
  await worker.stop();
}, DEADLINE_MS + 30_000);
