import { randomUUID } from 'node:crypto';
import type { BulkTagsBody, FriendFilter, FriendJob, ImportRowError } from '@lsb/shared/api';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../clock.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import type { FieldsChanged } from './friend-fields.ts';
import {
  addFriendTagPairs, findFriendJob, finishFriendJob, friendJobRowsFrom, insertFriendJob, isCancelRequested, LostFriendJobLease, patchFriendFields,
  recordJobChunk, removeFriendTagPairs, requestJobCancel, takeOrphanedFriendJobs, type FriendJobRow,
} from '../store/friend-bulk.ts';
import type { Tx } from '../store/tx.ts';
import type { FastifyBaseLogger } from 'fastify';
import { startLoop, type Loop } from '../jobs/loop.ts';
import { recordTimeline } from '../store/timeline.ts';
import { loadCatalogue } from './catalogue.ts';
import { badRequest, notFound } from '../errors.ts';
import type { ImportPlan, PlannedRow } from './friend-import.ts';
import { friendChunks } from './friend-table.ts';
import { countFilter, type Scope } from './segments.ts';

// Long work over many friends runs in the API process in committed chunks: progress is a row the
// page polls, cancelling is a flag read between chunks (chunks already committed stay applied,
// and the page says how many). Tag triggers and date-wait re-plans happen per chunk, set-based.
// Each chunk commits with its progress and cursor under the job's lease (recordJobChunk), so a
// process that dies mid-job leaves a job another API process resumes after the lease lapses
// (resumeOrphanedFriendJobs): no chunk is lost and none is applied twice.

export const CHUNK = 2_000;
const running = new Map<string, Promise<void>>();

/** For shutdown and tests: every job started by this process has stopped. */
export async function settleFriendJobs(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running.values()]);
}

/** The app's database, queue and clock, and the interpreter's re-plan of date waits as a callback (app.runs). */
interface Deps { db: Db; pool: pg.Pool; boss: PgBoss; clock: Clock; fieldsChanged: FieldsChanged; log?: { error(obj: object, msg: string): void } }

type Lease = { id: string; leaseToken: string };
/** One chunk's work inside its transaction: how many it changed. */
type Chunk = { processed: number; cursor: string; apply: (tx: Tx, at: Date) => Promise<number> };
type Work = (job: FriendJobRow) => AsyncGenerator<Chunk>;

interface TagsDetail { add: string[]; remove: string[]; filter: FriendFilter; scopeNow: string; timeZone: string }

function start(deps: Deps, job: FriendJobRow) {
  if (running.has(job.id) || !job.leaseToken) return;
  const lease: Lease = { id: job.id, leaseToken: job.leaseToken };
  const work: Work = job.kind === 'tags' ? tagsWork(deps) : importWork(deps);
  const promise = (async () => {
    try {
      for await (const chunk of work(job)) {
        const at = deps.clock.now();
        await deps.db.transaction(async (tx) => {
          const changed = await chunk.apply(tx, at);
          await recordJobChunk(tx, lease, { processed: chunk.processed, changed, cursor: chunk.cursor }, at);
        });
        if (await isCancelRequested(deps.db, job.id)) break;
      }
      await finishFriendJob(deps.db, lease, (await isCancelRequested(deps.db, job.id)) ? 'cancelled' : 'done', deps.clock.now());
    } catch (error) {
      // Another process holds the job now: it goes on from the last committed chunk.
      if (error instanceof LostFriendJobLease) return;
      deps.log?.error({ err: error, jobId: job.id }, 'friend job failed');
      await finishFriendJob(deps.db, lease, 'failed', deps.clock.now()).catch(() => undefined);
    }
  })();
  running.set(job.id, promise);
  void promise.finally(() => running.delete(job.id));
}

/**
 * Takes over running jobs whose process died (their lease lapsed) and goes on from their cursor.
 * Called by a loop in every API process (routes/friend-table.ts); answers how many it took.
 */
export async function resumeOrphanedFriendJobs(deps: Deps): Promise<number> {
  const jobs = await takeOrphanedFriendJobs(deps.db, deps.clock.now());
  for (const job of jobs) start(deps, job);
  return jobs.length;
}

/** How often an API process looks for jobs to take over (real time, as every polling loop). */
const RESUME_POLL_MS = 5_000;

/** The loop behind resumeOrphanedFriendJobs; stop it before settleFriendJobs at shutdown. */
export function startFriendJobResumer(deps: Deps, log: FastifyBaseLogger): Loop {
  return startLoop('friend-jobs', log, RESUME_POLL_MS, async () => (await resumeOrphanedFriendJobs(deps)) > 0);
}

function tagsWork(deps: Deps): Work {
  return async function* (job) {
    const detail = job.detail as Partial<TagsDetail>;
    // A job from before jobs could resume carries no filter: nothing safe to go on with.
    if (!detail.filter || !detail.scopeNow || !detail.timeZone) throw new Error('friend job without a stored filter');
    const add = detail.add ?? [];
    const remove = detail.remove ?? [];
    const scope: Scope = { workspaceId: job.workspaceId, timeZone: detail.timeZone, now: new Date(detail.scopeNow) };
    for await (const chunk of friendChunks(deps.db, deps.pool, detail.filter, scope, CHUNK, job.cursor ?? undefined)) {
      const ids = chunk.map((f) => f.id);
      yield {
        processed: chunk.length,
        cursor: ids.at(-1)!,
        apply: async (tx, at) => {
          const added = await addFriendTagPairs(tx, scope.workspaceId, ids.flatMap((friendId) => add.map((tagId) => ({ friendId, tagId }))), at);
          const removed = await removeFriendTagPairs(tx, ids.flatMap((friendId) => remove.map((tagId) => ({ friendId, tagId }))));
          await recordTimeline(tx, added.map((p) => ({ friend: { id: p.friendId, workspaceId: scope.workspaceId }, event: { kind: 'tag_added', detail: { tagId: p.tagId, by: 'bulk' } }, at })));
          await queueJobs(deps.boss, tx, QUEUES.activity, added.map((p) => ({ data: { friendId: p.friendId, activity: { kind: 'tagAdded' as const, tagId: p.tagId } } })));
          return new Set([...added, ...removed].map((p) => p.friendId)).size;
        },
      };
    }
  };
}

function importWork(deps: Deps): Work {
  return async function* (job) {
    for (let from = job.processed; ;) {
      const rows = await friendJobRowsFrom(deps.db, job.id, from, CHUNK / 4) as PlannedRow[];
      if (rows.length === 0) return;
      from += rows.length;
      yield { processed: rows.length, cursor: String(from), apply: async (tx, at) => { await applyImportRows(deps, tx, job.workspaceId, rows, at); return rows.length; } };
    }
  };
}

export function toFriendJob(row: FriendJobRow): FriendJob {
  const detail = (row.detail ?? {}) as { changed?: number; errors?: ImportRowError[] };
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    total: row.total,
    processed: row.processed,
    changed: detail.changed ?? 0,
    errors: detail.errors ?? [],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getFriendJob(db: Db, workspaceId: string, id: string): Promise<FriendJob> {
  const row = await findFriendJob(db, workspaceId, id);
  if (!row) throw notFound('friend_job');
  return toFriendJob(row);
}

export async function cancelFriendJob(db: Db, workspaceId: string, id: string): Promise<FriendJob> {
  const row = await requestJobCancel(db, workspaceId, id);
  if (!row) throw notFound('friend_job');
  return toFriendJob(row);
}

/** Adds and removes tags on every friend matching the filter (not only the page shown). Added tags fire tag triggers. */
export async function startBulkTags(deps: Deps, body: BulkTagsBody, scope: Scope): Promise<FriendJob> {
  if (body.add.length + body.remove.length === 0) throw badRequest('nothing_to_do', 'Choose a tag to add or remove.');
  const known = new Set((await loadCatalogue(deps.db, scope.workspaceId)).tags.map((t) => t.id));
  const unknown = [...body.add, ...body.remove].filter((id) => !known.has(id));
  if (unknown.length > 0) throw badRequest('unknown_tag', 'Some tags do not exist in this workspace.', { tagIds: unknown });
  const total = await countFilter(deps.db, deps.pool, body.filter, scope);
  // What a resuming process needs: the filter as asked, evaluated at the same moment and zone.
  const detail: TagsDetail = { add: body.add, remove: body.remove, filter: body.filter, scopeNow: scope.now.toISOString(), timeZone: scope.timeZone };
  const job = await insertFriendJob(deps.db, { workspaceId: scope.workspaceId, kind: 'tags', total, detail, createdAt: scope.now, leaseToken: randomUUID() });
  start(deps, job);
  return toFriendJob(job);
}

async function applyImportRows(deps: Deps, tx: Tx, workspaceId: string, rows: PlannedRow[], at: Date) {
  const each = rows.flatMap((r) => r.friendIds.map((friendId) => ({ friendId, row: r })));
  await patchFriendFields(tx, workspaceId, each.filter((e) => Object.keys(e.row.fields).length > 0).map((e) => ({ friendId: e.friendId, values: e.row.fields })));
  const added = await addFriendTagPairs(tx, workspaceId, each.flatMap((e) => e.row.addTagIds.map((tagId) => ({ friendId: e.friendId, tagId }))), at);
  await removeFriendTagPairs(tx, each.flatMap((e) => e.row.removeTagIds.map((tagId) => ({ friendId: e.friendId, tagId }))));
  await recordTimeline(tx, [
    ...each.flatMap((e) => Object.entries(e.row.fields).map(([fieldId, value]) => ({
      friend: { id: e.friendId, workspaceId }, event: { kind: 'field_set' as const, detail: { fieldId, value, by: 'import' as const } }, at,
    }))),
    ...added.map((p) => ({ friend: { id: p.friendId, workspaceId }, event: { kind: 'tag_added' as const, detail: { tagId: p.tagId, by: 'import' as const } }, at })),
  ]);
  await queueJobs(deps.boss, tx, QUEUES.activity, added.map((p) => ({ data: { friendId: p.friendId, activity: { kind: 'tagAdded' as const, tagId: p.tagId } } })));
  await deps.fieldsChanged(tx, each.map((e) => ({ friendId: e.friendId, fieldIds: Object.keys(e.row.fields) })));
}

/** Applies a checked plan's good rows, a chunk per transaction; bad rows were left out whole. The rows are stored with the job. */
export async function startImport(deps: Deps, plan: ImportPlan, scope: Scope): Promise<FriendJob> {
  const job = await insertFriendJob(deps.db, {
    workspaceId: scope.workspaceId, kind: 'import', total: plan.valid.length, detail: { errors: plan.errors.slice(0, 1000), errorCount: plan.errors.length },
    createdAt: scope.now, leaseToken: randomUUID(),
  }, plan.valid);
  start(deps, job);
  return toFriendJob(job);
}
