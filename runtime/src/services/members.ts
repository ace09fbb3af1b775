import { ApiError, badRequest, conflict } from '../errors.ts';
import type { AcceptInvitationBody, Invitation, InvitationPreview, Member, OrganizationRole, WorkspaceRole } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { assertStrongPassword, hashPassword } from '../accounts/passwords.ts';
import { randomToken, sha256 } from '../accounts/secrets.ts';
import type { Mailer } from '../accounts/mailer.ts';
import {
  countOrganizationOwners, deleteWorkspaceMember, ensureOrganizationMember, findWorkspaceMember, listOrganizationMembers,
  listWorkspaceMembers, lockWorkspaceOwners, organizationRoleOf, setOrganizationRole, setWorkspaceRole, upsertWorkspaceMember,
  workspaceOrganization,
} from '../store/memberships.ts';
import {
  findInvitation, findInvitationByHash, insertInvitation, listPendingInvitations, markInvitation, revokePendingInvitations, type InvitationRow,
} from '../store/one-time-tokens.ts';
import { findUserByEmail, insertUser, normaliseEmail, type DbOrTx, type UserRow } from '../store/users.ts';
import { bilingualMail } from './account-mail.ts';
import { assertUsableToken } from './accounts.ts';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

const memberNotFound = () => new ApiError(404, 'member_not_found', 'No such member in this workspace.');
const lastOwner = () => conflict('last_owner', 'The last owner cannot be removed or demoted; make someone else owner first.');
const ownerOnly = () => new ApiError(403, 'forbidden', 'Only an owner can make or change owners.', { required: 'owner' });

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const { explicit, inherited } = await listWorkspaceMembers(db, workspaceId);
  const listed = new Set(explicit.map((m) => m.userId));
  return [
    ...explicit.map((m) => ({ ...m, inherited: false, joinedAt: m.joinedAt.toISOString() })),
    ...inherited.filter((m) => !listed.has(m.userId)).map((m) => ({
      ...m, role: (m.role === 'owner' ? 'owner' : 'admin') as WorkspaceRole, inherited: true, joinedAt: m.joinedAt.toISOString(),
    })),
  ];
}

async function explicitMember(db: DbOrTx, workspaceId: string, userId: string) {
  const member = await findWorkspaceMember(db, workspaceId, userId);
  if (member) return member;
  const { inherited } = await listWorkspaceMembers(db, workspaceId);
  if (inherited.some((m) => m.userId === userId)) throw conflict('inherited_role', 'This role comes from the organization; change it there.');
  throw memberNotFound();
}

export async function changeMemberRole(db: Db, workspaceId: string, actorRole: WorkspaceRole, userId: string, role: WorkspaceRole): Promise<{ member: Member; from: WorkspaceRole }> {
  return db.transaction(async (tx) => {
    const member = await explicitMember(tx, workspaceId, userId);
    if ((role === 'owner' || member.role === 'owner') && actorRole !== 'owner') throw ownerOnly();
    if (member.role === 'owner' && role !== 'owner' && (await lockWorkspaceOwners(tx, workspaceId)) <= 1) throw lastOwner();
    await setWorkspaceRole(tx, workspaceId, userId, role);
    return { member: { ...member, role, inherited: false, joinedAt: member.joinedAt.toISOString() }, from: member.role };
  });
}

export async function removeMember(db: Db, workspaceId: string, actorRole: WorkspaceRole, userId: string) {
  return db.transaction(async (tx) => {
    const member = await explicitMember(tx, workspaceId, userId);
    if (member.role === 'owner' && actorRole !== 'owner') throw ownerOnly();
    if (member.role === 'owner' && (await lockWorkspaceOwners(tx, workspaceId)) <= 1) throw lastOwner();
    await deleteWorkspaceMember(tx, workspaceId, userId);
    return member;
  });
}

function toInvitation(row: InvitationRow, inviter: { id: string; name: string; email: string }, now: Date): Invitation {
  const status = row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
  return {
    id: row.id, workspaceId: row.workspaceId, email: row.email, role: row.role, status, invitedBy: inviter,
    createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
  };
}

export async function invite(
  db: Db, mailer: Mailer, input: { workspaceId: string; inviter: UserRow; inviterRole: WorkspaceRole; email: string; role: WorkspaceRole; now: Date; publicUrl: string },
): Promise<Invitation> {
  if (input.role === 'owner' && input.inviterRole !== 'owner') throw ownerOnly();
  const email = normaliseEmail(input.email);
  const existing = await findUserByEmail(db, email);
  if (existing && (await findWorkspaceMember(db, input.workspaceId, existing.id))) throw conflict('already_member', 'This person is already a member of this workspace.');
  const token = randomToken();
  const row = await db.transaction(async (tx) => {
    await revokePendingInvitations(tx, input.workspaceId, email, input.now);
    return insertInvitation(tx, {
      workspaceId: input.workspaceId, email, role: input.role, tokenHash: sha256(token), invitedBy: input.inviter.id,
      createdAt: input.now, expiresAt: new Date(input.now.getTime() + INVITATION_TTL_MS),
    });
  });
  const where = await workspaceOrganization(db, input.workspaceId);
  const link = `${input.publicUrl}/invite?token=${encodeURIComponent(token)}`;
  await mailer.send(bilingualMail('invitation', email, link, (t) => ({
    subject: t('mail.invitationSubject', { workspace: where?.workspaceName ?? '' }),
    text: t('mail.invitationText', {
      inviter: input.inviter.name, workspace: where?.workspaceName ?? '', organization: where?.organizationName ?? '', role: t(`mail.role.${input.role}`), link,
    }),
  })));
  return toInvitation(row, { id: input.inviter.id, name: input.inviter.name, email: input.inviter.email }, input.now);
}

export async function listInvitations(db: Db, workspaceId: string, now: Date): Promise<Invitation[]> {
  const rows = await listPendingInvitations(db, workspaceId, now);
  return rows.map((r) => toInvitation(r.invitation, r.inviter, now));
}

export async function revokeInvitation(db: Db, workspaceId: string, id: string, now: Date): Promise<InvitationRow> {
  const row = await findInvitation(db, workspaceId, id);
  if (!row || row.acceptedAt || row.revokedAt) throw new ApiError(404, 'invitation_not_found', 'No such pending invitation.');
  await markInvitation(db, id, { revokedAt: now });
  return row;
}

function usableInvitation(row: InvitationRow | undefined, now: Date): InvitationRow {
  assertUsableToken(row && { usedAt: row.acceptedAt ?? row.revokedAt, expiresAt: row.expiresAt }, now);
  return row!;
}

export async function previewInvitation(db: Db, token: string, now: Date): Promise<InvitationPreview> {
  const found = await findInvitationByHash(db, sha256(token));
  const row = usableInvitation(found?.invitation, now);
  const where = await workspaceOrganization(db, row.workspaceId);
  return {
    email: row.email, role: row.role, workspaceName: where?.workspaceName ?? '', organizationName: where?.organizationName ?? '',
    invitedByName: found!.inviterName, accountExists: Boolean(await findUserByEmail(db, row.email)), expiresAt: row.expiresAt.toISOString(),
  };
}

/** Joins the workspace (and its organization as a member); creates the account when the email has none. */
export async function acceptInvitation(db: Db, body: AcceptInvitationBody, caller: UserRow | null, now: Date): Promise<{ user: UserRow; invitation: InvitationRow }> {
  const peek = await findInvitationByHash(db, sha256(body.token));
  const peeked = usableInvitation(peek?.invitation, now);
  const existing = await findUserByEmail(db, peeked.email);
  let passwordHash: string | undefined;
  if (!existing) {
    if (!body.name || !body.password) throw badRequest('invalid_request', 'A name and a password are needed to create the account.');
    assertStrongPassword(body.password);
    passwordHash = await hashPassword(body.password);
  } else if (!caller) {
    throw new ApiError(401, 'login_required', 'This email has an account: log in, then open the invitation again.');
  }
  if (caller && caller.email !== peeked.email) throw new ApiError(403, 'invitation_email_mismatch', 'This invitation is for another email address.');
  return db.transaction(async (tx) => {
    const locked = await findInvitationByHash(tx, sha256(body.token), true);
    const invitation = usableInvitation(locked?.invitation, now);
    const user = existing ?? await insertUser(tx, { email: invitation.email, name: body.name!, passwordHash: passwordHash!, isOperator: false });
    if (!user) throw conflict('email_taken', 'An account with this email exists.');
    const current = await findWorkspaceMember(tx, invitation.workspaceId, user.id);
    if (!current) await upsertWorkspaceMember(tx, invitation.workspaceId, user.id, invitation.role);
    const where = await workspaceOrganization(tx, invitation.workspaceId);
    if (where?.organizationId) await ensureOrganizationMember(tx, where.organizationId, user.id);
    await markInvitation(tx, invitation.id, { acceptedAt: now });
    return { user, invitation };
  });
}

// Organizations

export async function listOrgMembers(db: Db, organizationId: string, userId: string) {
  if (!(await organizationRoleOf(db, userId, organizationId))) throw new ApiError(404, 'organization_not_found', 'No such organization.');
  return listOrganizationMembers(db, organizationId);
}

export async function changeOrgRole(db: Db, organizationId: string, actor: UserRow, userId: string, role: OrganizationRole) {
  const actorRole = await organizationRoleOf(db, actor.id, organizationId);
  if (!actorRole) throw new ApiError(404, 'organization_not_found', 'No such organization.');
  if (actorRole !== 'owner') throw new ApiError(403, 'forbidden', 'Only an organization owner can change organization roles.', { required: 'owner' });
  return db.transaction(async (tx) => {
    const current = await organizationRoleOf(tx, userId, organizationId);
    if (!current) throw memberNotFound();
    if (current === 'owner' && role !== 'owner' && (await countOrganizationOwners(tx, organizationId)) <= 1) throw lastOwner();
    await setOrganizationRole(tx, organizationId, userId, role);
    const members = await listOrganizationMembers(tx, organizationId);
    return members.find((m) => m.userId === userId)!;
  });
}
