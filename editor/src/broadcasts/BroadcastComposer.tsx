import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import { usePermission } from '../accounts/usePermission.ts';
import { useLang } from '../i18n/useLang.ts';
import { SendInspector } from '../nodes/send/SendInspector.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { formatTime } from '../simulator/friendTime.ts';
import { AudiencePicker } from './AudiencePicker.tsx';
import { useBroadcastsApi, type Broadcast, type BroadcastDraft, type BroadcastPreviewBody } from './BroadcastsApi.ts';
import { draftProblems, localNow } from './draft.ts';
import { RecipientCount } from './RecipientCount.tsx';
import { SchedulePicker } from './SchedulePicker.tsx';
import { TestSend } from './TestSend.tsx';
import { useBroadcastErrorText } from './useBroadcastErrorText.ts';
import { useBroadcastPreview } from './useBroadcastPreview.ts';

/**
 * The compose page: name, messages (the send node's composer and phone preview), audience with
 * the live count and quota, test-send, when and the delivery window; save, then send or schedule
 * after a confirmation that states the count.
 */
export function BroadcastComposer({ ws, timeZone, broadcast, initial, onSaved, now = () => new Date() }: {
  ws: string;
  timeZone: string;
  broadcast: Broadcast | undefined;
  initial: BroadcastDraft;
  onSaved: (b: Broadcast) => void;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useBroadcastsApi();
  const errorText = useBroadcastErrorText();
  const edit = usePermission(ws, 'edit');
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState<{ id: string; json: string } | undefined>(broadcast ? { id: broadcast.id, json: JSON.stringify(initial) } : undefined);
  const [status, setStatus] = useState<{ busy?: boolean; notice?: string; problem?: string; shown?: boolean }>({});
  const [confirming, setConfirming] = useState(false);
  const change = (part: Partial<BroadcastDraft>) => setDraft((d) => ({ ...d, ...part }));

  const previewBody: BroadcastPreviewBody | undefined = draft.audience.kind === 'segment' && !draft.audience.segmentId
    ? undefined
    : { audience: draft.audience, exclusions: draft.exclusions.filter((e) => e.kind !== 'segment' || e.segmentId), options: draft.options };
  const preview = useBroadcastPreview(api, ws, previewBody);
  const today = localNow(timeZone, now()).slice(0, 10);
  const problems = draftProblems(draft, timeZone, now());

  /** Saves what is composed (unless unchanged) and gives the broadcast's id. */
  const save = async (): Promise<string | undefined> => {
    const json = JSON.stringify(draft);
    if (saved && saved.json === json) return saved.id;
    if (!draft.name.trim()) {
      setStatus({ problem: t('bc.problems.name_required'), shown: true });
      return undefined;
    }
    const body = { ...draft, name: draft.name.trim() };
    const result = saved ? await api.update(ws, saved.id, body) : await api.create(ws, body);
    setSaved({ id: result.id, json });
    onSaved(result);
    return result.id;
  };
  const run = async (action: () => Promise<void>) => {
    setStatus({ busy: true });
    try {
      await action();
    } catch (error) {
      setStatus({ problem: errorText(error) });
    }
  };
  const saveDraft = () => run(async () => {
    if (await save()) setStatus({ notice: t('bc.actions.saved') });
  });
  const start = () => run(async () => {
    setConfirming(false);
    const id = await save();
    if (!id) return;
    onSaved(await api.start(ws, id));
    setStatus({});
  });
  const review = () => {
    setStatus({ shown: true });
    if (problems.length === 0) setConfirming(true);
  };

  const startLabel = draft.schedule.kind === 'now' ? t('bc.actions.startNow') : draft.schedule.kind === 'at' ? t('bc.actions.schedule') : t('bc.actions.startMonthly');
  const confirmText = draft.schedule.kind === 'now'
    ? t('bc.actions.confirmNow', { count: preview.preview?.recipients ?? '?' })
    : draft.schedule.kind === 'at'
      ? t('bc.actions.confirmAt', { at: draft.schedule.at.replace('T', ' ') })
      : t('bc.actions.confirmMonthly', { day: draft.schedule.day, time: draft.schedule.time });
  const overQuota = preview.preview !== undefined && !preview.preview.withinQuota;
  const empty = preview.preview?.recipients === 0;

  return (
    <div className="bc-composer" data-testid="bc-composer">
      {broadcast?.status === 'scheduled' && (
        <p className="notice" data-testid="bc-scheduled-note">
          {t(broadcast.schedule.kind === 'monthly' ? 'bc.actions.monthlyNote' : 'bc.actions.scheduledNote', { at: broadcast.nextAt ? formatTime(broadcast.nextAt, timeZone, lang) : '' })}
        </p>
      )}
      <RoleFieldset ws={ws} testId="bc-readonly">
        <label className="form-field">
          <span className="form-label">{t('bc.name')}</span>
          <input value={draft.name} maxLength={100} placeholder={t('bc.namePlaceholder')} onChange={(e) => change({ name: e.target.value })} data-testid="bc-name" />
        </label>
        <div className="bc-columns">
          <section className="bc-messages" data-testid="bc-messages">
            <h3>{t('bc.messages')}</h3>
            <SendInspector
              nodeId="broadcast"
              data={{ messages: draft.messages, delivery: draft.delivery.mode === 'workspace' ? undefined : draft.delivery }}
              onChange={(data) => change({ messages: data.messages, delivery: data.delivery ?? { mode: 'workspace' } })}
            />
            <p className="muted small">{t('bc.window.hint')}</p>
          </section>
          <section className="bc-side">
            <AudiencePicker audience={draft.audience} exclusions={draft.exclusions} options={draft.options} onChange={change} />
            <RecipientCount preview={preview.preview} error={preview.error} pending={preview.pending} />
            <SchedulePicker value={draft.schedule} timeZone={timeZone} today={today} onChange={(schedule) => change({ schedule })} onAudience={(audience) => change({ audience })} />
            <TestSend ws={ws} disabled={!edit.allowed} save={async () => {
              try {
                return await save();
              } catch (error) {
                setStatus({ problem: errorText(error) });
                return undefined;
              }
            }} />
          </section>
        </div>
        {status.shown && problems.length > 0 && (
          <ul className="error plain-list" role="alert" data-testid="bc-problems">
            {problems.map((p) => <li key={p} data-testid="bc-problem" data-code={p}>{t(`bc.problems.${p}`)}</li>)}
          </ul>
        )}
        {status.problem && <p className="error" role="alert" data-testid="bc-error">{status.problem}</p>}
        {status.notice && <p className="muted small" role="status" data-testid="bc-notice">{status.notice}</p>}
        <div className="row bc-actions">
          <button type="button" onClick={() => void saveDraft()} disabled={status.busy} data-testid="bc-save">{status.busy ? t('bc.actions.saving') : t('bc.actions.save')}</button>
          <button type="button" className="primary" onClick={review} disabled={status.busy || overQuota || empty} title={overQuota ? t('bc.errors.over_quota', { needed: preview.preview?.quotaNeeded, remaining: preview.preview?.quota?.remaining }) : undefined} data-testid="bc-start">
            {startLabel}
          </button>
        </div>
      </RoleFieldset>
      {confirming && (
        <Dialog title={t('bc.actions.confirmTitle')} onClose={() => setConfirming(false)} testId="bc-confirm-dialog">
          <p data-testid="bc-confirm-text">{confirmText}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void start()} data-testid="bc-confirm">{startLabel}</button>
            <button type="button" onClick={() => setConfirming(false)} data-testid="bc-confirm-back">{t('bc.actions.back')}</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
