import { useTranslation } from 'react-i18next';
import { accountsApi } from '../accounts/api.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { AuditEntries } from './AuditEntries.tsx';

/** The scenario's own entries of the audit log (publish, pause, restore…), on its versions view. */
export function ScenarioAudit({ ws, scenarioId }: { ws: string; scenarioId: string }) {
  const { t } = useTranslation();
  const log = useResource(`audit/${ws}/${scenarioId}`, () => accountsApi.audit(ws, { targetId: scenarioId, limit: 20 }));
  return (
    <div className="scenario-audit" data-testid="scenario-audit">
      <h3>{t('acct.audit.scenarioTitle')}</h3>
      {log.error !== undefined && <ErrorMessage error={log.error} onRetry={log.reload} />}
      {log.data?.entries.length === 0 && <p className="muted">{t('acct.audit.none')}</p>}
      {log.data && log.data.entries.length > 0 && <AuditEntries entries={log.data.entries} showTarget={false} />}
    </div>
  );
}
