import { useTranslation } from 'react-i18next';
import type { ReferenceKind } from '@lsb/shared';
import { nameOf } from '../flow/language.ts';
import { CataloguePicker, NumberInput } from '../inspector/controls.tsx';
import { useFlow } from '../store/FlowStoreContext.tsx';

type DateOp = 'before' | 'after' | 'on' | 'withinNextDays' | 'withinPastDays';
type DateValue = { op: DateOp; date?: string; days?: number };
type DateOut = { op: 'before' | 'after' | 'on'; date: string } | { op: 'withinNextDays' | 'withinPastDays'; days: number };

const today = () => new Date().toISOString().slice(0, 10);

/** 「7日以内」 or 「2026-01-01より前」: a relative number of days or a calendar date. */
export function DateComparison({ value, ops, onChange }: { value: DateValue; ops: readonly DateOp[]; onChange: (c: DateOut) => void }) {
  const { t } = useTranslation();
  const relative = (op: DateOp) => op === 'withinNextDays' || op === 'withinPastDays';
  const setOp = (op: DateOp) =>
    onChange(relative(op) ? { op: op as 'withinNextDays', days: value.days ?? 7 } : { op: op as 'before', date: value.date ?? today() });
  return (
    <>
      <select value={value.op} onChange={(e) => setOp(e.target.value as DateOp)}>
        {ops.map((op) => <option key={op} value={op}>{t(`cond.date.${op}`)}</option>)}
      </select>
      {relative(value.op) ? (
        <NumberInput value={value.days ?? 0} min={0} max={36_500} onChange={(days) => onChange({ op: value.op as 'withinNextDays', days })} />
      ) : (
        <input type="date" value={value.date ?? ''} onChange={(e) => e.target.value && onChange({ op: value.op as 'before', date: e.target.value })} />
      )}
    </>
  );
}

/** Several ids as chips: from the catalogue (routes) or from fixed options (choice values). */
export function MultiPicker({ kind, options, value, onChange }: {
  kind?: ReferenceKind;
  options?: { id: string; name: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);
  const label = (id: string) => (kind ? nameOf(catalogue, kind, id) : id);
  const add = (id: string) => id && !value.includes(id) && onChange([...value, id]);
  return (
    <span className="chips">
      {value.map((id) => (
        <span key={id} className="chip">
          {label(id)}
          <button type="button" onClick={() => onChange(value.filter((x) => x !== id))} aria-label={t('insp.remove')}>×</button>
        </span>
      ))}
      {kind ? (
        <CataloguePicker kind={kind} value="" emptyLabel={t('cond.addValue')} onChange={add} />
      ) : (
        <select value="" onChange={(e) => add(e.target.value)}>
          <option value="">{t('cond.addValue')}</option>
          {(options ?? []).filter((o) => !value.includes(o.id)).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      )}
    </span>
  );
}
