import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  scenarios, templateClones, templateMappings, templateRolloutTargets, templateRollouts, templateVersions, templates, workspaces,
} from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// The template tables: the library, its versions, each workspace's mapping and clones, roll-outs.

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateVersionRow = typeof templateVersions.$inferSelect;
export type RolloutRow = typeof templateRollouts.$inferSelect;
export type RolloutTargetRow = typeof templateRolloutTargets.$inferSelect;
export type CloneRow = typeof templateClones.$inferSelect;

export async function organizationOfWorkspace(db: Tx, workspaceId: string): Promise<{ organizationId: string | null; name: string } | undefined> {
  const [row] = await db.select({ organizationId: workspaces.organizationId, name: workspaces.name }).from(workspaces).where(eq(workspaces.workspaceId, workspaceId));
  return row;
}

export async function listTemplateRows(db: Tx, organizationId: string): Promise<TemplateRow[]> {
  return db.select().from(templates).where(eq(templates.organizationId, organizationId)).orderBy(desc(templates.updatedAt), asc(templates.id));
}

export async function findTemplateRow(db: Tx, organizationId: string, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(templates).where(and(eq(templates.organizationId, organizationId), eq(templates.id, id)));
  return row;
}

export async function insertTemplate(db: Tx, row: typeof templates.$inferInsert): Promise<TemplateRow> {
  const [inserted] = await db.insert(templates).values(row).returning();
  return inserted!;
}

export async function updateTemplateRow(db: Tx, id: string, changes: Partial<typeof templates.$inferInsert>): Promise<void> {
  await db.update(templates).set(changes).where(eq(templates.id, id));
}

export async function deleteTemplateRow(db: Tx, id: string): Promise<void> {
  await db.delete(templates).where(eq(templates.id, id));
}

/** Locks the template row and returns the next version number (two saves cannot take the same one). */
export async function nextTemplateVersion(tx: Tx, templateId: string): Promise<number> {
  await tx.execute(sql`select 1 from ${templates} where ${templates.id} = ${templateId} for update`);
  const [row] = await tx.select({ next: sql<number>`coalesce(max(${templateVersions.version}), 0)::int + 1` })
    .from(templateVersions).where(eq(templateVersions.templateId, templateId));
  return row!.next;
}

export async function insertTemplateVersion(db: Tx, row: typeof templateVersions.$inferInsert): Promise<void> {
  await db.insert(templateVersions).values(row);
}

export async function listVersionRows(db: Tx, templateIds: string[]): Promise<TemplateVersionRow[]> {
  if (templateIds.length === 0) return [];
  return db.select().from(templateVersions).where(inArray(templateVersions.templateId, templateIds)).orderBy(desc(templateVersions.version));
}

export async function findVersionRow(db: Tx, templateId: string, version: number): Promise<TemplateVersionRow | undefined> {
  const [row] = await db.select().from(templateVersions).where(and(eq(templateVersions.templateId, templateId), eq(templateVersions.version, version)));
  return row;
}

export async function rememberedMapping(db: Tx, workspaceId: string, templateId: string): Promise<Map<string, string>> {
  const rows = await db.select().from(templateMappings).where(and(eq(templateMappings.workspaceId, workspaceId), eq(templateMappings.templateId, templateId)));
  return new Map(rows.map((row) => [row.referenceKey, row.targetId]));
}

export async function saveMapping(db: Tx, workspaceId: string, templateId: string, mapping: ReadonlyMap<string, string>): Promise<void> {
  if (mapping.size === 0) return;
  await db.insert(templateMappings)
    .values([...mapping].map(([referenceKey, targetId]) => ({ workspaceId, templateId, referenceKey, targetId })))
    .onConflictDoUpdate({ target: [templateMappings.workspaceId, templateMappings.templateId, templateMappings.referenceKey], set: { targetId: sql`excluded.target_id` } });
}

export async function findCloneRow(db: Tx, workspaceId: string, scenarioId: string): Promise<CloneRow | undefined> {
  const [row] = await db.select().from(templateClones).where(and(eq(templateClones.workspaceId, workspaceId), eq(templateClones.scenarioId, scenarioId)));
  return row;
}

/** The workspace's live (not archived) clone of a template, newest first. */
export async function findLiveClone(db: Tx, workspaceId: string, templateId: string): Promise<CloneRow | undefined> {
  const [row] = await db.select({ clone: templateClones }).from(templateClones)
    .innerJoin(scenarios, and(eq(scenarios.id, templateClones.scenarioId), ne(scenarios.state, 'archived')))
    .where(and(eq(templateClones.workspaceId, workspaceId), eq(templateClones.templateId, templateId)))
    .orderBy(desc(templateClones.createdAt)).limit(1);
  return row?.clone;
}

export async function upsertClone(db: Tx, row: typeof templateClones.$inferInsert): Promise<void> {
  await db.insert(templateClones).values(row).onConflictDoUpdate({
    target: templateClones.scenarioId, set: { templateVersion: row.templateVersion, unmapped: row.unmapped },
  });
}

export async function insertRollout(db: Tx, row: typeof templateRollouts.$inferInsert, targets: Omit<typeof templateRolloutTargets.$inferInsert, 'rolloutId'>[]): Promise<RolloutRow> {
  const [rollout] = await db.insert(templateRollouts).values(row).returning();
  await db.insert(templateRolloutTargets).values(targets.map((t) => ({ ...t, rolloutId: rollout!.id })));
  return rollout!;
}

export async function findRollout(db: Tx, workspaceId: string, id: string): Promise<RolloutRow | undefined> {
  const [row] = await db.select().from(templateRollouts).where(and(eq(templateRollouts.workspaceId, workspaceId), eq(templateRollouts.id, id)));
  return row;
}

export async function listRollouts(db: Tx, workspaceId: string): Promise<RolloutRow[]> {
  return db.select().from(templateRollouts).where(eq(templateRollouts.workspaceId, workspaceId)).orderBy(desc(templateRollouts.createdAt)).limit(50);
}

export async function rolloutTargets(db: Tx, rolloutIds: string[]): Promise<RolloutTargetRow[]> {
  if (rolloutIds.length === 0) return [];
  return db.select().from(templateRolloutTargets).where(inArray(templateRolloutTargets.rolloutId, rolloutIds)).orderBy(asc(templateRolloutTargets.position));
}

export async function updateRollout(db: Tx, id: string, changes: Partial<typeof templateRollouts.$inferInsert>): Promise<void> {
  await db.update(templateRollouts).set(changes).where(eq(templateRollouts.id, id));
}

export async function updateRolloutTarget(db: Tx, rolloutId: string, targetWorkspaceId: string, changes: Partial<typeof templateRolloutTargets.$inferInsert>): Promise<void> {
  await db.update(templateRolloutTargets).set(changes)
    .where(and(eq(templateRolloutTargets.rolloutId, rolloutId), eq(templateRolloutTargets.targetWorkspaceId, targetWorkspaceId)));
}

export async function isRolloutCancelRequested(db: Tx, id: string): Promise<boolean> {
  const [row] = await db.select({ cancel: templateRollouts.cancelRequested }).from(templateRollouts).where(eq(templateRollouts.id, id));
  return row?.cancel ?? true;
}

export async function workspaceNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: workspaces.workspaceId, name: workspaces.name }).from(workspaces).where(inArray(workspaces.workspaceId, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
