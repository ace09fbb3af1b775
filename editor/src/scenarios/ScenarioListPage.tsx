import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { CreateScenarioForm } from './CreateScenarioForm.tsx';
import { ScenarioRow } from './ScenarioRow.tsx';

export function ScenarioListPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const q = useDeferredValue(query.trim());
  const list = useResource(`${ws}|${q}|${includeArchived}`, () => api.listScenarios(ws, { q, includeArchived }));
  const [actionError, setActionError] = useState<unknown>();

  /** Row actions report here so one failure message shows above the table. */
  const run = async (action: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await action();
      list.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <section className="page" data-testid="scenario-list-page">
      <div className="page-head">
        <h2>{t('scenarios.title')}</h2>
        <CreateScenarioForm ws={ws} />
      </div>
      <div className="toolbar-row">
        <input
          type="search"
          placeholder={t('scenarios.search')}
          aria-label={t('scenarios.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="scenario-search"
        />
        <label>
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} data-testid="scenario-include-archived" />
          {t('scenarios.includeArchived')}
        </label>
      </div>
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {actionError !== undefined && <ErrorMessage error={actionError} />}
      {list.data && list.data.length === 0 && <p className="muted" data-testid="scenario-list-empty">{t('scenarios.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="scenario-table" data-testid="scenario-list">
          <thead>
            <tr>
              <th>{t('scenarios.name')}</th>
              <th>{t('scenarios.status')}</th>
              <th className="num" title={t('scenarioPriority.hint')}>{t('scenarioPriority.column')}</th>
              <th className="num">{t('scenarios.running')}</th>
              <th>{t('scenarios.updated')}</th>
              <th>{t('scenarios.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <ScenarioRow key={s.id} ws={ws} scenario={s} run={run} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
