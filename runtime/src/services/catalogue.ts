import type {
  CatalogueResponse, CreateFieldBody, CreateTagBody, CreateTrackedLinkBody, Field, InflowRoute, Tag, TrackedLink,
} from '@lsb/shared/api';
import { listSegmentRows } from '../store/segments.ts';
import {
  catalogueRows, findTagFolder, insertField, insertLink, insertTag, insertTagFolder, type FieldRow, type LinkRow, type TagRow,
} from '../store/catalogue.ts';
import type { RouteRow } from '../store/inflow.ts';
import type { Db } from '../store/tx.ts';
import { badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import { isRedirectableUrl } from './links.ts';

const toTag = (row: Pick<TagRow, 'id' | 'name' | 'folderId'>): Tag => ({ id: row.id, name: row.name, folderId: row.folderId });
const toField = (row: Pick<FieldRow, 'id' | 'name' | 'kind' | 'choices'>): Field => ({ id: row.id, name: row.name, kind: row.kind, choices: row.choices });
const toRoute = (row: RouteRow): InflowRoute => ({ id: row.id, name: row.name, code: row.code });
const toLink = (row: Pick<LinkRow, 'id' | 'name' | 'url'>): TrackedLink => ({ id: row.id, name: row.name, url: row.url });

async function uniqueName<T>(what: string, name: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${what}_exists`, `A ${what.replaceAll('_', ' ')} named "${name}" already exists.`);
    throw error;
  }
}

export async function createTag(db: Db, workspaceId: string, body: CreateTagBody): Promise<Tag> {
  if (body.folderId) {
    if (!(await findTagFolder(db, workspaceId, body.folderId))) throw notFound('tag_folder');
  }
  return uniqueName('tag', body.name, async () => {
    const folderId = body.folderId ?? null;
    return toTag({ id: await insertTag(db, workspaceId, body.name, folderId), name: body.name, folderId });
  });
}

export async function createTagFolder(db: Db, workspaceId: string, name: string) {
  const row = await insertTagFolder(db, workspaceId, name);
  return { id: row.id, name: row.name };
}

export async function createField(db: Db, workspaceId: string, body: CreateFieldBody): Promise<Field> {
  return uniqueName('field', body.name, async () => {
    const choices = body.choices ?? [];
    return toField({ id: await insertField(db, workspaceId, body.name, body.kind, choices), name: body.name, kind: body.kind, choices });
  });
}

export async function createTrackedLink(db: Db, workspaceId: string, body: CreateTrackedLinkBody): Promise<TrackedLink> {
  checkLinkUrl(body.url);
  return toLink({ id: await insertLink(db, workspaceId, body.name, body.url), name: body.name, url: body.url });
}

export async function loadCatalogue(db: Db, workspaceId: string): Promise<CatalogueResponse> {
  const [[tagRows, folderRows, fieldRows, routeRows, scenarioRows, linkRows], segmentRows] = await Promise.all([
    catalogueRows(db, workspaceId),
    listSegmentRows(db, workspaceId),
  ]);
  return {
    tags: tagRows.map(toTag),
    tagFolders: folderRows.map((row) => ({ id: row.id, name: row.name })),
    fields: fieldRows.map(toField),
    inflowRoutes: routeRows.map(toRoute),
    scenarios: scenarioRows,
    links: linkRows.map(toLink),
    segments: segmentRows.map((row) => ({ id: row.id, name: row.name })),
  };
}

/** Tracked links redirect people there, so only an absolute http(s) address with a host is kept. */
export function checkLinkUrl(url: string | undefined): void {
  if (url !== undefined && !isRedirectableUrl(url)) {
    throw badRequest('invalid_link_url', 'A tracked link needs an absolute http:// or https:// address with a host name and no user name or password.');
  }
}
