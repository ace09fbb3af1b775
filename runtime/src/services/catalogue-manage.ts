import type { CatalogueUsage, Field, Tag, TrackedLink, UpdateFieldBody, UpdateTagBody, UpdateTrackedLinkBody } from '@lsb/shared/api';
import { checkLinkUrl } from './catalogue.ts';
import { isUnused, replaceId } from './catalogue-usage.ts';
import { badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import {
  catalogueUsage, copyTagHolders, countFieldHolders, deleteFieldRow, deleteLinkRow, deleteTagFolderRow, deleteTagRow,
  findField, findLink, findTag, findTagFolder, renameTagFolderRow, updateFieldRow, updateLinkRow, updateTagRow, type UsageKind,
} from '../store/catalogue.ts';
import { draftsMentioning, replaceDraft } from '../store/scenarios.ts';
import type { Db, Tx } from '../store/tx.ts';

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
  if (!(await findTagFolder(tx, workspaceId, folderId))) throw notFound('tag_folder');
}

async function requireTag(tx: Tx, workspaceId: string, id: string) {
  const row = await findTag(tx, workspaceId, id);
  if (!row) throw notFound('tag');
  return row;
}

async function requireField(tx: Tx, workspaceId: string, id: string) {
  const row = await findField(tx, workspaceId, id);
  if (!row) throw notFound('field');
  return row;
}

async function requireLink(tx: Tx, workspaceId: string, id: string) {
  const row = await findLink(tx, workspaceId, id);
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
    const row = await updateTagRow(db, workspaceId, id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.folderId === undefined ? {} : { folderId: body.folderId }),
    });
    if (!row) throw notFound('tag');
    return { id: row.id, name: row.name, folderId: row.folderId };
  });
}

export async function deleteTagChecked(db: Db, workspaceId: string, id: string, force: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await requireTag(tx, workspaceId, id);
    checkRemovable('tag', await catalogueUsage(tx, workspaceId, 'tag', id), force);
    await deleteTagRow(tx, id, workspaceId);
  });
}

/** Rewrites every draft that refers to `from` so it refers to `to`; open editors see a newer revision. */
async function rewriteDrafts(tx: Tx, workspaceId: string, from: string, to: string, at: Date) {
  for (const row of await draftsMentioning(tx, workspaceId, from)) await replaceDraft(tx, row.id, replaceId(row.draft, from, to), at);
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
    await copyTagHolders(tx, id, intoTagId);
    await rewriteDrafts(tx, workspaceId, id, intoTagId, at);
    await deleteTagRow(tx, id);
    return { id: into.id, name: into.name, folderId: into.folderId };
  });
}

export async function renameTagFolder(db: Db, workspaceId: string, id: string, name: string) {
  return renamed('tag_folder', name, async () => {
    const row = await renameTagFolderRow(db, workspaceId, id, name);
    if (!row) throw notFound('tag_folder');
    return { id: row.id, name: row.name };
  });
}

/** Its tags stay, outside any folder. */
export async function deleteTagFolder(db: Db, workspaceId: string, id: string) {
  if (!(await deleteTagFolderRow(db, workspaceId, id))) throw notFound('tag_folder');
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
    const row = await updateFieldRow(db, id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.choices === undefined ? {} : { choices: body.choices }),
      ...(kind === field.kind ? {} : { kind, ...(kind === 'choice' || body.choices !== undefined ? {} : { choices: [] }) }),
    });
    return { id: row.id, name: row.name, kind: row.kind, choices: row.choices };
  });
}

/** Friends' values of the field go with it. */
export async function deleteFieldChecked(db: Db, workspaceId: string, id: string, force: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await requireField(tx, workspaceId, id);
    checkRemovable('field', await catalogueUsage(tx, workspaceId, 'field', id), force);
    await deleteFieldRow(tx, workspaceId, id);
  });
}

export async function updateLink(db: Db, workspaceId: string, id: string, body: UpdateTrackedLinkBody): Promise<TrackedLink> {
  checkLinkUrl(body.url);
  const row = await updateLinkRow(db, workspaceId, id, body);
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
    await deleteLinkRow(tx, id);
  });
}
