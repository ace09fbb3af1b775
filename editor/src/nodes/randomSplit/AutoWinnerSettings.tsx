import { useTranslation } from 'react-i18next';
import type { AutoWinner } from '@lsb/shared';
import { Field, NumberInput } from '../../inspector/controls.tsx';

/** 自動勝者: after N hours or N friends (whichever first), the best variant by the chosen rate takes everyone after. */
export function AutoWinnerSettings({ value, onChange }: { value: AutoWinner | undefined; onChange: (v: AutoWinner | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="plain-fieldset" data-testid="auto-winner">
      <label className="check">
        <input type="checkbox" checked={value !== undefined} data-testid="auto-winner-on"
          onChange={(e) => onChange(e.target.checked ? { metric: 'click', afterHours: 72 } : undefined)} />
        {t('measure.insp.autoWinner')}
      </label>
      <p className="muted small">{t('measure.insp.autoWinnerHint')}</p>
      {value && (
        <>
          <Field label={t('measure.insp.metric')}>
            <select value={value.metric} onChange={(e) => onChange({ ...value, metric: e.target.value as AutoWinner['metric'] })} data-testid="auto-winner-metric">
              <option value="click">{t('measure.insp.metricClick')}</option>
              <option value="conversion">{t('measure.insp.metricConversion')}</option>
            </select>
          </Field>
          <OptionalNumber label={t('measure.insp.afterHours')} value={value.afterHours} min={1} max={24 * 90} testId="auto-winner-hours"
            onChange={(afterHours) => { const { afterHours: _h, ...rest } = value; onChange(afterHours === undefined ? rest : { ...rest, afterHours }); }} />
          <OptionalNumber label={t('measure.insp.afterFriends')} value={value.afterFriends} min={2} max={10_000_000} testId="auto-winner-friends"
            onChange={(afterFriends) => { const { afterFriends: _f, ...rest } = value; onChange(afterFriends === undefined ? rest : { ...rest, afterFriends }); }} />
        </>
      )}
    </fieldset>
  );
}

function OptionalNumber({ label, value, min, max, onChange, testId }: { label: string; value: number | undefined; min: number; max: number; onChange: (v: number | undefined) => void; testId: string }) {
  return (
    <Field label={label}>
      <span className="row">
        <input type="checkbox" checked={value !== undefined} onChange={(e) => onChange(e.target.checked ? min : undefined)} data-testid={`${testId}-on`} aria-label={label} />
        {value !== undefined && <NumberInput value={value} min={min} max={max} onChange={onChange} testId={testId} />}
      </span>
    </Field>
  );
}
