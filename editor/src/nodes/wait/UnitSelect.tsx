import { useTranslation } from 'react-i18next';
import type { DurationUnit } from '@lsb/shared';

const UNITS: DurationUnit[] = ['minutes', 'hours', 'days'];

export function UnitSelect({ value, onChange, testId }: { value: DurationUnit; onChange: (u: DurationUnit) => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as DurationUnit)} data-testid={testId ?? 'unit-select'}>
      {UNITS.map((u) => <option key={u} value={u}>{t(`insp.units.${u}`)}</option>)}
    </select>
  );
}
