import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FieldKind } from '@lsb/shared';
import { fields, inflowRoutes, scenarios, tagFolders, tags, trackedLinks } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// Catalogue entries a clone or roll-out creates in the target workspace, inside its transaction.

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

export async function insertScenario(tx: Tx, workspaceId: string, name: string, draft: unknown, at: Date): Promise<string> {
  const [row] = await tx.insert(scenarios).values({ workspaceId, name, draft, createdAt: at, updatedAt: at }).returning({ id: scenarios.id });
  return row!.id;
}

/** A new draft for a scenario (a revision bump, so open editors see they are behind). */
export async function replaceDraft(tx: Tx, scenarioId: string, draft: unknown, at: Date): Promise<void> {
  await tx.update(scenarios).set({ draft, draftRevision: sql`${scenarios.draftRevision} + 1`, updatedAt: at }).where(eq(scenarios.id, scenarioId));
}
