import { useTranslation } from 'react-i18next';

export interface DayRange { from: string; to: string }

/** Today and `days - 1` days before it, as YYYY-MM-DD in the zone. */
export function lastDays(days: number, now: Date, timeZone: string): DayRange {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return { from: day(new Date(now.getTime() - (days - 1) * 86_400_000)), to: day(now) };
}

const PRESETS = [7, 30, 90] as const;

/** A from–to pair of days (inclusive, in the workspace's zone) with quick picks for the last 7/30/90 days. */
export function DateRangePicker({ value, onChange, timeZone, testId = 'range', now = () => new Date() }: {
  value: DayRange;
  onChange: (range: DayRange) => void;
  timeZone: string;
  testId?: string;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  return (
    <div className="date-range" role="group" aria-label={t('measure.range')} data-testid={testId}>
      <label>{t('measure.from')} <input type="date" value={value.from} max={value.to} data-testid={`${testId}-from`}
        onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })} /></label>
      <label>{t('measure.to')} <input type="date" value={value.to} min={value.from} data-testid={`${testId}-to`}
        onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })} /></label>
      {PRESETS.map((days) => (
        <button key={days} type="button" className="small-button" data-testid={`${testId}-last-${days}`}
          onClick={() => onChange(lastDays(days, now(), timeZone))}>
          {t('measure.lastDays', { days })}
        </button>
      ))}
    </div>
  );
}
