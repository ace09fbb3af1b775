import { and, eq, sql } from 'drizzle-orm';
import type { CatalogueUsage, Field, Tag, TrackedLink, UpdateFieldBody, UpdateTagBody, UpdateTrackedLinkBody } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { fields, scenarios, tagFolders, tags, trackedLinks } from '../db/schema/index.ts';
import { checkLinkUrl } from './catalogue.ts';
import { catalogueUsage, isUnused, replaceId, type UsageKind } from './catalogue-usage.ts';
import { badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import type { Tx } from '../store/tx.ts';

const NAMES: Record<UsageKind, string> = { tag: 'tag', field: 'field', link: 'link' };

async function renamed<T>(what: 'tag' | 'field' | 'tag_folder', name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${what}_exists`, `A ${what.replaceAll('_', ' ')} named "${name}" already exists.`);
    throw error;
  }
}

async function requireFolder(tx: Tx, workspaceId: string, folderId: string | null | undefined) {
  if (!folderId) return;
  const [folder] = await tx.select({ id: tagFolders.id }).from(tagFolders).where(and(eq(tagFolders.id, folderId), eq(tagFolders.workspaceId, workspaceId)));
  if (!folder) throw notFound('tag_folder');
}

async function requireTag(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select().from(tags).where(and(eq(tags.id, id), eq(tags.workspaceId, workspaceId)));
  if (!row) throw notFound('tag');
  return row;
}

async function requireField(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select().from(fields).where(and(eq(fields.id, id), eq(fields.workspaceId, workspaceId)));
  if (!row) throw notFound('field');
  return row;
}

async function requireLink(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select().from(trackedLinks).where(and(eq(trackedLinks.id, id), eq(trackedLinks.workspaceId, workspaceId)));
  if (!row) throw notFound('link');
  return row;
}

export async function usageOf(db: Db, workspaceId: string, kind: UsageKind, id: string): Promise<CatalogueUsage> {
  if (kind === 'tag') await requireTag(db, workspaceId, id);
  else if (kind === 'field') await requireField(db, workspaceId, id);
  else await requireLink(db, workspaceId, id);
  return catalogueUsage(db, workspaceId, kind, id);
}

/**
 * Published versions are immutable and may still act (a tag node adding the tag, a wait reading
 * the field), so nothing they refer to may disappear. Anything else in use needs `force`.
 */
function checkRemovable(kind: UsageKind, usage: CatalogueUsage, force: boolean) {
  if (usage.published.length > 0) {
    throw conflict(`${NAMES[kind]}_in_published_scenario`, `Published scenarios use this ${kind}; replace it in them and publish again first.`, usage);
  }
  if (!force && !isUnused(usage)) throw conflict(`${NAMES[kind]}_in_use`, `This ${kind} is in use; confirm to delete it anyway.`, usage);
}

export async function updateTag(db: Db, workspaceId: string, id: string, body: UpdateTagBody): Promise<Tag> {
  await requireFolder(db, workspaceId, body.folderId);
  return renamed('tag', body.name, async () => {
    const [row] = await db.update(tags).set({
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.folderId === undefined ? {} : { folderId: body.folderId }),
    }).where(and(eq(tags.id, id), eq(tags.workspaceId, workspaceId))).returning();
    if (!row) throw notFound('tag');
    return { id: row.id, name: row.name, folderId: row.folderId };
  });
}

export async function deleteTagChecked(db: Db, workspaceId: string, id: string, force: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await requireTag(tx, workspaceId, id);
    checkRemovable('tag', await catalogueUsage(tx, workspaceId, 'tag', id), force);
    await tx.delete(tags).where(and(eq(tags.id, id), eq(tags.workspaceId, workspaceId)));
  });
}

/** Rewrites every draft that refers to `from` so it refers to `to`; open editors see a newer revision. */
async function rewriteDrafts(tx: Tx, workspaceId: string, from: string, to: string, at: Date) {
  const rows = await tx.select({ id: scenarios.id, draft: scenarios.draft }).from(scenarios)
    .where(and(eq(scenarios.workspaceId, workspaceId), sql`strpos(${scenarios.draft}::text, ${from}) > 0`));
  for (const row of rows) {
    await tx.update(scenarios).set({ draft: replaceId(row.draft, from, to), draftRevision: sql`${scenarios.draftRevision} + 1`, updatedAt: at })
      .where(eq(scenarios.id, row.id));
  }
}

/**
 * Merges `id` into `intoTagId`: its friends get the other tag (no tag triggers fire: nobody
 * acquired anything new), drafts are rewritten, then the tag is deleted. Refused while a published
 * version refers to it, for the reason deleting is.
 */
export async function mergeTag(db: Db, workspaceId: string, id: string, intoTagId: string, at: Date): Promise<Tag> {
  if (id === intoTagId) throw badRequest('merge_into_itself', 'Choose another tag to merge into.');
  return db.transaction(async (tx) => {
    await requireTag(tx, workspaceId, id);
    const into = await requireTag(tx, workspaceId, intoTagId);
    checkRemovable('tag', await catalogueUsage(tx, workspaceId, 'tag', id), true);
    await tx.execute(sql`
      insert into friend_tags (workspace_id, friend_id, tag_id, added_at)
      select workspace_id, friend_id, ${intoTagId}, added_at from friend_tags where tag_id = ${id}
      on conflict do nothing`);
    await rewriteDrafts(tx, workspaceId, id, intoTagId, at);
    await tx.delete(tags).where(eq(tags.id, id));
    return { id: into.id, name: into.name, folderId: into.folderId };
  });
}

export async function renameTagFolder(db: Db, workspaceId: string, id: string, name: string) {
  return renamed('tag_folder', name, async () => {
    const [row] = await db.update(tagFolders).set({ name }).where(and(eq(tagFolders.id, id), eq(tagFolders.workspaceId, workspaceId))).returning();
    if (!row) throw notFound('tag_folder');
    return { id: row.id, name: row.name };
  });
}

/** Its tags stay, outside any folder. */
export async function deleteTagFolder(db: Db, workspaceId: string, id: string) {
  const rows = await db.delete(tagFolders).where(and(eq(tagFolders.id, id), eq(tagFolders.workspaceId, workspaceId))).returning({ id: tagFolders.id });
  if (rows.length === 0) throw notFound('tag_folder');
}

async function countFieldHolders(db: Db, workspaceId: string, fieldId: string): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from friends where workspace_id = ${workspaceId} and fields ? ${fieldId}`);
  return rows.rows[0]?.n ?? 0;
}

export async function updateField(db: Db, workspaceId: string, id: string, body: UpdateFieldBody): Promise<Field> {
  const field = await requireField(db, workspaceId, id);
  const kind = body.kind ?? field.kind;
  if (kind !== field.kind) {
    // Values of the old kind would stop fitting (a text where a number is compared): refused, with the reason.
    const holders = await countFieldHolders(db, workspaceId, id);
    if (holders > 0) {
      throw conflict('field_has_values', `${holders} friends have a value in this field; clear them before changing its kind.`, { count: holders, from: field.kind, to: kind });
    }
  }
  if (body.choices !== undefined && kind !== 'choice') throw badRequest('field_not_choice', 'Only a choice field has choices.');
  if (body.choices && new Set(body.choices).size !== body.choices.length) throw badRequest('duplicate_choice', 'Each choice must be different.');
  return renamed('field', body.name, async () => {
    const [row] = await db.update(fields).set({
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.choices === undefined ? {} : { choices: body.choices }),
      ...(kind === field.kind ? {} : { kind, ...(kind === 'choice' || body.choices !== undefined ? {} : { choices: [] }) }),
    }).where(eq(fields.id, id)).returning();
    return { id: row!.id, name: row!.name, kind: row!.kind, choices: row!.choices };
  });
}

/** Friends' values of the field go with it. */
export async function deleteFieldChecked(db: Db, workspaceId: string, id: string, force: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await requireField(tx, workspaceId, id);
    checkRemovable('field', await catalogueUsage(tx, workspaceId, 'field', id), force);
    await tx.execute(sql`update friends set fields = fields - ${id}::text where workspace_id = ${workspaceId} and fields ? ${id}`);
    await tx.delete(fields).where(eq(fields.id, id));
  });
}

export async function updateLink(db: Db, workspaceId: string, id: string, body: UpdateTrackedLinkBody): Promise<TrackedLink> {
  checkLinkUrl(body.url);
  const [row] = await db.update(trackedLinks).set(body).where(and(eq(trackedLinks.id, id), eq(trackedLinks.workspaceId, workspaceId))).returning();
  if (!row) throw notFound('link');
  return { id: row.id, name: row.name, url: row.url };
}

/** Clicks already recorded stay (the statistics keep them). */
export async function deleteLinkChecked(db: Db, workspaceId: string, id: string, force: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await requireLink(tx, workspaceId, id);
    const usage = await catalogueUsage(tx, workspaceId, 'link', id);
    // Clicks are history, not a use: a link nobody's scenario mentions can go without asking.
    checkRemovable('link', { ...usage, friends: 0 }, force);
    await tx.delete(trackedLinks).where(eq(trackedLinks.id, id));
  });
}
