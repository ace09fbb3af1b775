import { useTranslation } from 'react-i18next';
import { REQUIRED_ROLE, roleAllows, type GuardedAction } from './permissions.ts';
import { useWorkspaceRole } from './session.ts';

export interface Permission {
  allowed: boolean;
  /** Why a control is disabled, for its title and the note beside it; undefined when allowed. */
  reason: string | undefined;
}

/** May the signed-in person do `action` in workspace `ws`? With the reason when not. */
export function usePermission(ws: string | undefined, action: GuardedAction): Permission {
  const { t } = useTranslation();
  const role = useWorkspaceRole(ws);
  const required = REQUIRED_ROLE[action];
  if (roleAllows(role, required)) return { allowed: true, reason: undefined };
  return { allowed: false, reason: t('acct.needsRole', { role: t(`acct.roles.${required}`), current: role ? t(`acct.roles.${role}`) : '—' }) };
}
