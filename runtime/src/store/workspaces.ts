import { asc, eq } from 'drizzle-orm';
import { workspaces } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export async function insertWorkspace(db: Tx, row: typeof workspaces.$inferInsert): Promise<WorkspaceRow> {
  const [inserted] = await db.insert(workspaces).values(row).returning();
  return inserted!;
}

/** Every workspace, oldest first. */
export function listWorkspaceRows(db: Tx): Promise<WorkspaceRow[]> {
  return db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
}

export async function findWorkspaceRow(db: Tx, workspaceId: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.workspaceId, workspaceId));
  return row;
}

/** Undefined when there is no such workspace. */
export async function updateWorkspaceRow(db: Tx, workspaceId: string, patch: Partial<Omit<WorkspaceRow, 'workspaceId'>>): Promise<WorkspaceRow | undefined> {
  const [row] = await db.update(workspaces).set(patch).where(eq(workspaces.workspaceId, workspaceId)).returning();
  return row;
}

/** Whether the database holds any workspace yet (a fresh one gets the demo). */
export async function hasAnyWorkspace(db: Tx): Promise<boolean> {
  const existing = await db.select({ id: workspaces.workspaceId }).from(workspaces).limit(1);
  return existing.length > 0;
}
