import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSegmentsApi, type FriendJob } from '../segments/SegmentsApi.ts';

/** Polls a bulk job until it ends; shows its progress and offers to stop it. */
export function JobProgress({ ws, job: first, onEnd }: { ws: string; job: FriendJob; onEnd: (job: FriendJob) => void }) {
  const { t } = useTranslation();
  const api = useSegmentsApi();
  const [job, setJob] = useState(first);
  const [stopping, setStopping] = useState(false);
  useEffect(() => {
    if (job.status !== 'running') {
      onEnd(job);
      return undefined;
    }
    const timer = setTimeout(() => {
      api.getJob(ws, job.id).then(setJob, () => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [api, ws, job, onEnd]);
  const stop = () => {
    setStopping(true);
    api.cancelJob(ws, job.id).then(() => undefined, () => setStopping(false));
  };
  const percent = job.total === 0 ? 100 : Math.round((job.processed / job.total) * 100);
  return (
    <div data-testid="job-progress" data-status={job.status}>
      <progress max={100} value={percent} aria-label={t('ft.progress', { processed: job.processed, total: job.total })} />
      <p className="small" data-testid="job-progress-text">{t('ft.progress', { processed: job.processed, total: job.total })}</p>
      {job.status === 'running' && <button type="button" onClick={stop} disabled={stopping} data-testid="job-stop">{t('ft.stop')}</button>}
      {job.status === 'done' && <p role="status" data-testid="job-done">{job.kind === 'import' ? t('ft.importDone', { processed: job.processed }) : t('ft.jobDone', { changed: job.changed })}</p>}
      {job.status === 'cancelled' && <p role="status" data-testid="job-cancelled">{t('ft.jobCancelled', { processed: job.processed })}</p>}
      {job.status === 'failed' && <p className="error" role="alert">{t('ft.jobFailed', { processed: job.processed })}</p>}
    </div>
  );
}
