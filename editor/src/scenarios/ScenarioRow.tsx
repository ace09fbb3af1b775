import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import type { ScenarioSummary } from '../api/types.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { usePermission } from '../accounts/usePermission.ts';
import { PriorityCell } from './PriorityCell.tsx';
import { ScenarioTemplateActions } from '../templates/ScenarioTemplateActions.tsx';
import { statusKind, statusText } from './status.ts';

export function ScenarioRow({ ws, scenario: s, run }: {
  ws: string;
  scenario: ScenarioSummary;
  run: (action: () => Promise<unknown>) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const archived = s.state === 'archived';
  const edit = usePermission(ws, 'edit');
  const locked = !edit.allowed;

  return (
    <tr data-testid="scenario-row" data-scenario-id={s.id}>
      <td>
        {renaming === null ? (
          <Link to={paths.scenario(ws, s.id)} data-testid="scenario-open">{s.name}</Link>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (renaming.trim()) void run(() => api.renameScenario(ws, s.id, renaming.trim())).then(() => setRenaming(null));
            }}
          >
            <input autoFocus value={renaming} maxLength={100} onChange={(e) => setRenaming(e.target.value)} aria-label={t('scenarios.namePrompt')} data-testid="scenario-rename-input" />
            <button type="submit" data-testid="scenario-rename-save">{t('scenarios.save')}</button>
            <button type="button" onClick={() => setRenaming(null)}>{t('scenarios.cancel')}</button>
          </form>
        )}
      </td>
      <td>
        <span className={`status status-${statusKind(s)}`} data-testid="scenario-status">{statusText(t, s)}</span>
      </td>
      <td className="num">
        <PriorityCell name={s.name} priority={s.priority} disabledReason={edit.reason} onSave={(priority) => run(() => api.setScenarioPriority(ws, s.id, priority))} />
      </td>
      <td className="num" data-testid="scenario-running">{t('scenarios.runningCount', { count: s.runningCount })}</td>
      <td>{new Date(s.updatedAt).toLocaleString(i18n.language)}</td>
      <td className="row-actions">
        {confirmArchive ? (
          <span className="confirm">
            {t('scenarios.archiveConfirm', { name: s.name })}
            <button type="button" className="danger" onClick={() => void run(() => api.archiveScenario(ws, s.id))} data-testid="scenario-archive-confirm">{t('scenarios.archive')}</button>
            <button type="button" onClick={() => setConfirmArchive(false)}>{t('scenarios.cancel')}</button>
          </span>
        ) : (
          <>
            <button type="button" onClick={() => setRenaming(s.name)} disabled={locked} title={edit.reason} data-testid="scenario-rename">{t('scenarios.rename')}</button>
            <button type="button" onClick={() => void run(() => api.duplicateScenario(ws, s.id))} disabled={locked} title={edit.reason} data-testid="scenario-duplicate">{t('scenarios.duplicate')}</button>
            <ScenarioTemplateActions ws={ws} scenario={s} />
            {!archived && <button type="button" onClick={() => setConfirmArchive(true)} disabled={locked} title={edit.reason} data-testid="scenario-archive">{t('scenarios.archive')}</button>}
          </>
        )}
      </td>
    </tr>
  );
}
