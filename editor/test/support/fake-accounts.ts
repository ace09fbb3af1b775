import { HttpResponse } from 'msw';
import { Type } from 'typebox';
import * as Api from '@lsb/shared/api';
import { adoptSession } from '../../src/accounts/session.ts';
import { CSRF_HEADER, setCsrfToken } from '../../src/api/authHooks.ts';
import { id } from './ids.ts';
import { Failure, route } from './fake-route.ts';
import { server } from './server.ts';

// The runtime's accounts routes (shared/src/api/accounts*.ts) as MSW handlers over in-memory
// state: sessions, CSRF, roles, members, invitations, API tokens, the audit log and the mail outbox.
// Its gate also guards the scenario routes of fake-runtime.ts as the runtime does: 401 without a
// session, 403 `csrf_invalid` without the header, 403 `forbidden` for a role too low.

export interface FakeUser { id: string; email: string; name: string; password: string; isOperator: boolean }
type StoredInvitation = Api.Invitation & { token: string };

export interface FakeAccountsControls {
  needsOwner: boolean;
  /** The signed-in person, or null (every private route then answers 401). */
  userId: string | null;
  users: FakeUser[];
  /** Role per workspace per user; the seeded person has `seedRole` in every workspace not listed. */
  roles: Map<string, Map<string, Api.WorkspaceRole | null>>;
  invitations: StoredInvitation[];
  tokens: Api.ApiToken[];
  audit: Api.AuditEntry[];
  outbox: Api.MailMessage[];
  resetTokens: Map<string, { userId: string; state: 'fresh' | 'used' | 'expired' }>;
  csrf: string;
  calls: string[];
  /** Organizations made with POST /api/organizations (besides ORG), the one worked in, and where each workspace lives. */
  organizations: Api.Organization[];
  currentOrganizationId: string;
  workspaceOrganization: Map<string, string>;
  /** The session ends as when it expires on the server: the next private call answers 401. */
  expire(): void;
}

export const ORG = { id: id('org-1'), name: 'デモ組織' };
export const OWNER: FakeUser = { id: id('user-owner'), email: 'owner@example.com', name: 'オーナー花子', password: 'correct horse battery', isOperator: true };
const COMMON = new Set(['password1234', 'passwordpassword', 'qwertyuiop12']);
const PUBLIC = new Set(['setupStatus', 'signup', 'login', 'csrf', 'requestReset', 'resetPassword', 'previewInvitation', 'acceptInvitation']);
const now = () => new Date().toISOString();

export interface AccountsSeed {
  /** The fake runtime's workspaces, read on each call. */
  workspaces: () => readonly { id: string; name: string }[];
  role?: Api.WorkspaceRole;
  signedIn?: boolean;
  needsOwner?: boolean;
}

export function installFakeAccounts(seed: AccountsSeed) {
  const seedRole = seed.role ?? 'owner';
  let csrfCount = 0;
  const freshCsrf = () => `csrf-${++csrfCount}`;
  const needsOwner = seed.needsOwner ?? false;
  const controls: FakeAccountsControls = {
    needsOwner,
    userId: needsOwner || seed.signedIn === false ? null : OWNER.id,
    users: needsOwner ? [] : [{ ...OWNER }],
    roles: new Map(), invitations: [], tokens: [], audit: [], outbox: [], resetTokens: new Map(),
    csrf: freshCsrf(), calls: [],
    organizations: [], currentOrganizationId: ORG.id, workspaceOrganization: new Map(),
    expire() { controls.userId = null; },
  };
  // Stands for a page that has already loaded its session: direct client calls in tests carry the token.
  setCsrfToken(controls.userId ? controls.csrf : undefined);

  const roleOf = (ws: string, userId: string | null): Api.WorkspaceRole | undefined =>
    userId === null ? undefined : controls.roles.get(ws)?.has(userId) ? controls.roles.get(ws)!.get(userId) ?? undefined : userId === OWNER.id ? seedRole : undefined;
  const user = () => controls.users.find((u) => u.id === controls.userId);
  const me = (): Api.Me => {
    const u = user()!;
    const workspaces = seed.workspaces().flatMap((w) => {
      const role = roleOf(w.id, u.id);
      return role ? [{ id: w.id, name: w.name, organizationId: controls.workspaceOrganization.get(w.id) ?? ORG.id, role }] : [];
    });
    const current = workspaces.find((w) => w.organizationId === controls.currentOrganizationId);
    return {
      user: { id: u.id, email: u.email, name: u.name, isOperator: u.isOperator, createdAt: '2026-01-01T00:00:00.000Z' },
      organizations: [
        { id: ORG.id, name: ORG.name, role: workspaces.some((w) => w.role === 'owner' && w.organizationId === ORG.id) ? 'owner' : 'member' },
        ...controls.organizations.map((o) => ({ id: o.id, name: o.name, role: o.role })),
      ],
      workspaces,
      current: { organizationId: controls.currentOrganizationId, workspaceId: current?.id ?? null },
    };
  };
  const session = (): Api.Session => {
    controls.csrf = freshCsrf();
    return { me: me(), csrfToken: controls.csrf };
  };
  const checkPassword = (password: string) => {
    if (password.length < Api.PASSWORD_MIN_LENGTH) throw new Failure(400, 'weak_password', { reason: 'too_short' });
    if (COMMON.has(password)) throw new Failure(400, 'weak_password', { reason: 'common' });
  };
  const requireRole = (ws: string, required: Api.WorkspaceRole) => {
    const role = roleOf(ws, controls.userId);
    if (!role) throw new Failure(404, 'workspace_not_found');
    if (Api.WORKSPACE_ROLES.indexOf(role) > Api.WORKSPACE_ROLES.indexOf(required)) throw new Failure(403, 'forbidden', { required });
  };
  const record = (ws: string, action: Api.AuditAction, targetType: Api.AuditEntry['targetType'], targetId: string, targetLabel: string, details: Record<string, unknown> = {}) => {
    const u = user();
    // `as never`: shared's AuditEntry types `action` from a mapped union that TypeBox's Static reads as never.
    controls.audit.unshift({ id: id(`audit-${controls.audit.length}`), at: now(), actor: { kind: 'user', id: u?.id ?? null, label: u?.name ?? '' }, action: action as never, targetType, targetId, targetLabel, details: { ...details, workspaceId: ws } });
  };
  const members = (ws: string): Api.Member[] => controls.users.flatMap((u) => {
    const role = roleOf(ws, u.id);
    return role ? [{ userId: u.id, email: u.email, name: u.name, role, inherited: false, joinedAt: '2026-01-01T00:00:00.000Z' }] : [];
  });
  const setRole = (ws: string, userId: string, role: Api.WorkspaceRole | undefined) => {
    const map = controls.roles.get(ws) ?? new Map<string, Api.WorkspaceRole | null>();
    // Everyone's current role is written down, so a change to one does not move another's default.
    for (const m of members(ws)) if (!map.has(m.userId)) map.set(m.userId, m.role);
    map.set(userId, role ?? null);
    controls.roles.set(ws, map);
  };

  /** What the runtime checks before any route: session, CSRF token on state changes, then the role. */
  const gate = (name: string, request: Request): Response | undefined => {
    controls.calls.push(name);
    if (PUBLIC.has(name)) return undefined;
    const error = (status: number, code: string, details?: unknown) => HttpResponse.json({ code, message: code, ...(details ? { details } : {}) }, { status });
    if (!user()) return error(401, 'unauthenticated');
    if (request.method !== 'GET' && request.headers.get(CSRF_HEADER) !== controls.csrf) return error(403, 'csrf_invalid');
    const ws = /\/api\/workspaces\/([^/?]+)/.exec(new URL(request.url).pathname)?.[1];
    if (ws) {
      const role = roleOf(decodeURIComponent(ws), controls.userId);
      if (!role) return error(404, 'workspace_not_found');
      if (request.method !== 'GET' && role === 'viewer') return error(403, 'forbidden', { required: 'editor' });
    }
    return undefined;
  };

  const W = '*/api/workspaces/:ws';
  const invitation = (token: string) => {
    const found = controls.invitations.find((i) => i.token === token);
    if (!found) throw new Failure(400, 'token_invalid');
    if (found.status === 'expired') throw new Failure(400, 'token_expired');
    if (found.status !== 'pending') throw new Failure(400, 'token_used');
    return found;
  };

  server.use(
    route('get', '*/api/auth/setup', Api.SetupStatus, 'setupStatus', gate, () => ({ needsOwner: controls.needsOwner })),
    route('post', '*/api/auth/signup', Api.Session, 'signup', gate, ({ body }) => {
      const input = body as Api.SignupBody;
      if (!controls.needsOwner) throw new Failure(403, 'signup_closed');
      checkPassword(input.password);
      const owner = { ...OWNER, email: input.email, name: input.name, password: input.password };
      controls.users.push(owner);
      controls.needsOwner = false;
      controls.userId = owner.id;
      return session();
    }, 201),
    route('post', '*/api/auth/login', Api.Session, 'login', gate, ({ body }) => {
      const input = body as Api.LoginBody;
      const found = controls.users.find((u) => u.email === input.email && u.password === input.password);
      if (!found) throw new Failure(401, 'invalid_credentials');
      controls.userId = found.id;
      return session();
    }),
    route('get', '*/api/auth/me', Api.Me, 'me', gate, () => me()),
    route('get', '*/api/auth/csrf', Api.CsrfToken, 'csrf', gate, () => ({ csrfToken: controls.csrf })),
    route('post', '*/api/auth/logout', null, 'logout', gate, () => { controls.userId = null; }),
    route('post', '*/api/auth/logout-everywhere', null, 'logoutEverywhere', gate, () => { controls.userId = null; }),
    route('post', '*/api/auth/password', Api.CsrfToken, 'changePassword', gate, ({ body }) => {
      const input = body as Api.ChangePasswordBody;
      const u = user()!;
      if (u.password !== input.currentPassword) throw new Failure(400, 'current_password_wrong');
      checkPassword(input.newPassword);
      u.password = input.newPassword;
      controls.csrf = freshCsrf();
      return { csrfToken: controls.csrf };
    }),
    route('post', '*/api/auth/password-reset/request', null, 'requestReset', gate, () => undefined),
    route('post', '*/api/auth/password-reset', null, 'resetPassword', gate, ({ body }) => {
      const input = body as Api.PasswordResetBody;
      const reset = controls.resetTokens.get(input.token);
      if (!reset) throw new Failure(400, 'token_invalid');
      if (reset.state !== 'fresh') throw new Failure(400, reset.state === 'used' ? 'token_used' : 'token_expired');
      checkPassword(input.newPassword);
      controls.users.find((u) => u.id === reset.userId)!.password = input.newPassword;
      reset.state = 'used';
    }),
    route('post', '*/api/auth/switch', Api.Me, 'switchTo', gate, ({ body }) => {
      const input = body as Api.SwitchBody;
      const orgOf = input.workspaceId ? me().workspaces.find((w) => w.id === input.workspaceId)?.organizationId : input.organizationId;
      if (orgOf) controls.currentOrganizationId = orgOf;
      return me();
    }),
    route('post', '*/api/organizations', Api.Organization, 'createOrganization', gate, ({ body }) => {
      const org: Api.Organization = { id: id(`org-${controls.organizations.length + 2}`), name: (body as Api.CreateOrganizationBody).name, role: 'owner', createdAt: now() };
      controls.organizations.push(org);
      return org;
    }, 201),
    route('get', '*/api/invitations/:token', Api.InvitationPreview, 'previewInvitation', gate, ({ params }) => {
      const found = invitation(params.token!);
      const ws = seed.workspaces().find((w) => w.id === found.workspaceId)!;
      return { email: found.email, role: found.role, workspaceName: ws.name, organizationName: ORG.name, invitedByName: found.invitedBy.name, accountExists: controls.users.some((u) => u.email === found.email), expiresAt: found.expiresAt };
    }),
    route('post', '*/api/invitations/accept', Api.Session, 'acceptInvitation', gate, ({ body }) => {
      const input = body as Api.AcceptInvitationBody;
      const found = invitation(input.token);
      let joining = controls.users.find((u) => u.email === found.email);
      if (!joining) {
        checkPassword(input.password ?? '');
        joining = { id: id(`user-${controls.users.length}`), email: found.email, name: input.name ?? found.email, password: input.password ?? '', isOperator: false };
        controls.users.push(joining);
      } else if (controls.userId !== joining.id) {
        throw new Failure(controls.userId ? 403 : 401, controls.userId ? 'invitation_email_mismatch' : 'login_required');
      }
      setRole(found.workspaceId, joining.id, found.role);
      found.status = 'accepted';
      controls.userId = joining.id;
      return session();
    }),
    route('get', `${W}/members`, Type.Array(Api.Member), 'listMembers', gate, ({ params }) => members(params.ws!)),
    route('patch', `${W}/members/:userId`, Api.Member, 'changeRole', gate, ({ params, body }) => {
      requireRole(params.ws!, 'admin');
      const target = members(params.ws!).find((m) => m.userId === params.userId);
      if (!target) throw new Failure(404, 'member_not_found');
      const { role } = body as Api.ChangeRoleBody;
      if (target.role === 'owner' && role !== 'owner' && members(params.ws!).filter((m) => m.role === 'owner').length === 1) throw new Failure(409, 'last_owner');
      setRole(params.ws!, target.userId, role);
      record(params.ws!, 'member.role_change', 'member', target.userId, target.name, { from: target.role, to: role });
      return { ...target, role };
    }),
    route('delete', `${W}/members/:userId`, null, 'removeMember', gate, ({ params }) => {
      requireRole(params.ws!, 'admin');
      const target = members(params.ws!).find((m) => m.userId === params.userId);
      if (!target) throw new Failure(404, 'member_not_found');
      if (target.role === 'owner' && members(params.ws!).filter((m) => m.role === 'owner').length === 1) throw new Failure(409, 'last_owner');
      setRole(params.ws!, target.userId, undefined);
      record(params.ws!, 'member.remove', 'member', target.userId, target.name);
    }),
    route('get', `${W}/invitations`, Type.Array(Api.Invitation), 'listInvitations', gate, ({ params }) =>
      controls.invitations.filter((i) => i.workspaceId === params.ws && i.status === 'pending').map(({ token: _t, ...i }) => i)),
    route('post', `${W}/invitations`, Api.Invitation, 'invite', gate, ({ params, body }) => {
      requireRole(params.ws!, 'admin');
      const input = body as Api.CreateInvitationBody;
      if (members(params.ws!).some((m) => m.email === input.email)) throw new Failure(409, 'already_member');
      const u = user()!;
      const token = `invite-${controls.invitations.length}`;
      const stored: StoredInvitation = {
        id: id(`invitation-${controls.invitations.length}`), workspaceId: params.ws!, email: input.email, role: input.role, status: 'pending',
        invitedBy: { id: u.id, name: u.name, email: u.email }, createdAt: now(), expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), token,
      };
      controls.invitations.push(stored);
      controls.outbox.unshift({ id: id(`mail-${controls.outbox.length}`), kind: 'invitation', to: input.email, subject: '招待', text: `http://localhost/invite?token=${token}`, link: `http://localhost/invite?token=${token}`, createdAt: now() });
      record(params.ws!, 'member.invite', 'invitation', stored.id, input.email, { role: input.role });
      const { token: _t, ...answer } = stored;
      return answer;
    }, 201),
    route('delete', `${W}/invitations/:id`, null, 'revokeInvitation', gate, ({ params }) => {
      requireRole(params.ws!, 'admin');
      const found = controls.invitations.find((i) => i.id === params.id && i.workspaceId === params.ws);
      if (!found) throw new Failure(404, 'invitation_not_found');
      found.status = 'revoked';
    }),
    route('get', `${W}/tokens`, Type.Array(Api.ApiToken), 'listTokens', gate, ({ params }) => {
      requireRole(params.ws!, 'admin');
      return controls.tokens.filter((t) => t.workspaceId === params.ws);
    }),
    route('post', `${W}/tokens`, Api.CreatedApiToken, 'createToken', gate, ({ params, body }) => {
      requireRole(params.ws!, 'admin');
      const input = body as Api.CreateApiTokenBody;
      const u = user()!;
      const secret = `lsb_secret${controls.tokens.length}abcdef`;
      const token: Api.ApiToken = {
        id: id(`token-${controls.tokens.length}`), workspaceId: params.ws!, name: input.name, role: input.role, prefix: secret.slice(0, 8),
        createdBy: { id: u.id, name: u.name, email: u.email }, createdAt: now(), lastUsedAt: null, revokedAt: null,
      };
      controls.tokens.unshift(token);
      record(params.ws!, 'token.create', 'token', token.id, token.name);
      return { token, secret };
    }, 201),
    route('delete', `${W}/tokens/:id`, null, 'revokeToken', gate, ({ params }) => {
      requireRole(params.ws!, 'admin');
      const found = controls.tokens.find((t) => t.id === params.id && t.workspaceId === params.ws);
      if (!found) throw new Failure(404, 'api_token_not_found');
      found.revokedAt = now();
      record(params.ws!, 'token.revoke', 'token', found.id, found.name);
    }),
    route('get', `${W}/audit`, Api.AuditPage, 'audit', gate, ({ params, request }) => {
      const query = new URL(request.url).searchParams;
      const entries = controls.audit
        .filter((e) => e.details.workspaceId === params.ws)
        .filter((e) => !query.get('action') || e.action === query.get('action'))
        .filter((e) => !query.get('actorId') || e.actor.id === query.get('actorId'))
        .filter((e) => !query.get('targetId') || e.targetId === query.get('targetId'))
        .filter((e) => !query.get('from') || e.at >= query.get('from')!)
        .filter((e) => !query.get('to') || e.at < query.get('to')!);
      const start = Number(query.get('cursor') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      const next = start + limit < entries.length ? String(start + limit) : null;
      return { entries: entries.slice(start, start + limit), nextCursor: next };
    }),
    route('get', '*/api/mail/outbox', Api.MailOutbox, 'outbox', gate, () => {
      if (!user()?.isOperator) throw new Failure(403, 'not_operator');
      return { smtpConfigured: false, messages: controls.outbox };
    }),
  );
  return { controls, gate, record };
}

/** For a screen rendered on its own (without App's log-in): the person is signed in with `role` in these workspaces. */
export function signedInForTests(workspaceIds: readonly string[], role: Api.WorkspaceRole = 'owner'): void {
  adoptSession({
    csrfToken: 'csrf-test',
    me: {
      user: { id: OWNER.id, email: OWNER.email, name: OWNER.name, isOperator: true, createdAt: '2026-01-01T00:00:00.000Z' },
      organizations: [{ id: ORG.id, name: ORG.name, role: 'owner' }],
      workspaces: workspaceIds.map((ws) => ({ id: ws, name: ws, organizationId: ORG.id, role })),
      current: { organizationId: ORG.id, workspaceId: workspaceIds[0] ?? null },
    },
  });
}
