import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { useSegmentsApi, type FriendFilter, type FriendJob } from '../segments/SegmentsApi.ts';
import { JobProgress } from './JobProgress.tsx';

type Action = 'addTag' | 'removeTag' | 'enrol';
type Step =
  | { kind: 'idle' }
  | { kind: 'confirm'; count: number }
  | { kind: 'job'; job: FriendJob }
  | { kind: 'enrolled'; enrolled: number; skipped: number }
  | { kind: 'failed'; message: string };

/**
 * Bulk work on everyone the filter matches, not only the page shown: the confirmation states the
 * count first; tags run as a job with progress and a stop button; enrolment goes through the
 * scenario's 手動/API trigger (the runtime's enrol service).
 */
export function BulkActions({ ws, filter, catalogue, onChanged }: { ws: string; filter: FriendFilter; catalogue: WorkspaceCatalogue | undefined; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useSegmentsApi();
  const errorText = useErrorText();
  const [action, setAction] = useState<Action>('addTag');
  const [target, setTarget] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const edit = usePermission(ws, 'edit');
  const options = action === 'enrol' ? catalogue?.scenarios ?? [] : catalogue?.tags ?? [];
  const name = options.find((o) => o.id === target)?.name ?? '';
  const review = async () => {
    try {
      setStep({ kind: 'confirm', count: (await api.countFriends(ws, filter)).count });
    } catch (error) {
      setStep({ kind: 'failed', message: errorText(error) });
    }
  };
  const run = async () => {
    try {
      if (action === 'enrol') setStep({ kind: 'enrolled', ...(await api.enrolFilter(ws, target, filter)) });
      else setStep({ kind: 'job', job: await api.bulkTags(ws, filter, action === 'addTag' ? { add: [target], remove: [] } : { add: [], remove: [target] }) });
    } catch (error) {
      setStep({ kind: 'failed', message: errorText(error) });
    }
  };
  const onEnd = useCallback(() => onChanged(), [onChanged]);
  const close = () => setStep({ kind: 'idle' });
  const confirmKey = { addTag: 'ft.confirmAddTag', removeTag: 'ft.confirmRemoveTag', enrol: 'ft.confirmEnrol' } as const;
  return (
    <fieldset className="subsection" disabled={!edit.allowed} title={edit.reason} data-testid="bulk-actions">
      <legend>{t('ft.bulk')}</legend>
      {!edit.allowed && <p className="muted role-reason" data-testid="bulk-readonly">{edit.reason}</p>}
      <div className="row">
        <select value={action} onChange={(e) => { setAction(e.target.value as Action); setTarget(''); }} data-testid="bulk-action" aria-label={t('ft.bulk')}>
          <option value="addTag">{t('ft.addTag')}</option>
          <option value="removeTag">{t('ft.removeTag')}</option>
          <option value="enrol">{t('ft.enrol')}</option>
        </select>
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="bulk-target" aria-label={action === 'enrol' ? t('ft.chooseScenario') : t('ft.chooseTag')}>
          <option value="">{action === 'enrol' ? t('ft.chooseScenario') : t('ft.chooseTag')}</option>
          {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
        <button type="button" disabled={!target} onClick={() => void review()} data-testid="bulk-review">{t('ft.run')}…</button>
      </div>
      {step.kind !== 'idle' && (
        <Dialog title={t('ft.confirmTitle')} onClose={step.kind === 'job' && step.job.status === 'running' ? () => undefined : close} testId="bulk-dialog">
          {step.kind === 'confirm' && (
            <>
              <p data-testid="bulk-confirm-text">{t(confirmKey[action], { count: step.count, name })}</p>
              <div className="row">
                <button type="button" className="primary" onClick={() => void run()} data-testid="bulk-confirm">{t('ft.run')}</button>
                <button type="button" onClick={close}>{t('ft.cancel')}</button>
              </div>
            </>
          )}
          {step.kind === 'job' && <JobProgress ws={ws} job={step.job} onEnd={onEnd} />}
          {step.kind === 'enrolled' && <p role="status" data-testid="bulk-enrolled">{t('ft.enrolled', { enrolled: step.enrolled, skipped: step.skipped })}</p>}
          {step.kind === 'failed' && <p className="error" role="alert">{step.message}</p>}
          {step.kind !== 'confirm' && <button type="button" onClick={close} data-testid="bulk-close">{t('ft.close')}</button>}
        </Dialog>
      )}
    </fieldset>
  );
}
