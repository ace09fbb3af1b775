import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { WORKSPACE_ROLES, type OrganizationRole, type WorkspaceRole } from '@lsb/shared/api';
import { organizationMembers, organizations, users, workspaceMembers, workspaces } from '../db/schema/index.ts';
import type { DbOrTx } from './users.ts';

const RANK = Object.fromEntries(WORKSPACE_ROLES.map((role, index) => [role, WORKSPACE_ROLES.length - index])) as Record<WorkspaceRole, number>;
export const roleAtLeast = (role: WorkspaceRole, required: WorkspaceRole) => RANK[role] >= RANK[required];

/** An organization's owners and admins act as owner / admin in every workspace of it. */
export function effectiveRole(workspaceRole: WorkspaceRole | null, organizationRole: OrganizationRole | null): WorkspaceRole | null {
  const inherited: WorkspaceRole | null = organizationRole === 'owner' ? 'owner' : organizationRole === 'admin' ? 'admin' : null;
  if (!workspaceRole) return inherited;
  if (!inherited) return workspaceRole;
  return RANK[workspaceRole] >= RANK[inherited] ? workspaceRole : inherited;
}

/** The user's role in the workspace, or null when they cannot see it (or it does not exist). */
export async function workspaceRoleOf(db: DbOrTx, userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
  const [row] = await db.select({ workspaceRole: workspaceMembers.role, organizationRole: organizationMembers.role })
    .from(workspaces)
    .leftJoin(workspaceMembers, and(eq(workspaceMembers.workspaceId, workspaces.workspaceId), eq(workspaceMembers.userId, userId)))
    .leftJoin(organizationMembers, and(eq(organizationMembers.organizationId, workspaces.organizationId), eq(organizationMembers.userId, userId)))
    .where(eq(workspaces.workspaceId, workspaceId));
  return row ? effectiveRole(row.workspaceRole, row.organizationRole) : null;
}

export async function organizationsOf(db: DbOrTx, userId: string) {
  return db.select({ id: organizations.id, name: organizations.name, role: organizationMembers.role, createdAt: organizations.createdAt })
    .from(organizationMembers).innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(eq(organizationMembers.userId, userId)).orderBy(asc(organizations.createdAt), asc(organizations.id));
}

/** Every workspace the user sees, with the effective role: their own memberships and, through an
 *  organization they own or administer, all of its workspaces. */
export async function workspacesOf(db: DbOrTx, userId: string) {
  const rows = await db.select({
    id: workspaces.workspaceId, name: workspaces.name, organizationId: workspaces.organizationId,
    workspaceRole: workspaceMembers.role, organizationRole: organizationMembers.role,
  })
    .from(workspaces)
    .leftJoin(workspaceMembers, and(eq(workspaceMembers.workspaceId, workspaces.workspaceId), eq(workspaceMembers.userId, userId)))
    .leftJoin(organizationMembers, and(eq(organizationMembers.organizationId, workspaces.organizationId), eq(organizationMembers.userId, userId)))
    .where(or(sql`${workspaceMembers.userId} is not null`, inArray(organizationMembers.role, ['owner', 'admin'])))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.workspaceId));
  return rows.flatMap((row) => {
    const role = effectiveRole(row.workspaceRole, row.organizationRole);
    return role && row.organizationId ? [{ id: row.id, name: row.name, organizationId: row.organizationId, role }] : [];
  });
}

export async function insertOrganization(db: DbOrTx, name: string, ownerId: string) {
  const [organization] = await db.insert(organizations).values({ name }).returning();
  await db.insert(organizationMembers).values({ organizationId: organization!.id, userId: ownerId, role: 'owner' });
  return organization!;
}

export async function organizationRoleOf(db: DbOrTx, userId: string, organizationId: string): Promise<OrganizationRole | null> {
  const [row] = await db.select({ role: organizationMembers.role }).from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId)));
  return row?.role ?? null;
}

export async function ensureOrganizationMember(db: DbOrTx, organizationId: string, userId: string): Promise<void> {
  await db.insert(organizationMembers).values({ organizationId, userId, role: 'member' }).onConflictDoNothing();
}

export async function listOrganizationMembers(db: DbOrTx, organizationId: string) {
  return db.select({ userId: users.id, email: users.email, name: users.name, role: organizationMembers.role })
    .from(organizationMembers).innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId)).orderBy(asc(organizationMembers.createdAt), asc(users.email));
}

export async function setOrganizationRole(db: DbOrTx, organizationId: string, userId: string, role: OrganizationRole): Promise<boolean> {
  const rows = await db.update(organizationMembers).set({ role })
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId))).returning();
  return rows.length > 0;
}

export async function countOrganizationOwners(db: DbOrTx, organizationId: string): Promise<number> {
  const rows = await db.select({ userId: organizationMembers.userId }).from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.role, 'owner')));
  return rows.length;
}

/** Workspaces seeded before anyone existed (the demo) join the first owner's organization. */
export async function claimOrphanWorkspaces(db: DbOrTx, organizationId: string, ownerId: string): Promise<void> {
  const orphans = await db.update(workspaces).set({ organizationId }).where(isNull(workspaces.organizationId)).returning({ id: workspaces.workspaceId });
  if (orphans.length > 0) {
    await db.insert(workspaceMembers).values(orphans.map((w) => ({ workspaceId: w.id, userId: ownerId, role: 'owner' as const }))).onConflictDoNothing();
  }
}

export async function setWorkspaceOrganization(db: DbOrTx, workspaceId: string, organizationId: string): Promise<void> {
  await db.update(workspaces).set({ organizationId }).where(eq(workspaces.workspaceId, workspaceId));
}

export async function workspaceOrganization(db: DbOrTx, workspaceId: string) {
  const [row] = await db.select({ organizationId: workspaces.organizationId, workspaceName: workspaces.name, organizationName: organizations.name })
    .from(workspaces).leftJoin(organizations, eq(organizations.id, workspaces.organizationId)).where(eq(workspaces.workspaceId, workspaceId));
  return row;
}

// Workspace members

export async function listWorkspaceMembers(db: DbOrTx, workspaceId: string) {
  const explicit = await db.select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
    .from(workspaceMembers).innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId)).orderBy(asc(workspaceMembers.createdAt), asc(users.email));
  const inherited = await db.select({ userId: users.id, email: users.email, name: users.name, role: organizationMembers.role, joinedAt: organizationMembers.createdAt })
    .from(workspaces)
    .innerJoin(organizationMembers, eq(organizationMembers.organizationId, workspaces.organizationId))
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(and(eq(workspaces.workspaceId, workspaceId), inArray(organizationMembers.role, ['owner', 'admin'])))
    .orderBy(asc(organizationMembers.createdAt), asc(users.email));
  return { explicit, inherited };
}

export async function findWorkspaceMember(db: DbOrTx, workspaceId: string, userId: string) {
  const [row] = await db.select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
    .from(workspaceMembers).innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row;
}

export async function upsertWorkspaceMember(db: DbOrTx, workspaceId: string, userId: string, role: WorkspaceRole): Promise<void> {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role })
    .onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.userId], set: { role } });
}

export async function setWorkspaceRole(db: DbOrTx, workspaceId: string, userId: string, role: WorkspaceRole): Promise<void> {
  await db.update(workspaceMembers).set({ role }).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
}

export async function deleteWorkspaceMember(db: DbOrTx, workspaceId: string, userId: string): Promise<void> {
  await db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
}

/** Locks the workspace's owner rows so two concurrent demotions cannot both pass the last-owner check. */
export async function lockWorkspaceOwners(db: DbOrTx, workspaceId: string): Promise<number> {
  const rows = await db.select({ userId: workspaceMembers.userId }).from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner'))).for('update');
  return rows.length;
}
