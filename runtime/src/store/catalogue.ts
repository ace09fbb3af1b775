import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { FieldKind } from '@lsb/shared';
import type { CatalogueUsage } from '@lsb/shared/api';
import { fields, inflowRoutes, scenarios, tagFolders, tags, trackedLinks } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// The workspace's catalogue: tags and their folders, friend-info fields, tracked links (and the
// routes and scenarios a clone or roll-out creates in the target workspace, inside its transaction).

export type TagRow = typeof tags.$inferSelect;
export type TagFolderRow = typeof tagFolders.$inferSelect;
export type FieldRow = typeof fields.$inferSelect;
export type LinkRow = typeof trackedLinks.$inferSelect;

export async function folderIdByName(tx: Tx, workspaceId: string, name: string): Promise<string> {
  const [existing] = await tx.select({ id: tagFolders.id }).from(tagFolders).where(and(eq(tagFolders.workspaceId, workspaceId), eq(tagFolders.name, name))).limit(1);
  if (existing) return existing.id;
  const [row] = await tx.insert(tagFolders).values({ workspaceId, name }).returning({ id: tagFolders.id });
  return row!.id;
}

export async function insertTag(tx: Tx, workspaceId: string, name: string, folderId: string | null): Promise<string> {
  const [row] = await tx.insert(tags).values({ workspaceId, name, folderId }).returning({ id: tags.id });
  return row!.id;
}

export async function insertField(tx: Tx, workspaceId: string, name: string, kind: FieldKind, choices: string[]): Promise<string> {
  const [row] = await tx.insert(fields).values({ workspaceId, name, kind, choices }).returning({ id: fields.id });
  return row!.id;
}

/** A route with no channel and no arrival actions yet; its code is random like a new route's. */
export async function insertRoute(tx: Tx, workspaceId: string, name: string): Promise<string> {
  const [row] = await tx.insert(inflowRoutes).values({ workspaceId, name, code: `r-${randomBytes(5).toString('hex')}` }).returning({ id: inflowRoutes.id });
  return row!.id;
}

export async function insertLink(tx: Tx, workspaceId: string, name: string, url: string): Promise<string> {
  const [row] = await tx.insert(trackedLinks).values({ workspaceId, name, url }).returning({ id: trackedLinks.id });
  return row!.id;
}

export async function insertTagFolder(tx: Tx, workspaceId: string, name: string): Promise<TagFolderRow> {
  const [row] = await tx.insert(tagFolders).values({ workspaceId, name }).returning();
  return row!;
}

export async function findTagFolder(tx: Tx, workspaceId: string, folderId: string): Promise<{ id: string } | undefined> {
  const [row] = await tx.select({ id: tagFolders.id }).from(tagFolders).where(and(eq(tagFolders.id, folderId), eq(tagFolders.workspaceId, workspaceId)));
  return row;
}

export async function renameTagFolderRow(tx: Tx, workspaceId: string, id: string, name: string): Promise<TagFolderRow | undefined> {
  const [row] = await tx.update(tagFolders).set({ name }).where(and(eq(tagFolders.id, id), eq(tagFolders.workspaceId, workspaceId))).returning();
  return row;
}

export async function deleteTagFolderRow(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
  const rows = await tx.delete(tagFolders).where(and(eq(tagFolders.id, id), eq(tagFolders.workspaceId, workspaceId))).returning({ id: tagFolders.id });
  return rows.length > 0;
}

export async function findTag(tx: Tx, workspaceId: string, id: string): Promise<TagRow | undefined> {
  const [row] = await tx.select().from(tags).where(and(eq(tags.id, id), eq(tags.workspaceId, workspaceId)));
  return row;
}

export async function updateTagRow(tx: Tx, workspaceId: string, id: string, patch: { name?: string; folderId?: string | null }): Promise<TagRow | undefined> {
  const [row] = await tx.update(tags).set(patch).where(and(eq(tags.id, id), eq(tags.workspaceId, workspaceId))).returning();
  return row;
}

/** `workspaceId` narrows the delete to the workspace; without it the id alone (already checked by the caller). */
export async function deleteTagRow(tx: Tx, id: string, workspaceId?: string): Promise<void> {
  await tx.delete(tags).where(workspaceId === undefined ? eq(tags.id, id) : and(eq(tags.id, id), eq(tags.workspaceId, workspaceId)));
}

/** Every friend holding tag `from` holds `into` too (no triggers: nobody acquired anything new). */
export async function copyTagHolders(tx: Tx, from: string, into: string): Promise<void> {
  await tx.execute(sql`
      insert into friend_tags (workspace_id, friend_id, tag_id, added_at)
      select workspace_id, friend_id, ${into}, added_at from friend_tags where tag_id = ${from}
      on conflict do nothing`);
}

export async function findField(tx: Tx, workspaceId: string, id: string): Promise<FieldRow | undefined> {
  const [row] = await tx.select().from(fields).where(and(eq(fields.id, id), eq(fields.workspaceId, workspaceId)));
  return row;
}

export function listFieldsById(tx: Tx, workspaceId: string, ids: string[]): Promise<FieldRow[]> {
  return tx.select().from(fields).where(and(eq(fields.workspaceId, workspaceId), inArray(fields.id, ids)));
}

/** The field's row is found by the caller first (in its workspace). */
export async function updateFieldRow(tx: Tx, id: string, patch: Partial<Pick<FieldRow, 'name' | 'kind' | 'choices'>>): Promise<FieldRow> {
  const [row] = await tx.update(fields).set(patch).where(eq(fields.id, id)).returning();
  return row!;
}

/** How many friends of the workspace hold a value in the field. */
export async function countFieldHolders(tx: Tx, workspaceId: string, fieldId: string): Promise<number> {
  const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from friends where workspace_id = ${workspaceId} and fields ? ${fieldId}`);
  return rows.rows[0]?.n ?? 0;
}

/** The field goes with every friend's value of it. */
export async function deleteFieldRow(tx: Tx, workspaceId: string, id: string): Promise<void> {
  await tx.execute(sql`update friends set fields = fields - ${id}::text where workspace_id = ${workspaceId} and fields ? ${id}`);
  await tx.delete(fields).where(eq(fields.id, id));
}

export async function findLink(tx: Tx, workspaceId: string, id: string): Promise<LinkRow | undefined> {
  const [row] = await tx.select().from(trackedLinks).where(and(eq(trackedLinks.id, id), eq(trackedLinks.workspaceId, workspaceId)));
  return row;
}

export async function updateLinkRow(tx: Tx, workspaceId: string, id: string, patch: { name?: string; url?: string }): Promise<LinkRow | undefined> {
  const [row] = await tx.update(trackedLinks).set(patch).where(and(eq(trackedLinks.id, id), eq(trackedLinks.workspaceId, workspaceId))).returning();
  return row;
}

export async function deleteLinkRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(trackedLinks).where(eq(trackedLinks.id, id));
}

/** The whole catalogue of a workspace, each list by name (routes: live ones; scenarios: not archived). */
export function catalogueRows(db: Tx, workspaceId: string) {
  return Promise.all([
    db.select().from(tags).where(eq(tags.workspaceId, workspaceId)).orderBy(asc(tags.name)),
    db.select().from(tagFolders).where(eq(tagFolders.workspaceId, workspaceId)).orderBy(asc(tagFolders.name)),
    db.select().from(fields).where(eq(fields.workspaceId, workspaceId)).orderBy(asc(fields.name)),
    db.select().from(inflowRoutes).where(and(eq(inflowRoutes.workspaceId, workspaceId), isNull(inflowRoutes.deletedAt))).orderBy(asc(inflowRoutes.name)),
    db.select({ id: scenarios.id, name: scenarios.name }).from(scenarios)
      .where(and(eq(scenarios.workspaceId, workspaceId), ne(scenarios.state, 'archived'))).orderBy(asc(scenarios.name)),
    db.select().from(trackedLinks).where(eq(trackedLinks.workspaceId, workspaceId)).orderBy(asc(trackedLinks.name)),
  ]);
}

export type UsageKind = 'tag' | 'field' | 'link';

/**
 * Who refers to a catalogue id. Ids are UUIDs, so a textual search of the stored graph JSON finds
 * every reference: node data, conditions and `{field:<id>}` placeholders in message texts alike.
 * A published version counts while it can still act: it is the live version of a scenario that is
 * not archived, or a run still stands on it.
 */
export async function catalogueUsage(tx: Tx, workspaceId: string, kind: UsageKind, id: string): Promise<CatalogueUsage> {
  const friendCount = kind === 'tag'
    ? sql`select count(*)::int as n from friend_tags where workspace_id = ${workspaceId} and tag_id = ${id}`
    : kind === 'field'
      ? sql`select count(*)::int as n from friends where workspace_id = ${workspaceId} and fields ? ${id}`
      : sql`select count(distinct friend_id)::int as n from link_clicks where workspace_id = ${workspaceId} and link_id = ${id}`;
  const [holders, drafts, published] = await Promise.all([
    tx.execute<{ n: number }>(friendCount),
    tx.execute<{ id: string; name: string }>(sql`
      select id, name from scenarios
      where workspace_id = ${workspaceId} and state <> 'archived' and strpos(draft::text, ${id}) > 0
      order by name`),
    tx.execute<{ id: string; name: string }>(sql`
      select distinct s.id, s.name from scenario_versions v join scenarios s on s.id = v.scenario_id
      where v.workspace_id = ${workspaceId} and strpos(v.graph::text, ${id}) > 0
        and ((s.state <> 'archived' and s.current_version_id = v.id)
          or exists (select 1 from runs r where r.version_id = v.id and r.status in ('running', 'waiting', 'held')))
      order by s.name`),
  ]);
  return { friends: holders.rows[0]?.n ?? 0, drafts: drafts.rows, published: published.rows };
}
