import type * as Api from '@lsb/shared/api';
import { createRequest, wsPath } from '../api/request.ts';

/** The accounts routes of the runtime (shared/src/api/accounts*.ts), over the editor's one request helper. */
export function createHttpAccountsApi(base = '/api', fetchImpl?: typeof fetch) {
  const call = createRequest(base, fetchImpl);
  // These answer 401 as a normal outcome (signed out, wrong password): no trip to the log-in page.
  const quiet = { expectUnauthorized: true };
  return {
    setupStatus: () => call<Api.SetupStatus>('GET', '/auth/setup'),
    signup: (body: Api.SignupBody) => call<Api.Session>('POST', '/auth/signup', body, quiet),
    login: (body: Api.LoginBody) => call<Api.Session>('POST', '/auth/login', body, quiet),
    me: () => call<Api.Me>('GET', '/auth/me', undefined, quiet),
    csrf: () => call<Api.CsrfToken>('GET', '/auth/csrf'),
    logout: () => call<void>('POST', '/auth/logout', undefined, quiet),
    logoutEverywhere: () => call<void>('POST', '/auth/logout-everywhere'),
    changePassword: (body: Api.ChangePasswordBody) => call<Api.CsrfToken>('POST', '/auth/password', body),
    requestReset: (body: Api.PasswordResetRequestBody) => call<void>('POST', '/auth/password-reset/request', body, quiet),
    resetPassword: (body: Api.PasswordResetBody) => call<void>('POST', '/auth/password-reset', body, quiet),
    switchTo: (body: Api.SwitchBody) => call<Api.Me>('POST', '/auth/switch', body),
    createOrganization: (body: Api.CreateOrganizationBody) => call<Api.Organization>('POST', '/organizations', body),

    previewInvitation: (token: string) => call<Api.InvitationPreview>('GET', `/invitations/${encodeURIComponent(token)}`, undefined, quiet),
    acceptInvitation: (body: Api.AcceptInvitationBody) => call<Api.Session>('POST', '/invitations/accept', body, quiet),

    listMembers: (ws: string) => call<Api.Member[]>('GET', `${wsPath(ws)}/members`),
    changeRole: (ws: string, userId: string, body: Api.ChangeRoleBody) => call<Api.Member>('PATCH', `${wsPath(ws)}/members/${encodeURIComponent(userId)}`, body),
    removeMember: (ws: string, userId: string) => call<void>('DELETE', `${wsPath(ws)}/members/${encodeURIComponent(userId)}`),
    listInvitations: (ws: string) => call<Api.Invitation[]>('GET', `${wsPath(ws)}/invitations`),
    invite: (ws: string, body: Api.CreateInvitationBody) => call<Api.Invitation>('POST', `${wsPath(ws)}/invitations`, body),
    revokeInvitation: (ws: string, id: string) => call<void>('DELETE', `${wsPath(ws)}/invitations/${encodeURIComponent(id)}`),

    listTokens: (ws: string) => call<Api.ApiToken[]>('GET', `${wsPath(ws)}/tokens`),
    createToken: (ws: string, body: Api.CreateApiTokenBody) => call<Api.CreatedApiToken>('POST', `${wsPath(ws)}/tokens`, body),
    revokeToken: (ws: string, id: string) => call<void>('DELETE', `${wsPath(ws)}/tokens/${encodeURIComponent(id)}`),

    audit: (ws: string, query: AuditFilter) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
      const qs = params.toString();
      return call<Api.AuditPage>('GET', `${wsPath(ws)}/audit${qs ? `?${qs}` : ''}`);
    },
    outbox: () => call<Api.MailOutbox>('GET', '/mail/outbox'),
  };
}

/** GET …/audit's query (shared's AuditQuery; its `action` spelled with the action names' own type). */
export interface AuditFilter {
  action?: Api.AuditAction;
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export type AccountsApi = ReturnType<typeof createHttpAccountsApi>;

/** The app's one accounts client (tests answer it through MSW handlers). */
export const accountsApi: AccountsApi = createHttpAccountsApi();
