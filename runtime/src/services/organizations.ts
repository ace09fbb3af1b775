import type { CreateWorkspaceBody, Organization, Workspace } from '@lsb/shared/api';
import type { SecretBox } from '../crypto/secrets.ts';
import type { Db } from '../db/pool.ts';
import { ApiError } from '../errors.ts';
import { insertOrganization, organizationRoleOf, organizationsOf, setWorkspaceOrganization, upsertWorkspaceMember, workspacesOf } from '../store/memberships.ts';
import type { UserRow } from '../store/users.ts';
import { setUpWorkspace } from './onboarding.ts';
import { listWorkspaces } from './workspaces.ts';

export async function createOrganization(db: Db, user: UserRow, name: string): Promise<Organization> {
  const organization = await insertOrganization(db, name, user.id);
  return { id: organization.id, name: organization.name, role: 'owner', createdAt: organization.createdAt.toISOString() };
}

/** Organization owners and admins open workspaces; the creator is the new workspace's owner. */
export async function createWorkspaceIn(db: Db, box: SecretBox, user: UserRow, organizationId: string, body: CreateWorkspaceBody, publicUrl: string): Promise<Workspace> {
  const role = await organizationRoleOf(db, user.id, organizationId);
  if (!role) throw new ApiError(404, 'organization_not_found', 'No such organization.');
  if (role === 'member') throw new ApiError(403, 'forbidden', 'Only organization owners and admins create workspaces.', { required: 'admin' });
  const workspace = await setUpWorkspace(db, box, body, publicUrl);
  await setWorkspaceOrganization(db, workspace.id, organizationId);
  await upsertWorkspaceMember(db, workspace.id, user.id, 'owner');
  return workspace;
}

/** POST /api/workspaces: in the organization the person works in (or their first one they administer). */
export async function createWorkspaceInCurrent(db: Db, box: SecretBox, user: UserRow, currentOrganizationId: string | undefined, body: CreateWorkspaceBody, publicUrl: string) {
  const organizations = await organizationsOf(db, user.id);
  const target = organizations.find((o) => o.id === currentOrganizationId && o.role !== 'member') ?? organizations.find((o) => o.role !== 'member');
  if (!target) throw new ApiError(403, 'forbidden', 'Only organization owners and admins create workspaces.', { required: 'admin' });
  return createWorkspaceIn(db, box, user, target.id, body, publicUrl);
}

/** The workspaces a person (all they can see) or an API token (its own) may list. */
export async function visibleWorkspaces(db: Db, scope: { userId: string } | { workspaceId: string }): Promise<Workspace[]> {
  const all = await listWorkspaces(db);
  if ('workspaceId' in scope) return all.filter((w) => w.id === scope.workspaceId);
  const visible = new Set((await workspacesOf(db, scope.userId)).map((w) => w.id));
  return all.filter((w) => visible.has(w.id));
}
