import { useTranslation } from 'react-i18next';
import type { BroadcastAudience, BroadcastSchedule } from '@lsb/shared/api';
import { useFlow } from '../store/FlowStoreContext.tsx';

type Kind = BroadcastSchedule['kind'];
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

/**
 * Now, once at a date and time, or every month on a day at a time, all in the workspace's zone.
 * The monthly choice explains the birthday-month coupon and offers to set that audience.
 */
export function SchedulePicker({ value, timeZone, today, onChange, onAudience }: {
  value: BroadcastSchedule;
  timeZone: string;
  /** `YYYY-MM-DD` in the workspace zone: the earliest date offered. */
  today: string;
  onChange: (s: BroadcastSchedule) => void;
  onAudience: (a: BroadcastAudience) => void;
}) {
  const { t } = useTranslation();
  const fields = useFlow((s) => s.catalogue?.fields);
  const dateFields = fields?.filter((f) => f.kind === 'date') ?? [];
  const birthday = dateFields.find((f) => /誕生|birth/i.test(f.name)) ?? dateFields[0];
  const choose = (kind: Kind) => {
    if (kind === 'now') onChange({ kind });
    else if (kind === 'at') onChange({ kind, at: `${today}T10:00` });
    else onChange({ kind, day: 1, time: '10:00' });
  };
  const [date = '', time = ''] = value.kind === 'at' ? value.at.split('T') : [];
  return (
    <fieldset className="subsection bc-schedule" data-testid="bc-schedule">
      <legend>{t('bc.schedule.title')}</legend>
      {(['now', 'at', 'monthly'] as const).map((kind) => (
        <label key={kind} className="check">
          <input type="radio" name="bc-schedule" checked={value.kind === kind} onChange={() => choose(kind)} data-testid={`bc-schedule-${kind}`} />
          {t(`bc.schedule.${kind}`)}
        </label>
      ))}
      {value.kind === 'at' && (
        <div className="row">
          <label>{t('bc.schedule.date')} <input type="date" value={date} min={today} onChange={(e) => onChange({ kind: 'at', at: `${e.target.value}T${time || '10:00'}` })} data-testid="bc-schedule-date" /></label>
          <label>{t('bc.schedule.time')} <input type="time" value={time} onChange={(e) => onChange({ kind: 'at', at: `${date || today}T${e.target.value}` })} data-testid="bc-schedule-time" /></label>
        </div>
      )}
      {value.kind === 'monthly' && (
        <>
          <div className="row">
            <label>
              {t('bc.schedule.day')}{' '}
              <select value={value.day} onChange={(e) => onChange({ ...value, day: Number(e.target.value) })} data-testid="bc-schedule-day">
                {DAYS.map((d) => <option key={d} value={d}>{t('bc.schedule.dayOption', { day: d })}</option>)}
              </select>
            </label>
            <label>{t('bc.schedule.time')} <input type="time" value={value.time} onChange={(e) => e.target.value && onChange({ ...value, time: e.target.value })} data-testid="bc-schedule-monthly-time" /></label>
          </div>
          {value.day > 28 && <p className="muted small">{t('bc.schedule.lastDay')}</p>}
          <p className="muted small">{t('bc.schedule.monthlyAudience')}</p>
          <div className="hint-box" data-testid="bc-birthday-hint">
            <p className="small">🎂 {t('bc.schedule.birthdayHint')}</p>
            {birthday
              ? (
                <button type="button" onClick={() => onAudience({ kind: 'condition', condition: { kind: 'birthdayMonth', fieldId: birthday.id, month: 'current' } })} data-testid="bc-birthday-apply">
                  {t('bc.schedule.birthdayApply', { field: birthday.name })}
                </button>
              )
              : <p className="muted small">{t('bc.schedule.birthdayNoField')}</p>}
          </div>
        </>
      )}
      <p className="muted small" data-testid="bc-schedule-zone">{t('bc.schedule.zone', { zone: timeZone })}</p>
    </fieldset>
  );
}
