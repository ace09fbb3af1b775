import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type {
  CatalogueResponse, CreateFieldBody, CreateTagBody, CreateTrackedLinkBody, Field, InflowRoute, Tag, TrackedLink,
} from '@lsb/shared/api';
import { listSegmentRows } from '../store/segments.ts';
import type { Db } from '../db/pool.ts';
import { fields, inflowRoutes, scenarios, tagFolders, tags, trackedLinks } from '../db/schema/index.ts';
import { badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import { isRedirectableUrl } from './links.ts';

const toTag = (row: typeof tags.$inferSelect): Tag => ({ id: row.id, name: row.name, folderId: row.folderId });
const toField = (row: typeof fields.$inferSelect): Field => ({ id: row.id, name: row.name, kind: row.kind, choices: row.choices });
const toRoute = (row: typeof inflowRoutes.$inferSelect): InflowRoute => ({ id: row.id, name: row.name, code: row.code });
const toLink = (row: typeof trackedLinks.$inferSelect): TrackedLink => ({ id: row.id, name: row.name, url: row.url });

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
    const [folder] = await db.select().from(tagFolders).where(and(eq(tagFolders.id, body.folderId), eq(tagFolders.workspaceId, workspaceId)));
    if (!folder) throw notFound('tag_folder');
  }
  return uniqueName('tag', body.name, async () => {
    const [row] = await db.insert(tags).values({ workspaceId, name: body.name, folderId: body.folderId ?? null }).returning();
    return toTag(row!);
  });
}

export async function createTagFolder(db: Db, workspaceId: string, name: string) {
  const [row] = await db.insert(tagFolders).values({ workspaceId, name }).returning();
  return { id: row!.id, name: row!.name };
}

export async function createField(db: Db, workspaceId: string, body: CreateFieldBody): Promise<Field> {
  return uniqueName('field', body.name, async () => {
    const [row] = await db.insert(fields).values({ workspaceId, name: body.name, kind: body.kind, choices: body.choices ?? [] }).returning();
    return toField(row!);
  });
}

export async function createTrackedLink(db: Db, workspaceId: string, body: CreateTrackedLinkBody): Promise<TrackedLink> {
  checkLinkUrl(body.url);
  const [row] = await db.insert(trackedLinks).values({ workspaceId, name: body.name, url: body.url }).returning();
  return toLink(row!);
}

export async function loadCatalogue(db: Db, workspaceId: string): Promise<CatalogueResponse> {
  const [tagRows, folderRows, fieldRows, routeRows, scenarioRows, linkRows, segmentRows] = await Promise.all([
    db.select().from(tags).where(eq(tags.workspaceId, workspaceId)).orderBy(asc(tags.name)),
    db.select().from(tagFolders).where(eq(tagFolders.workspaceId, workspaceId)).orderBy(asc(tagFolders.name)),
    db.select().from(fields).where(eq(fields.workspaceId, workspaceId)).orderBy(asc(fields.name)),
    db.select().from(inflowRoutes).where(and(eq(inflowRoutes.workspaceId, workspaceId), isNull(inflowRoutes.deletedAt))).orderBy(asc(inflowRoutes.name)),
    db.select({ id: scenarios.id, name: scenarios.name }).from(scenarios)
      .where(and(eq(scenarios.workspaceId, workspaceId), ne(scenarios.state, 'archived'))).orderBy(asc(scenarios.name)),
    db.select().from(trackedLinks).where(eq(trackedLinks.workspaceId, workspaceId)).orderBy(asc(trackedLinks.name)),
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
