import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces.ts';

/** A saved segment (セグメント): a named condition tree, parsed with shared's schema on read. */
export const segments = pgTable(
  'segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    condition: jsonb('condition').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('segments_workspace').on(t.workspaceId)],
);

/**
 * Long work over many friends (bulk tags, CSV import): done in committed chunks by the API process,
 * with progress here so the page can show it, and a cancel flag read between chunks.
 */
export const friendJobs = pgTable(
  'friend_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['tags', 'import'] }).notNull(),
    status: text('status', { enum: ['running', 'done', 'cancelled', 'failed'] }).notNull().default('running'),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    /** Kind-specific: what was asked, and for an import the per-row errors. Parsed on read. */
    detail: jsonb('detail').$type<unknown>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * Which process runs the job, until when: every committed chunk renews the lease and checks the
     * token in its own transaction, so a job whose process died is taken over (a new token) once
     * the lease lapses, and a process that lost its lease cannot commit another chunk.
     */
    leaseToken: uuid('lease_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Where the next chunk starts: bulk tags, the last friend id done; an import, `processed` rows. Written with each chunk. */
    cursor: text('cursor'),
  },
  (t) => [index('friend_jobs_workspace').on(t.workspaceId, t.createdAt), index('friend_jobs_running').on(t.leaseUntil).where(sql`status = 'running'`)],
);

/** An import's checked rows, kept until the job ends so another process can finish it after a crash. */
export const friendJobRows = pgTable(
  'friend_job_rows',
  {
    jobId: uuid('job_id').notNull().references(() => friendJobs.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    row: jsonb('row').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
