import { useMe } from '../accounts/session.ts';
import { roleAllows } from '../accounts/permissions.ts';

export interface TargetWorkspace {
  id: string;
  name: string;
  /** The person may create and publish scenarios there (editor or stronger). */
  editable: boolean;
}

/** The workspaces of the organization that owns `ws` (its template library), the current one first. */
export function useOrganizationWorkspaces(ws: string): { organizationName: string | undefined; workspaces: TargetWorkspace[] } {
  const me = useMe();
  const current = me?.workspaces.find((w) => w.id === ws);
  if (!me || !current) return { organizationName: undefined, workspaces: [] };
  const organizationName = me.organizations.find((o) => o.id === current.organizationId)?.name;
  const workspaces = me.workspaces
    .filter((w) => w.organizationId === current.organizationId)
    .map((w) => ({ id: w.id, name: w.name, editable: roleAllows(w.role, 'editor') }))
    .sort((a, b) => Number(b.id === ws) - Number(a.id === ws));
  return { organizationName, workspaces };
}
