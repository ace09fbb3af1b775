import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels, workspaces } from './workspaces.ts';

// The workspace's catalogue: what scenarios and segments refer to by id.

export const tagFolders = pgTable('tag_folders', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  name: text('name').notNull(),
});

export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    folderId: uuid('folder_id').references(() => tagFolders.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * A small number for the tag, unique in the installation: friend_segment_facts.tag_nums holds
     * these (4 bytes a tag instead of a 16-byte uuid), so a segment's tag test is an int4 test.
     */
    num: integer('num').notNull().generatedByDefaultAsIdentity(),
  },
  (t) => [uniqueIndex('tags_workspace_name').on(t.workspaceId, t.name), uniqueIndex('tags_num').on(t.num)],
);

export const fields = pgTable(
  'fields',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['text', 'number', 'date', 'choice'] }).notNull(),
    choices: jsonb('choices').$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('fields_workspace_name').on(t.workspaceId, t.name)],
);

/** 流入経路: a named URL or QR code a friend can arrive through. */
export const inflowRoutes = pgTable(
  'inflow_routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    code: text('code').notNull(),
    /** The LINE channel friends add through this route (inflow/ owns everything below). */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    /** Arrival actions: tags to add, a scenario to enrol in; parsed on read (store/inflow-actions.ts). */
    actions: jsonb('actions').$type<unknown>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Deleted routes stay, so old QR codes land on a friendly page and reports keep their names. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('inflow_routes_code').on(t.workspaceId, t.code)],
);

export const trackedLinks = pgTable('tracked_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  url: text('url').notNull(),
});

/**
 * LINE's follow event does not say where a friend came from. A route's landing (or the simulator)
 * records the LINE user id it saw with the route, and the friend's follow claims it.
 */
export const pendingInflows = pgTable(
  'pending_inflows',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull(),
    lineUserId: text('line_user_id').notNull(),
    inflowRouteId: uuid('inflow_route_id').notNull().references(() => inflowRoutes.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pending_inflows_user').on(t.channelId, t.lineUserId)],
);
