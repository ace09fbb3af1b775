import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces.ts';

export const scenarios = pgTable(
  'scenarios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The editable graph; parsed with shared's parseFlowGraph on every read. */
    draft: jsonb('draft').$type<unknown>().notNull(),
    /** Bumped on every save so concurrent editors cannot overwrite each other unknowingly. */
    draftRevision: integer('draft_revision').notNull().default(1),
    currentVersionId: uuid('current_version_id'),
    state: text('state', { enum: ['active', 'paused', 'archived'] }).notNull().default('active'),
    /**
     * 優先度: when one event starts several scenarios for a friend, their messages go out in this
     * order (lower first; ties by creation time, then id), the same every time.
     */
    priority: integer('priority').notNull().default(100),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scenarios_workspace').on(t.workspaceId)],
);

/** Immutable once written: runs stay pinned to the version they started on. */
export const scenarioVersions = pgTable(
  'scenario_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    scenarioId: uuid('scenario_id').notNull().references(() => scenarios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<unknown>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('scenario_versions_number').on(t.scenarioId, t.version)],
);
