import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageCaps } from '@lsb/shared/api';
import { usePermission } from '../accounts/usePermission.ts';
import { isApiError } from '../api/errors.ts';
import { useTimingApi } from '../api/timingApi.ts';

type Problem = 'invalidNumber' | 'weekBelowDay';

/** A field's text as a limit: empty is none, anything but a whole number 1–1000 is a problem. */
function parseLimit(text: string): number | null | 'bad' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'bad';
  const n = Number(trimmed);
  return n >= 1 && n <= 1000 ? n : 'bad';
}

/** What the fields say, or the problem to fix first (the runtime refuses the same, 422 invalid_message_caps). */
export function capsFromFields(perDay: string, perWeek: string): MessageCaps | Problem {
  const day = parseLimit(perDay);
  const week = parseLimit(perWeek);
  if (day === 'bad' || week === 'bad') return 'invalidNumber';
  if (day !== null && week !== null && week < day) return 'weekBelowDay';
  return { perDay: day, perWeek: week };
}

/**
 * 配信上限 on the workspace settings page: at most N messages per friend per day and per week.
 * Admins change it; others see it disabled with the reason.
 */
export function MessageCapsSettings({ ws, initial }: { ws: string; initial: MessageCaps }) {
  const { t } = useTranslation();
  const api = useTimingApi();
  const manage = usePermission(ws, 'manageSettings');
  const [perDay, setPerDay] = useState(initial.perDay?.toString() ?? '');
  const [perWeek, setPerWeek] = useState(initial.perWeek?.toString() ?? '');
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'problem'; problem: Problem } | { kind: 'error'; message: string } | undefined>();

  const save = async () => {
    const caps = capsFromFields(perDay, perWeek);
    if (typeof caps === 'string') return setStatus({ kind: 'problem', problem: caps });
    try {
      const saved = await api.saveMessageCaps(ws, caps);
      setPerDay(saved.messageCaps.perDay?.toString() ?? '');
      setPerWeek(saved.messageCaps.perWeek?.toString() ?? '');
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus(isApiError(error) && error.code === 'invalid_message_caps' ? { kind: 'problem', problem: 'weekBelowDay' } : { kind: 'error', message: String((error as Error).message) });
    }
  };
  const edit = (set: (v: string) => void) => (event: { target: { value: string } }) => { set(event.target.value); setStatus(undefined); };

  return (
    <section data-testid="caps-settings">
      <h3>{t('caps.title')}</h3>
      <p className="muted">{t('caps.hint')}</p>
      <fieldset className="plain-fieldset" disabled={!manage.allowed} title={manage.reason}>
        <div className="row">
          <label>
            {t('caps.perDay')}{' '}
            <input type="number" min={1} max={1000} step={1} value={perDay} placeholder={t('caps.none')} onChange={edit(setPerDay)} data-testid="caps-per-day" />{' '}
            {t('caps.unit')}
          </label>
          <label>
            {t('caps.perWeek')}{' '}
            <input type="number" min={1} max={1000} step={1} value={perWeek} placeholder={t('caps.none')} onChange={edit(setPerWeek)} data-testid="caps-per-week" />{' '}
            {t('caps.unit')}
          </label>
          <button type="button" className="primary" onClick={() => void save()} data-testid="caps-save">{t('caps.save')}</button>
        </div>
      </fieldset>
      {status?.kind === 'saved' && <p className="info-banner" role="status" data-testid="caps-saved">{t('caps.saved')}</p>}
      {status?.kind === 'problem' && <p className="error" role="alert" data-testid="caps-problem">{t(status.problem === 'invalidNumber' ? 'caps.invalidNumber' : 'caps.weekBelowDay')}</p>}
      {status?.kind === 'error' && <p className="error" role="alert">{t('caps.saveFailed', { message: status.message })}</p>}
    </section>
  );
}
