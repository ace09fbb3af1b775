import { useTranslation } from 'react-i18next';
import type { RfmMetric } from '@lsb/shared/api';
import type { LeafCondition } from '@lsb/shared';
import { useEditorEnv } from '../../editor/EditorEnv.tsx';
import { useResource } from '../../api/useResource.ts';
import { useMeasureApi } from '../api.ts';
import { ConversionPointPicker } from '../ConversionPointPicker.tsx';

type RfmLeaf = Extract<LeafCondition, { kind: 'rfm' }>;

/** The RFM leaf: a metric, then a band of the workspace's RFM settings or a range of one's own, optionally of one point. */
export function RfmLeafEditor({ value, onChange }: { value: RfmLeaf; onChange: (c: RfmLeaf) => void }) {
  const { t } = useTranslation();
  const { ws } = useEditorEnv();
  const api = useMeasureApi();
  const settings = useResource(`rfm/${ws}`, () => api.getRfm(ws));
  const bands = settings.data?.[value.metric] ?? [];
  const chosen = bands.find((b) => b.min === value.min && b.max === value.max);
  const withRange = (min: number | undefined, max: number | undefined): RfmLeaf => {
    const { min: _min, max: _max, ...rest } = value;
    return { ...rest, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  };
  const num = (text: string) => (text === '' ? undefined : Math.max(0, Number(text)));
  return (
    <>
      <select value={value.metric} aria-label={t('measure.leaf.metric')} data-testid="condition-rfm-metric"
        onChange={(e) => onChange({ ...withRange(undefined, undefined), metric: e.target.value as RfmMetric })}>
        {(['recency', 'frequency', 'monetary'] as const).map((m) => <option key={m} value={m}>{t(`measure.rfm.metric.${m}`)}</option>)}
      </select>
      <select value={chosen?.id ?? ''} aria-label={t('measure.leaf.band')} data-testid="condition-rfm-band"
        onChange={(e) => { const band = bands.find((b) => b.id === e.target.value); if (band) onChange(withRange(band.min, band.max)); }}>
        <option value="">{t('measure.leaf.custom')}</option>
        {bands.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
      </select>
      <input type="number" min={0} step="any" value={value.min ?? ''} placeholder={t('measure.rfm.open')} aria-label={t('measure.leaf.min')}
        onChange={(e) => onChange(withRange(num(e.target.value), value.max))} data-testid="condition-rfm-min" style={{ width: 80 }} />
      <span>〜</span>
      <input type="number" min={0} step="any" value={value.max ?? ''} placeholder={t('measure.rfm.open')} aria-label={t('measure.leaf.max')}
        onChange={(e) => onChange(withRange(value.min, num(e.target.value)))} data-testid="condition-rfm-max" style={{ width: 80 }} />
      <ConversionPointPicker ws={ws} value={value.pointId} testId="condition-rfm-point"
        onChange={(pointId) => { const { pointId: _p, ...rest } = value; onChange(pointId ? { ...rest, pointId } : rest); }} />
    </>
  );
}
