import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useResource } from '../api/useResource.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { PhonePreview } from '../composer/PhonePreview.tsx';
import { Link } from '../routing/Link.tsx';
import { navigate, paths } from '../routing/router.ts';
import { ConditionScope } from '../segments/ConditionScope.tsx';
import { BroadcastMeasureView } from '../measure/broadcast/BroadcastMeasureView.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';
import { BroadcastComposer } from './BroadcastComposer.tsx';
import { BroadcastProgressView } from './BroadcastProgressView.tsx';
import { BroadcastResultsView } from './BroadcastResultsView.tsx';
import { useBroadcastsApi, type Broadcast, type BroadcastProgress } from './BroadcastsApi.ts';
import { draftOf, emptyDraft, isEditable } from './draft.ts';
import { scheduleText } from './scheduleText.ts';
import './broadcasts.css';
import { useBroadcastErrorText } from './useBroadcastErrorText.ts';

/**
 * One broadcast: composed while a draft (or scheduled), then its live progress, then its results.
 * `new` composes one that is created on the first save; the address then becomes its own.
 */
export function BroadcastPage({ ws, broadcastId }: { ws: string; broadcastId: string }) {
  const { t } = useTranslation();
  const api = useBroadcastsApi();
  const errorText = useBroadcastErrorText();
  const catalogue = useCatalogue(ws);
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const edit = usePermission(ws, 'edit');
  const [broadcast, setBroadcast] = useState<Broadcast>();
  const [loadError, setLoadError] = useState<unknown>();
  const [problem, setProblem] = useState<string>();
  const [tick, setTick] = useState(0);
  const isNew = broadcastId === 'new';

  useEffect(() => {
    if (isNew || broadcast?.id === broadcastId && tick === 0) return undefined;
    let current = true;
    api.get(ws, broadcastId).then((b) => current && (setBroadcast(b), setLoadError(undefined)), (error: unknown) => current && setLoadError(error));
    return () => { current = false; };
    // A broadcast this page created is already here: only another id or a reload asks again.
  }, [api, ws, broadcastId, isNew, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  // The composer that created a broadcast stays mounted when the address becomes the broadcast's own.
  const createdHere = useRef<string>(undefined);
  const saved = (b: Broadcast) => {
    setBroadcast(b);
    if (isNew) {
      createdHere.current = b.id;
      navigate(paths.broadcast(ws, b.id), { replace: true });
    }
  };
  const onStatus = useCallback((p: BroadcastProgress) => {
    setBroadcast((b) => (b && b.status !== p.status ? { ...b, status: p.status } : b));
  }, []);
  const status = broadcast?.status;
  const showResults = broadcast !== undefined && (status === 'done' || status === 'cancelled' || (broadcast.schedule.kind === 'monthly' && status !== 'draft'));
  const results = useResource(`bc-results:${broadcast?.id}:${status}`, () => (showResults ? api.results(ws, broadcast.id) : Promise.resolve(undefined)));

  const act = async (action: () => Promise<void>) => {
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const unschedule = () => act(async () => { if (broadcast) setBroadcast(await api.update(ws, broadcast.id, draftOf(broadcast))); });
  const remove = () => act(async () => {
    if (!broadcast || !window.confirm(t('bc.actions.confirmDelete', { name: broadcast.name }))) return;
    await api.remove(ws, broadcast.id);
    navigate(paths.broadcasts(ws));
  });

  const editable = isNew || (broadcast !== undefined && isEditable(broadcast.status));
  return (
    <section className="page broadcast-page" data-testid="broadcast-page" data-status={status ?? 'new'}>
      <Link to={paths.broadcasts(ws)} className="muted small" data-testid="bc-back">← {t('bc.back')}</Link>
      <div className="row">
        <h2 data-testid="bc-title">{isNew && !broadcast ? t('bc.newTitle') : broadcast?.name ?? t('app.loading')}</h2>
        {status && <span className={`status bc-status-${status}`} data-testid="bc-status">{t(`bc.status.${status}`)}</span>}
      </div>
      {loadError !== undefined && <ErrorMessage error={loadError} onRetry={reload} />}
      {catalogue.error !== undefined && <ErrorMessage error={catalogue.error} onRetry={catalogue.reload} />}
      {problem && <p className="error" role="alert" data-testid="bc-page-problem">{problem}</p>}
      {(isNew || broadcast) && (
        <ConditionScope ws={ws} timeZone={timeZone} catalogue={catalogue.data}>
          {editable && (
            <BroadcastComposer
              key={broadcast && broadcast.id !== createdHere.current ? broadcast.id : 'new'}
              ws={ws}
              timeZone={timeZone}
              broadcast={broadcast}
              initial={broadcast ? draftOf(broadcast) : emptyDraft()}
              onSaved={saved}
            />
          )}
          {broadcast && !editable && (
            <div className="bc-summary" data-testid="bc-summary">
              <p className="small" data-testid="bc-summary-when">{scheduleText(broadcast.schedule, t)}</p>
              <PhonePreview messages={broadcast.messages} />
            </div>
          )}
          {broadcast && status !== 'draft' && (
            <BroadcastProgressView key={broadcast.id} ws={ws} id={broadcast.id} timeZone={timeZone} nextAt={broadcast.nextAt} onStatus={onStatus} />
          )}
          {showResults && results.error !== undefined && <ErrorMessage error={results.error} onRetry={results.reload} />}
          {showResults && results.data && <BroadcastResultsView results={results.data} timeZone={timeZone} links={catalogue.data?.links ?? []} />}
          {showResults && broadcast && <BroadcastMeasureView ws={ws} broadcastId={broadcast.id} />}
        </ConditionScope>
      )}
      {broadcast && (
        <div className="row bc-page-actions">
          {status === 'scheduled' && <button type="button" onClick={() => void unschedule()} disabled={!edit.allowed} title={edit.reason} data-testid="bc-unschedule">{t('bc.actions.unschedule')}</button>}
          {status !== 'running' && status !== 'paused' && (
            <button type="button" className="danger" onClick={() => void remove()} disabled={!edit.allowed} title={edit.reason} data-testid="bc-delete">{t('bc.actions.delete')}</button>
          )}
        </div>
      )}
    </section>
  );
}
