import type { BulkTagsBody, FriendJob, ImportRowError } from '@lsb/shared/api';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../clock.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import type { FieldsChanged } from './friend-fields.ts';
import {
  addFriendTagPairs, findFriendJob, finishFriendJob, insertFriendJob, isCancelRequested, patchFriendFields,
  recordJobProgress, removeFriendTagPairs, requestJobCancel, type FriendJobRow,
} from '../store/friend-bulk.ts';
import { recordTimeline } from '../store/timeline.ts';
import { loadCatalogue } from './catalogue.ts';
import { badRequest, notFound } from '../errors.ts';
import type { ImportPlan, PlannedRow } from './friend-import.ts';
import { friendChunks } from './friend-table.ts';
import { countFilter, type Scope } from './segments.ts';

// Long work over many friends runs in the API process in committed chunks: progress is a row the
// page polls, cancelling is a flag read between chunks (chunks already committed stay applied,
// and the page says how many). Tag triggers and date-wait re-plans happen per chunk, set-based.

export const CHUNK = 2_000;
const running = new Set<Promise<void>>();

/** For shutdown and tests: every job started by this process has stopped. */
export async function settleFriendJobs(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/** The app's database, queue and clock, and the interpreter's re-plan of date waits as a callback (app.runs). */
interface Deps { db: Db; pool: pg.Pool; boss: PgBoss; clock: Clock; fieldsChanged: FieldsChanged; log?: { error(obj: object, msg: string): void } }

function start(deps: Deps, job: FriendJobRow, work: (step: (processed: number, changed: number) => Promise<boolean>) => Promise<void>) {
  const step = async (processed: number, changed: number) => {
    await recordJobProgress(deps.db, job.id, processed, changed);
    return !(await isCancelRequested(deps.db, job.id));
  };
  const promise = (async () => {
    try {
      await work(step);
      await finishFriendJob(deps.db, job.id, (await isCancelRequested(deps.db, job.id)) ? 'cancelled' : 'done', deps.clock.now());
    } catch (error) {
      deps.log?.error({ err: error, jobId: job.id }, 'friend job failed');
      await finishFriendJob(deps.db, job.id, 'failed', deps.clock.now()).catch(() => undefined);
    }
  })();
  running.add(promise);
  void promise.finally(() => running.delete(promise));
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
  const job = await insertFriendJob(deps.db, { workspaceId: scope.workspaceId, kind: 'tags', total, detail: { add: body.add, remove: body.remove }, createdAt: scope.now });
  start(deps, job, async (step) => {
    for await (const chunk of friendChunks(deps.db, deps.pool, body.filter, scope, CHUNK)) {
      const ids = chunk.map((f) => f.id);
      const changed = await deps.db.transaction(async (tx) => {
        const at = deps.clock.now();
        const added = await addFriendTagPairs(tx, scope.workspaceId, ids.flatMap((friendId) => body.add.map((tagId) => ({ friendId, tagId }))), at);
        const removed = await removeFriendTagPairs(tx, ids.flatMap((friendId) => body.remove.map((tagId) => ({ friendId, tagId }))));
        await recordTimeline(tx, added.map((p) => ({ friend: { id: p.friendId, workspaceId: scope.workspaceId }, event: { kind: 'tag_added', detail: { tagId: p.tagId, by: 'bulk' } }, at })));
        await queueJobs(deps.boss, tx, QUEUES.activity, added.map((p) => ({ data: { friendId: p.friendId, activity: { kind: 'tagAdded' as const, tagId: p.tagId } } })));
        return new Set([...added, ...removed].map((p) => p.friendId)).size;
      });
      if (!(await step(chunk.length, changed))) return;
    }
  });
  return toFriendJob(job);
}

async function applyImportRows(deps: Deps, workspaceId: string, rows: PlannedRow[]) {
  await deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
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
  });
}

/** Applies a checked plan's good rows, a chunk per transaction; bad rows were left out whole. */
export async function startImport(deps: Deps, plan: ImportPlan, scope: Scope): Promise<FriendJob> {
  const job = await insertFriendJob(deps.db, {
    workspaceId: scope.workspaceId, kind: 'import', total: plan.valid.length, detail: { errors: plan.errors.slice(0, 1000), errorCount: plan.errors.length }, createdAt: scope.now,
  });
  start(deps, job, async (step) => {
    for (let i = 0; i < plan.valid.length; i += CHUNK / 4) {
      const rows = plan.valid.slice(i, i + CHUNK / 4);
      await applyImportRows(deps, scope.workspaceId, rows);
      if (!(await step(rows.length, rows.length))) return;
    }
  });
  return toFriendJob(job);
}
