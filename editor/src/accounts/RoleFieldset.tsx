import type { ReactNode } from 'react';
import type { GuardedAction } from './permissions.ts';
import { usePermission } from './usePermission.ts';

/**
 * Controls a role may not use, disabled together with the reason as their title and a note above
 * them (the same words as every other role-disabled control). What is only read stays outside.
 */
export function RoleFieldset({ ws, action = 'edit', testId, children, className = 'plain-fieldset', note = true }: {
  ws: string;
  action?: GuardedAction;
  /** The note's test id; the fieldset itself is `${testId}-fieldset`. */
  testId: string;
  children: ReactNode;
  className?: string;
  /** False where a note nearby already says why. */
  note?: boolean;
}) {
  const permission = usePermission(ws, action);
  return (
    <fieldset className={className} disabled={!permission.allowed} title={permission.reason} data-testid={`${testId}-fieldset`}>
      {note && !permission.allowed && <p className="muted role-reason" data-testid={testId}>{permission.reason}</p>}
      {children}
    </fieldset>
  );
}
