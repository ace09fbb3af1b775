import type { WorkspaceRole } from '@lsb/shared/api';
import { WORKSPACE_ROLES } from '@lsb/shared/api';

/**
 * The least role each guarded action needs, as the runtime enforces it (shared/src/api/accounts.ts:
 * admin — members, channels, tokens, settings; editor — draw, publish, pause; viewer — read only).
 * The editor disables what the role may not use and says which role it takes; the runtime still
 * refuses with 403 `forbidden` if a request gets through.
 */
export const REQUIRED_ROLE = {
  edit: 'editor',
  publish: 'editor',
  manageChannels: 'admin',
  manageMembers: 'admin',
  manageTokens: 'admin',
  manageSettings: 'admin',
} as const satisfies Record<string, WorkspaceRole>;

export type GuardedAction = keyof typeof REQUIRED_ROLE;

/** Roles are ordered strongest first; a role may do what any weaker role may. */
export function roleAllows(role: WorkspaceRole | undefined, required: WorkspaceRole): boolean {
  if (!role) return false;
  return WORKSPACE_ROLES.indexOf(role) <= WORKSPACE_ROLES.indexOf(required);
}
