import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import type { Rollout, RolloutTarget } from './api.ts';
import { TemplateError } from './TemplateError.tsx';
import { useTemplateErrorText } from './useTemplateErrorText.ts';
import { useTemplatesApi } from './useTemplatesApi.ts';

/** How often a running roll-out is asked for its progress (tests make it short). */
export const rolloutPolling = { ms: 1000 };

/** A roll-out's progress while it runs (with stop), then each workspace's result (with retry). */
export function RolloutProgress({ ws, rollout, onChange }: {
  ws: string;
  rollout: Rollout;
  onChange: (rollout: Rollout) => void;
}) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const [error, setError] = useState<unknown>();
  const running = rollout.status === 'running';

  useEffect(() => {
    if (!running) return;
    let current = true;
    const timer = setTimeout(() => {
      api.getRollout(ws, rollout.id).then((r) => current && onChange(r), (e: unknown) => current && setError(e));
    }, rolloutPolling.ms);
    return () => { current = false; clearTimeout(timer); };
  }, [api, ws, rollout, running, onChange]);

  const act = async (action: () => Promise<Rollout>) => {
    setError(undefined);
    try {
      onChange(await action());
    } catch (e) {
      setError(e);
    }
  };
  const retry = (targets?: RolloutTarget[]) => act(() => api.retryRollout(ws, rollout.id, targets ? { targets: targets.map((x) => ({ workspaceId: x.workspaceId })) } : {}));
  const failed = rollout.targets.filter((x) => x.status === 'failed' || x.status === 'cancelled');
  const percent = rollout.total === 0 ? 100 : Math.round((rollout.processed / rollout.total) * 100);

  return (
    <div className="rollout-progress" data-testid="rollout-progress" data-status={rollout.status}>
      <p>
        <strong data-testid="rollout-status">{t(`tpl.rollout.status.${rollout.status}`)}</strong>
        {' '}{t('tpl.rollout.processed', { processed: rollout.processed, total: rollout.total })}
      </p>
      <progress max={rollout.total} value={rollout.processed} aria-label={t('tpl.rollout.progress', { percent })} data-testid="rollout-bar" />
      {running && (
        <button type="button" className="danger" disabled={rollout.cancelRequested} onClick={() => void act(() => api.cancelRollout(ws, rollout.id))} data-testid="rollout-cancel">
          {rollout.cancelRequested ? t('tpl.rollout.cancelling') : t('tpl.rollout.cancel')}
        </button>
      )}
      <ul className="rollout-results" data-testid="rollout-results">
        {rollout.targets.map((target) => (
          <TargetResult key={target.workspaceId} target={target} canRetry={!running} onRetry={() => void retry([target])} />
        ))}
      </ul>
      {!running && failed.length > 1 && (
        <button type="button" onClick={() => void retry()} data-testid="rollout-retry-all">{t('tpl.rollout.retryAll', { count: failed.length })}</button>
      )}
      {error !== undefined && <TemplateError error={error} />}
    </div>
  );
}

function TargetResult({ target, canRetry, onRetry }: { target: RolloutTarget; canRetry: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useTemplateErrorText();
  const midRun = target.impact?.midRun.reduce((sum, m) => sum + m.count, 0) ?? 0;
  return (
    <li data-testid="rollout-result" data-workspace-id={target.workspaceId} data-status={target.status}>
      <strong>{target.workspaceName}</strong>{' '}
      <span className={`status status-${STATUS_CLASS[target.status]}`}>{t(`tpl.rollout.target.${target.status}`)}</span>
      {target.status === 'succeeded' && target.scenarioId && (
        <>
          {' '}
          <span data-testid="rollout-result-detail">
            {target.updatedExisting
              ? t('tpl.rollout.updated', { version: target.publishedVersion ?? '' })
              : t('tpl.rollout.created', { version: target.publishedVersion ?? '' })}
          </span>
          {' '}
          <Link to={paths.scenario(target.workspaceId, target.scenarioId)} data-testid="rollout-open">{t('tpl.rollout.open')}</Link>
          {target.impact && (
            <div className="muted small" data-testid="rollout-impact">
              {t('tpl.rollout.impact', {
                added: target.impact.changes.added.length, changed: target.impact.changes.changed.length,
                removed: target.impact.changes.removed.length, midRun,
              })}
            </div>
          )}
        </>
      )}
      {target.status === 'failed' && target.error && (
        <div className="error-text" data-testid="rollout-reason" data-code={target.error.code}>
          {errorText(new ApiError(400, target.error.code, target.error.message, target.error.details))}
        </div>
      )}
      {(target.status === 'failed' || target.status === 'cancelled') && canRetry && (
        <button type="button" onClick={onRetry} data-testid="rollout-retry">{t('tpl.rollout.retry')}</button>
      )}
    </li>
  );
}

const STATUS_CLASS: Record<RolloutTarget['status'], string> = { pending: 'draft', succeeded: 'published', failed: 'archived', cancelled: 'paused' };
