import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntry } from '@lsb/shared/api';

/** Who did it, as they were named then (a person, an API token or the system). */
function useActorText(): (entry: AuditEntry) => string {
  const { t } = useTranslation();
  return ({ actor }) => {
    if (actor.kind === 'system') return t('acct.audit.system');
    if (actor.kind === 'token') return t('acct.audit.token', { name: actor.label });
    return actor.label;
  };
}

/** The action's particulars: the version published or restored, a role's change, an invitation's role. */
function useDetailText(): (entry: AuditEntry) => string {
  const { t } = useTranslation();
  const role = (value: unknown) => (typeof value === 'string' ? t(`acct.roles.${value}`) : '');
  return ({ details }) => {
    if (typeof details.version === 'number') return t('acct.audit.version', { version: details.version });
    if (details.from !== undefined && details.to !== undefined) return t('acct.audit.roleChange', { from: role(details.from), to: role(details.to) });
    if (details.role !== undefined) return role(details.role);
    return '';
  };
}

/** Audit entries as a table, newest first (the page and the scenario's versions view). */
export function AuditEntries({ entries, showTarget = true }: { entries: readonly AuditEntry[]; showTarget?: boolean }) {
  const { t, i18n } = useTranslation();
  const actor = useActorText();
  const detail = useDetailText();
  return (
    <table className="data-table audit-table" data-testid="audit-entries">
      <thead>
        <tr>
          <th>{t('acct.audit.when')}</th><th>{t('acct.audit.who')}</th><th>{t('acct.audit.what')}</th>
          {showTarget && <th>{t('acct.audit.target')}</th>}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
            <td>{new Date(entry.at).toLocaleString(i18n.language)}</td>
            <td>{actor(entry)}</td>
            <td>{t(`acct.audit.actions.${entry.action as AuditAction}`)} <span className="muted">{detail(entry)}</span></td>
            {showTarget && <td>{entry.targetLabel}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
