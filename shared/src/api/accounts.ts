import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';

/*
 * Accounts: who is calling, and as what. The contract between the runtime and the editor.
 *
 * How a client authenticates
 * - Browser: the session cookie `lsb_session` (HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is
 *   https), set by sign-up, log-in and invitation acceptance and rotated on each. Every state
 *   change (POST/PUT/PATCH/DELETE) made with the cookie carries the header `x-csrf-token` with the
 *   token from `csrfToken` of a `Session` answer or from GET /api/auth/csrf (it changes when the
 *   session is rotated, so take the new one after log-in). Without it: 403 `csrf_invalid`.
 * - Scripts: `Authorization: Bearer <secret>` with an API token (accounts-tokens.ts); no cookie, no
 *   CSRF token. A token reaches only its own workspace, with its role.
 * - A request whose Host is not PUBLIC_URL's host (or a loopback address) is refused: 421
 *   `host_not_allowed`. A state change whose Origin is another site: 403 `origin_mismatch`.
 * - No session and no token on a non-public route: 401 `unauthenticated`. A workspace the caller
 *   is not a member of, or an id of another workspace's item: 404 (as if it did not exist). A role
 *   too low for the action: 403 `forbidden` with details `{ required: WorkspaceRole }`.
 *
 * Public routes (no session needed): GET /api/health, GET /api/auth/setup, POST /api/auth/signup,
 * POST /api/auth/login, POST /api/auth/password-reset/request, POST /api/auth/password-reset,
 * GET /api/invitations/:token, POST /api/invitations/accept, GET /api/auth/csrf; the LINE
 * webhook, tracked-link clicks (/l/…), inflow landing pages (/r/…), the fake LINE server, /docs and
 * the editor's static files.
 *
 * Tests, e2e and scripts create users through this API, never by writing rows: on a fresh database
 * POST /api/auth/signup makes the owner (then POST /api/auth/login), and the owner invites others.
 * The runtime's tests use test/support/auth.ts (signUpOwner / addMember → a cookie-and-CSRF carrying inject).
 */

/** Stable error codes of the accounts routes (in `ApiErrorBody.code`). */
export const ACCOUNT_ERROR_CODES = [
  'unauthenticated', // 401: no valid session or token (also: expired, revoked, tampered or foreign cookie)
  'invalid_credentials', // 401: wrong email or password (the same answer for an unknown email)
  'forbidden', // 403: the role is too low; details { required }
  'csrf_invalid', // 403: a cookie-authenticated state change without a valid x-csrf-token
  'origin_mismatch', // 403: a state change from another site
  'host_not_allowed', // 421: the Host header is not this installation's address
  'session_required', // 403: API tokens cannot do this (members, tokens, password, organizations)
  'rate_limited', // 429: too many log-in or reset attempts; retry later (Retry-After header)
  'weak_password', // 400: details { reason: 'too_short' | 'common' }, minimum 12 characters
  'current_password_wrong', // 400: password change with a wrong current password
  'email_taken', // 409: an account with this email exists
  'signup_closed', // 403: sign-up is only the first-run owner; others join by invitation
  'token_invalid', // 400: a reset or invitation token that does not exist (or was tampered with)
  'token_expired', // 400: a reset or invitation token past its expiry
  'token_used', // 400: a reset or invitation token already used (or an invitation revoked)
  'invitation_email_mismatch', // 403: logged in as someone other than the invited email
  'login_required', // 401: the invited email has an account: log in first, then accept
  'last_owner', // 409: the last owner of a workspace or organization cannot be removed or demoted
  'inherited_role', // 409: the role comes from the organization; change it there
  'member_not_found', // 404
  'invitation_not_found', // 404
  'organization_not_found', // 404
  'workspace_not_found', // 404
  'api_token_not_found', // 404
  'already_member', // 409: invitation for someone who is already a member
  'not_operator', // 403: the mail outbox is for the installation's operator (the first-run owner)
] as const;

/** Roles per workspace, strongest first. admin: members, channels, tokens; editor: draw, publish,
 *  pause, broadcasts; viewer: read only. */
export const WorkspaceRole = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer')]);
export type WorkspaceRole = Static<typeof WorkspaceRole>;
export const WORKSPACE_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const satisfies readonly WorkspaceRole[];

/** Roles in an organization: owner and admin act as owner / admin in every workspace of it; member
 *  only sees the workspaces they were added to. */
export const OrganizationRole = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);
export type OrganizationRole = Static<typeof OrganizationRole>;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Strength (≥ 12 characters, not a common password) is checked by the server: 400 `weak_password`. */
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const PASSWORD_MIN_LENGTH = 12;
export const PersonName = Type.String({ minLength: 1, maxLength: 100 });

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  /** The first-run owner operates the installation (sees the mail outbox). */
  isOperator: Type.Boolean(),
  createdAt: IsoDateTime,
});
export type User = Static<typeof User>;

export const MeOrganization = Type.Object({ id: Uuid, name: Type.String(), role: OrganizationRole });
export type MeOrganization = Static<typeof MeOrganization>;

/** A workspace the caller can open, with the caller's effective role there. */
export const MeWorkspace = Type.Object({ id: Uuid, name: Type.String(), organizationId: Uuid, role: WorkspaceRole });
export type MeWorkspace = Static<typeof MeWorkspace>;

export const Me = Type.Object({
  user: User,
  organizations: Type.Array(MeOrganization),
  workspaces: Type.Array(MeWorkspace),
  /** What the caller last switched to (null until they pick one; the editor then picks the first). */
  current: Type.Object({ organizationId: Type.Union([Uuid, Type.Null()]), workspaceId: Type.Union([Uuid, Type.Null()]) }),
});
export type Me = Static<typeof Me>;

/** The answer of sign-up, log-in and invitation acceptance: who you are now, and the CSRF token of the new session. */
export const Session = Type.Object({ me: Me, csrfToken: Type.String() });
export type Session = Static<typeof Session>;

/** GET /api/auth/setup (public): true on an empty installation, where the first visit creates the owner. */
export const SetupStatus = Type.Object({ needsOwner: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatus>;

/** POST /api/auth/signup → 201 Session. Only while no account exists (else 403 `signup_closed`):
 *  the first-run owner, who then owns the demo workspace and its organization. */
export const SignupBody = Type.Object(
  { email: Email, password: Password, name: PersonName, organizationName: Type.Optional(Name) },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

/** POST /api/auth/login → 200 Session; 401 `invalid_credentials`; 429 `rate_limited`. */
export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

/** POST /api/auth/logout → 204 (this session); POST /api/auth/logout-everywhere → 204 (every session of the user, this one too). */

/** GET /api/auth/me → 200 Me. */

/** GET /api/auth/csrf → 200 CsrfToken (public: a session without a user gets one too). */
export const CsrfToken = Type.Object({ csrfToken: Type.String() });
export type CsrfToken = Static<typeof CsrfToken>;

/** POST /api/auth/password → 200 CsrfToken: every other session of the user ends, this one is rotated. */
export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** POST /api/auth/password-reset/request → 202 always (whether the email is known is never told); 429 `rate_limited`.
 *  A known email gets a link `${PUBLIC_URL}/reset-password?token=…` valid for 1 hour, single use. */
export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

/** POST /api/auth/password-reset → 204; every session of the user ends. 400 token_invalid / token_expired / token_used / weak_password. */
export const PasswordResetBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;

/** POST /api/auth/switch → 200 Me: remembers the organization / workspace the person works in
 *  (404 when they cannot see it). */
export const SwitchBody = Type.Object(
  { organizationId: Type.Optional(Uuid), workspaceId: Type.Optional(Uuid) },
  { additionalProperties: false, minProperties: 1 },
);
export type SwitchBody = Static<typeof SwitchBody>;

/** POST /api/organizations → 201 Organization; the creator is its owner. */
export const CreateOrganizationBody = Type.Object({ name: Name }, { additionalProperties: false });
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;
export const Organization = Type.Object({ id: Uuid, name: Type.String(), role: OrganizationRole, createdAt: IsoDateTime });
export type Organization = Static<typeof Organization>;
export const OrganizationParams = Type.Object({ organizationId: Uuid });

/** POST /api/organizations/:organizationId/workspaces → 201 Workspace (workspaces.ts); organization
 *  owners and admins only (403 `forbidden`). The creator becomes the workspace's owner.
 *  POST /api/workspaces (CreateWorkspaceBody) still works: it creates in the current organization. */
