import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';
import { Email, OrganizationRole, Password, PersonName, WorkspaceRole } from './accounts.ts';

/*
 * Members and invitations of a workspace. Reading needs `viewer`; changing needs `admin` (403
 * `forbidden`); only an owner can make or unmake owners. API tokens cannot (403 `session_required`).
 */

/** GET /api/workspaces/:workspaceId/members → Member[]. Organization owners/admins are listed with
 *  `inherited: true` (their role comes from the organization and is not changed here). */
export const Member = Type.Object({
  userId: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: WorkspaceRole,
  inherited: Type.Boolean(),
  joinedAt: IsoDateTime,
});
export type Member = Static<typeof Member>;

export const MemberParams = Type.Object({ workspaceId: Uuid, userId: Uuid });

/** PATCH /api/workspaces/:workspaceId/members/:userId → 200 Member; 409 `last_owner`, 409 `inherited_role`, 404 `member_not_found`. */
export const ChangeRoleBody = Type.Object({ role: WorkspaceRole }, { additionalProperties: false });
export type ChangeRoleBody = Static<typeof ChangeRoleBody>;

/** DELETE /api/workspaces/:workspaceId/members/:userId → 204; 409 `last_owner`, 409 `inherited_role`, 404 `member_not_found`. */

export const InvitationStatus = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')]);
export type InvitationStatus = Static<typeof InvitationStatus>;

export const Invitation = Type.Object({
  id: Uuid,
  workspaceId: Uuid,
  email: Type.String(),
  role: WorkspaceRole,
  status: InvitationStatus,
  invitedBy: Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }),
  createdAt: IsoDateTime,
  /** Seven days after creation. */
  expiresAt: IsoDateTime,
});
export type Invitation = Static<typeof Invitation>;

/** POST /api/workspaces/:workspaceId/invitations → 201 Invitation. Mails `${PUBLIC_URL}/invite?token=…`
 *  (or puts it in the mail outbox without SMTP_URL). 409 `already_member`. A new invitation to the
 *  same email replaces a pending one. */
export const CreateInvitationBody = Type.Object({ email: Email, role: WorkspaceRole }, { additionalProperties: false });
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

/** GET /api/workspaces/:workspaceId/invitations → Invitation[] (pending ones; newest first).
 *  DELETE /api/workspaces/:workspaceId/invitations/:id → 204 (revoked; its link then says `token_used`). */

/** GET /api/invitations/:token (public) → InvitationPreview; 400 token_invalid / token_expired / token_used. */
export const InvitationPreview = Type.Object({
  email: Type.String(),
  role: WorkspaceRole,
  workspaceName: Type.String(),
  organizationName: Type.String(),
  invitedByName: Type.String(),
  /** True: the invited email already has an account, so the person logs in and then accepts. */
  accountExists: Type.Boolean(),
  expiresAt: IsoDateTime,
});
export type InvitationPreview = Static<typeof InvitationPreview>;
export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/** POST /api/invitations/accept (public) → 200 Session (accounts.ts).
 *  - No account for the invited email: `name` and `password` create it (400 `weak_password`), and log in.
 *  - An account exists: the caller must be logged in as it (401 `login_required`,
 *    403 `invitation_email_mismatch`); name/password are ignored.
 *  400 token_invalid / token_expired / token_used. */
export const AcceptInvitationBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), name: Type.Optional(PersonName), password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

/** GET /api/organizations/:organizationId/members → OrganizationMember[] (any member may read).
 *  PATCH /api/organizations/:organizationId/members/:userId { role } → OrganizationMember
 *  (organization owners only; 409 `last_owner`). */
export const OrganizationMember = Type.Object({ userId: Uuid, email: Type.String(), name: Type.String(), role: OrganizationRole });
export type OrganizationMember = Static<typeof OrganizationMember>;
export const OrganizationMemberParams = Type.Object({ organizationId: Uuid, userId: Uuid });
export const ChangeOrganizationRoleBody = Type.Object({ role: OrganizationRole }, { additionalProperties: false });
export type ChangeOrganizationRoleBody = Static<typeof ChangeOrganizationRoleBody>;
