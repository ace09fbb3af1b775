const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;

/** The accounts screens' addresses; the mail links (`/reset-password?token=`, `/invite?token=`) are the runtime's, see shared/src/api/accounts*.ts. */
export const accountPaths = {
  setup: () => '/setup',
  login: (next?: string) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  forgotPassword: () => '/forgot-password',
  resetPassword: () => '/reset-password',
  invite: () => '/invite',
  outbox: () => '/mail-outbox',
  members: (id: string) => `${ws(id)}/members`,
  tokens: (id: string) => `${ws(id)}/tokens`,
  audit: (id: string) => `${ws(id)}/audit`,
};
