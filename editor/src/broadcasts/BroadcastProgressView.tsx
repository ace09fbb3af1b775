import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useLang } from '../i18n/useLang.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { formatTime } from '../simulator/friendTime.ts';
import { useBroadcastsApi, type BroadcastProgress } from './BroadcastsApi.ts';
import { useBroadcastErrorText } from './useBroadcastErrorText.ts';

const POLL_MS = 1000;
const LIVE = new Set(['scheduled', 'running', 'paused']);

/**
 * The live progress of the current occurrence: a bar of sent, failed, skipped and remaining, polled
 * while it can still change; pause, resume and cancel (after a confirmation with the numbers).
 * `onStatus` hears every status change, so the page can switch to the results.
 */
export function BroadcastProgressView({ ws, id, timeZone, nextAt, onStatus }: {
  ws: string;
  id: string;
  timeZone: string;
  /** When a scheduled broadcast starts. */
  nextAt: string | null;
  onStatus: (progress: BroadcastProgress) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useBroadcastsApi();
  const errorText = useBroadcastErrorText();
  const edit = usePermission(ws, 'edit');
  const [progress, setProgress] = useState<BroadcastProgress>();
  const [tick, setTick] = useState(0);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const lastStatus = useRef<string>(undefined);

  useEffect(() => {
    let current = true;
    api.progress(ws, id).then((p) => {
      if (!current) return;
      if (lastStatus.current !== p.status) onStatus(p);
      lastStatus.current = p.status;
      setProgress(p);
    }, (error: unknown) => current && setProblem(errorText(error)));
    return () => { current = false; };
    // errorText and onStatus are new each render; the poll is keyed on the tick alone.
  }, [api, ws, id, tick]);
  const live = progress === undefined || LIVE.has(progress.status);
  useEffect(() => {
    if (!live) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [live, tick]);

  const act = async (action: 'pause' | 'resume' | 'cancel') => {
    setConfirming(false);
    setBusy(true);
    setProblem(undefined);
    try {
      const p = await api.control(ws, id, action);
      lastStatus.current = p.status;
      setProgress(p);
      onStatus(p);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!progress) return <p className="muted">{t('app.loading')}</p>;
  const o = progress.occurrence;
  const skipped = o ? o.skipped.blocked + o.skipped.waiting_for_reply + o.skipped.over_cap : 0;
  const done = o ? o.sent + o.failed + skipped : 0;
  const total = o?.recipients ?? 0;
  const share = (n: number) => `${total === 0 ? 0 : (n / total) * 100}%`;
  return (
    <section className="card bc-progress" data-testid="bc-progress" data-status={progress.status}>
      <h3>{t('bc.progress.title')}</h3>
      {!o && progress.status === 'scheduled' && <p data-testid="bc-progress-waiting">{nextAt ? t('bc.progress.waiting', { at: formatTime(nextAt, timeZone, lang) }) : t('bc.status.scheduled')}</p>}
      {!o && progress.status !== 'scheduled' && <p className="muted">{t('bc.progress.notStarted')}</p>}
      {o && (
        <>
          <div className="bc-bar" role="progressbar" aria-label={t('bc.progress.bar')} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} data-testid="bc-progress-bar">
            <span className="bc-bar-sent" style={{ width: share(o.sent) }} />
            <span className="bc-bar-failed" style={{ width: share(o.failed) }} />
            <span className="bc-bar-skipped" style={{ width: share(skipped) }} />
          </div>
          <p className="small" data-testid="bc-progress-summary">{t('bc.progress.summary', { done: done.toLocaleString(), total: total.toLocaleString() })}</p>
          <dl className="bc-figures">
            <Figure label={t('bc.progress.sent')} value={o.sent} testId="bc-progress-sent" />
            <Figure label={t('bc.progress.failed')} value={o.failed} testId="bc-progress-failed" />
            <Figure label={t('bc.progress.skipped')} value={skipped} testId="bc-progress-skipped" />
            <Figure label={t('bc.progress.remaining')} value={o.remaining} testId="bc-progress-remaining" />
          </dl>
        </>
      )}
      {progress.held && (
        <p className="notice" data-testid="bc-progress-held">
          {progress.heldUntil ? t('bc.progress.held', { until: formatTime(progress.heldUntil, timeZone, lang) }) : t('bc.progress.heldNoTime')}
        </p>
      )}
      {progress.status === 'paused' && <p className="notice" data-testid="bc-progress-paused">{t('bc.progress.paused')}</p>}
      {progress.status === 'done' && <p role="status" data-testid="bc-progress-done">{t('bc.progress.done')}</p>}
      {progress.status === 'cancelled' && <p role="status" data-testid="bc-progress-cancelled">{t('bc.progress.cancelled')}</p>}
      {problem && <p className="error" role="alert" data-testid="bc-progress-problem">{problem}</p>}
      {(progress.status === 'running' || progress.status === 'paused') && (
        <div className="row" title={edit.reason}>
          {progress.status === 'running' && <button type="button" onClick={() => void act('pause')} disabled={busy || !edit.allowed} data-testid="bc-pause">{t('bc.progress.pause')}</button>}
          {progress.status === 'paused' && <button type="button" className="primary" onClick={() => void act('resume')} disabled={busy || !edit.allowed} data-testid="bc-resume">{t('bc.progress.resume')}</button>}
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy || !edit.allowed} data-testid="bc-cancel">{t('bc.progress.cancel')}</button>
        </div>
      )}
      {!edit.allowed && (progress.status === 'running' || progress.status === 'paused') && <p className="muted role-reason" data-testid="bc-progress-readonly">{edit.reason}</p>}
      {confirming && (
        <Dialog title={t('bc.progress.confirmCancelTitle')} onClose={() => setConfirming(false)} testId="bc-cancel-dialog">
          <p data-testid="bc-cancel-text">{t('bc.progress.confirmCancel', { remaining: (o?.remaining ?? 0).toLocaleString(), sent: (o?.sent ?? 0).toLocaleString() })}</p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void act('cancel')} data-testid="bc-cancel-confirm">{t('bc.progress.confirmCancelYes')}</button>
            <button type="button" onClick={() => setConfirming(false)} data-testid="bc-cancel-back">{t('bc.progress.keepSending')}</button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="bc-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value.toLocaleString()}</dd>
    </div>
  );
}
