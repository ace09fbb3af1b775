import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('friend_jobs_workspace').on(t.workspaceId, t.createdAt)],
);
