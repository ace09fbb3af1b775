import { useTranslation } from 'react-i18next';
import { useResource } from '../api/useResource.ts';
import { useMeasureApi } from './api.ts';

/** A conversion point of the workspace, or 「すべて」 (any point) when `value` is undefined. */
export function ConversionPointPicker({ ws, value, onChange, testId }: { ws: string; value: string | undefined; onChange: (id: string | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const api = useMeasureApi();
  const points = useResource(`points/${ws}`, () => api.listPoints(ws));
  const known = points.data?.points ?? [];
  return (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} aria-label={t('measure.insp.conversionPoint')} data-testid={testId}>
      <option value="">{t('measure.insp.anyPoint')}</option>
      {known.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      {value && !known.some((p) => p.id === value) && <option value={value}>{value}</option>}
    </select>
  );
}
