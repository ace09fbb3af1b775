import { useTranslation } from 'react-i18next';
import type { WaitData, WaitMode } from '@lsb/shared';
import { CataloguePicker, Field, NumberInput, Segmented, TimeInput } from '../../inspector/controls.tsx';
import type { InspectorProps } from '../../inspector/types.ts';
import { DeliveryWindowEditor } from './DeliveryWindowEditor.tsx';
import { UnitSelect } from './UnitSelect.tsx';
import { WaitPreview } from './WaitPreview.tsx';

function switchMode(data: WaitData, mode: WaitMode): WaitData {
  const window = data.windows ? { windows: data.windows } : {};
  const time = 'time' in data ? data.time : '10:00';
  switch (mode) {
    case 'elapsed': return { mode, amount: 3, unit: 'hours', ...window };
    case 'dayAt': return { mode, days: 1, time, ...window };
    case 'relativeToField': return { mode, fieldId: '', offsetDays: -3, time: '18:00', ...window };
  }
}

/** A wait said the way marketers say it: 「3時間後」, 「1日後の10:00」, 「予約日の3日前 18:00」. */
export function WaitInspector({ data, onChange }: InspectorProps<'wait'>) {
  const { t } = useTranslation();
  return (
    <>
      <Segmented
        name="wait-mode"
        value={data.mode}
        options={[
          { value: 'elapsed', label: t('insp.wait.elapsed') },
          { value: 'dayAt', label: t('insp.wait.dayAt') },
          { value: 'relativeToField', label: t('insp.wait.relativeToField') },
        ]}
        onChange={(mode) => onChange(switchMode(data, mode))}
        testId="wait-mode"
      />
      {data.mode === 'elapsed' && (
        <div className="sentence">
          <NumberInput value={data.amount} min={1} max={100_000} onChange={(amount) => onChange({ ...data, amount })} testId="wait-amount" />
          <UnitSelect value={data.unit} onChange={(unit) => onChange({ ...data, unit })} testId="wait-unit" />
          <span>{t('insp.wait.later')}</span>
        </div>
      )}
      {data.mode === 'dayAt' && (
        <div className="sentence">
          <NumberInput value={data.days} min={0} max={3650} onChange={(days) => onChange({ ...data, days })} testId="wait-days" />
          <span>{t('insp.wait.daysLaterAt')}</span>
          <TimeInput value={data.time} onChange={(time) => onChange({ ...data, time })} testId="wait-time" />
          <span className="muted small">{t('insp.wait.dayZero')}</span>
        </div>
      )}
      {data.mode === 'relativeToField' && (
        <>
          <Field label={t('insp.wait.dateField')}>
            <CataloguePicker kind="field" fieldKinds={['date']} value={data.fieldId} onChange={(fieldId) => onChange({ ...data, fieldId })} />
          </Field>
          <div className="sentence">
            <span>{t('insp.wait.theDate')}</span>
            <NumberInput value={Math.abs(data.offsetDays)} min={0} max={3650} onChange={(n) => onChange({ ...data, offsetDays: data.offsetDays < 0 ? -n : n })} testId="wait-offset" />
            <select value={data.offsetDays < 0 ? 'before' : 'after'} onChange={(e) => onChange({ ...data, offsetDays: (e.target.value === 'before' ? -1 : 1) * Math.abs(data.offsetDays) })} data-testid="wait-direction">
              <option value="before">{t('insp.wait.before')}</option>
              <option value="after">{t('insp.wait.after')}</option>
            </select>
            <TimeInput value={data.time} onChange={(time) => onChange({ ...data, time })} testId="wait-time" />
          </div>
          <p className="muted small">{t('insp.wait.skippedHint')}</p>
        </>
      )}
      <DeliveryWindowEditor value={data.windows} onChange={(windows) => onChange(windows ? { ...data, windows } : dropWindows(data))} />
      <WaitPreview data={data} />
    </>
  );
}

function dropWindows(data: WaitData): WaitData {
  const { windows: _windows, ...rest } = data;
  return rest as WaitData;
}
