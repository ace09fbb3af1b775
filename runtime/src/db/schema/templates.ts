import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.ts';
import { scenarios } from './scenarios.ts';
import { workspaces } from './workspaces.ts';

// Templates (issue 13): an organization's library of versioned scenarios, cloned into its
// workspaces with a mapping of tags, fields, routes, links and scenarios that each workspace keeps.

export const templates = pgTable('templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  category: text('category').notNull().default('other'),
  latestVersion: integer('latest_version').notNull().default(1),
  /** Where the latest version came from ({kind: scenario|starter|bundle, …}); parsed on read. */
  source: jsonb('source').$type<unknown>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [index('templates_organization').on(t.organizationId)]);

/** Immutable once written: clones and roll-outs name the version they came from. */
export const templateVersions = pgTable('template_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  templateId: uuid('template_id').notNull().references(() => templates.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  /** A FlowGraph referring to template-local ids; parsed on read. */
  graph: jsonb('graph').$type<unknown>().notNull(),
  /** TemplateReferences; parsed on read. */
  references: jsonb('references').$type<unknown>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
}, (t) => [uniqueIndex('template_versions_number').on(t.templateId, t.version)]);

/** What a workspace mapped each template reference to, so later clones and roll-outs ask only about new ones. */
export const templateMappings = pgTable('template_mappings', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  templateId: uuid('template_id').notNull().references(() => templates.id, { onDelete: 'cascade' }),
  /** `tag:<template-local id>`, `field:…`, … */
  referenceKey: text('reference_key').notNull(),
  targetId: uuid('target_id').notNull(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.templateId, t.referenceKey] })]);

/** A scenario made from a template: roll-outs publish new versions of it instead of copying again. */
export const templateClones = pgTable('template_clones', {
  scenarioId: uuid('scenario_id').primaryKey().references(() => scenarios.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  templateId: uuid('template_id').notNull().references(() => templates.id, { onDelete: 'cascade' }),
  templateVersion: integer('template_version').notNull(),
  /** Reference keys left unmapped at clone time (string[]): publishing is refused while the draft still uses one. */
  unmapped: jsonb('unmapped').$type<unknown>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('template_clones_workspace_template').on(t.workspaceId, t.templateId)]);

/** A roll-out of one template version to several workspaces, started from `workspace_id`; run as a job with progress and cancel. */
export const templateRollouts = pgTable('template_rollouts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  templateId: uuid('template_id').notNull().references(() => templates.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  status: text('status', { enum: ['running', 'done', 'cancelled', 'failed'] }).notNull(),
  cancelRequested: boolean('cancel_requested').notNull().default(false),
  /** Moved on by the running job after each target: a running roll-out whose beat stopped was left by a process that died. */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('template_rollouts_workspace').on(t.workspaceId, t.createdAt)]);

/** One target workspace of a roll-out. `workspace_id` is the roll-out's (the starting workspace owns the rows). */
export const templateRolloutTargets = pgTable('template_rollout_targets', {
  rolloutId: uuid('rollout_id').notNull().references(() => templateRollouts.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  targetWorkspaceId: uuid('target_workspace_id').notNull(),
  position: integer('position').notNull(),
  status: text('status', { enum: ['pending', 'succeeded', 'failed', 'cancelled'] }).notNull(),
  /** Mapping answers given for this target (Mapping); parsed on read. */
  mapping: jsonb('mapping').$type<unknown>().notNull().default({}),
  /** {code, message, details?} when failed. */
  error: jsonb('error').$type<unknown>(),
  scenarioId: uuid('scenario_id'),
  publishedVersion: integer('published_version'),
  updatedExisting: boolean('updated_existing').notNull().default(false),
  /** The publish impact summary (fromVersion, changes, midRun) just before publishing. */
  impact: jsonb('impact').$type<unknown>(),
  attempts: integer('attempts').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.rolloutId, t.targetWorkspaceId] })]);
