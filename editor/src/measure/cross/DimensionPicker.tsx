import { useTranslation } from 'react-i18next';
import type { ConversionPoint, CrossDimension } from '@lsb/shared/api';
import type { WorkspaceCatalogue } from '../../api/types.ts';

export type DimensionKind = CrossDimension['kind'];
const KINDS: DimensionKind[] = ['tag', 'field', 'inflowRoute', 'conversion', 'friendStatus', 'rfm'];

/** A dimension being chosen; tags and field may still be missing (then it cannot be counted yet). */
export type DraftDimension =
  | { kind: 'tag'; tagIds: string[] }
  | { kind: 'field'; fieldId: string }
  | { kind: 'inflowRoute' }
  | { kind: 'conversion'; pointIds: string[] }
  | { kind: 'friendStatus' }
  | { kind: 'rfm'; metric: 'recency' | 'frequency' | 'monetary' };

export function defaultDimension(kind: DimensionKind): DraftDimension {
  switch (kind) {
    case 'tag': return { kind, tagIds: [] };
    case 'field': return { kind, fieldId: '' };
    case 'conversion': return { kind, pointIds: [] };
    case 'rfm': return { kind, metric: 'recency' };
    default: return { kind };
  }
}

/** The dimension as the runtime takes it, or why not yet. */
export function toDimension(draft: DraftDimension): CrossDimension | 'needTags' | 'needField' {
  switch (draft.kind) {
    case 'tag': return draft.tagIds.length ? { kind: 'tag', tagIds: draft.tagIds.slice(0, 30) } : 'needTags';
    case 'field': return draft.fieldId ? { kind: 'field', fieldId: draft.fieldId } : 'needField';
    case 'conversion': return draft.pointIds.length ? { kind: 'conversion', pointIds: draft.pointIds } : { kind: 'conversion' };
    default: return draft;
  }
}

export function DimensionPicker({ side, value, onChange, catalogue, points }: {
  side: 'rows' | 'columns';
  value: DraftDimension;
  onChange: (d: DraftDimension) => void;
  catalogue: WorkspaceCatalogue | undefined;
  points: ConversionPoint[];
}) {
  const { t } = useTranslation();
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  return (
    <fieldset className="card plain-fieldset" data-testid={`cross-${side}`}>
      <legend>{side === 'rows' ? t('measure.cross.rows') : t('measure.cross.columns')}</legend>
      <label>{t('measure.cross.kind')}{' '}
        <select value={value.kind} onChange={(e) => onChange(defaultDimension(e.target.value as DimensionKind))} data-testid={`cross-${side}-kind`}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`measure.cross.kinds.${k}`)}</option>)}
        </select>
      </label>
      {value.kind === 'tag' && (
        <div className="tag-choices" aria-label={t('measure.cross.chooseTags')}>
          {catalogue?.tags.map((tag) => (
            <label key={tag.id} className="check">
              <input type="checkbox" checked={value.tagIds.includes(tag.id)} onChange={() => onChange({ kind: 'tag', tagIds: toggle(value.tagIds, tag.id) })}
                data-testid={`cross-${side}-tag-${tag.name}`} />
              {tag.name}
            </label>
          ))}
        </div>
      )}
      {value.kind === 'field' && (
        <select value={value.fieldId} onChange={(e) => onChange({ kind: 'field', fieldId: e.target.value })} aria-label={t('measure.cross.chooseField')} data-testid={`cross-${side}-field`}>
          <option value="">{t('measure.cross.chooseField')}</option>
          {catalogue?.fields.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
      )}
      {value.kind === 'conversion' && (
        <div className="tag-choices">
          <span className="muted small">{value.pointIds.length === 0 ? t('measure.cross.allPoints') : ''}</span>
          {points.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={value.pointIds.includes(p.id)} onChange={() => onChange({ kind: 'conversion', pointIds: toggle(value.pointIds, p.id) })}
                data-testid={`cross-${side}-point-${p.name}`} />
              {p.name}
            </label>
          ))}
        </div>
      )}
      {value.kind === 'rfm' && (
        <select value={value.metric} onChange={(e) => onChange({ kind: 'rfm', metric: e.target.value as 'recency' })} aria-label={t('measure.cross.metric')} data-testid={`cross-${side}-metric`}>
          {(['recency', 'frequency', 'monetary'] as const).map((m) => <option key={m} value={m}>{t(`measure.rfm.metric.${m}`)}</option>)}
        </select>
      )}
    </fieldset>
  );
}
