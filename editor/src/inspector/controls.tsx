import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue, FieldKind, ReferenceKind } from '../flow/language.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { CreatablePicker } from './CreatablePicker.tsx';

/** A labelled row in an inspector form. */
export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <label className="form-field">
      <span className="form-label">{label}</span>
      {children}
      {hint && <span className="form-hint">{hint}</span>}
    </label>
  );
}

type Entry = { id: string; name: string };

function entries(catalogue: Catalogue | undefined, kind: ReferenceKind, fieldKinds?: readonly FieldKind[]): Entry[] {
  if (!catalogue) return [];
  switch (kind) {
    case 'tag': return catalogue.tags;
    case 'field': return fieldKinds ? catalogue.fields.filter((f) => fieldKinds.includes(f.kind)) : catalogue.fields;
    case 'inflowRoute': return catalogue.inflowRoutes;
    case 'scenario': return catalogue.scenarios;
    case 'link': return catalogue.links;
    case 'segment': return catalogue.segments ?? [];
  }
}

/**
 * A select over the workspace's routes, scenarios or links; tags and fields get a combobox that
 * also creates one in place. An id the catalogue lacks (pasted from elsewhere) stays shown and
 * is marked, so nothing changes silently.
 */
export function CataloguePicker(props: Parameters<typeof SelectPicker>[0]) {
  const { kind, value, onChange, fieldKinds, testId, emptyLabel } = props;
  if (kind === 'tag' || kind === 'field') {
    return <CreatablePicker kind={kind} value={value} onChange={onChange} fieldKinds={fieldKinds} testId={testId ?? `picker-${kind}`} emptyLabel={emptyLabel} />;
  }
  return <SelectPicker {...props} />;
}

function SelectPicker({ kind, value, onChange, fieldKinds, testId, allowEmpty = true, emptyLabel }: {
  kind: ReferenceKind;
  value: string | undefined;
  onChange: (id: string) => void;
  fieldKinds?: readonly FieldKind[];
  testId?: string;
  allowEmpty?: boolean;
  emptyLabel?: string;
}) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);
  const list = entries(catalogue, kind, fieldKinds);
  const unknown = value && !list.some((e) => e.id === value);
  return (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId ?? `picker-${kind}`} className={unknown ? 'invalid' : undefined}>
      {allowEmpty && <option value="">{emptyLabel ?? t('insp.choose')}</option>}
      {unknown && <option value={value}>{t('insp.unknownRef', { id: value })}</option>}
      {list.map((e) => (
        <option key={e.id} value={e.id}>{e.name}</option>
      ))}
    </select>
  );
}

export function NumberInput({ value, onChange, min, max, testId, step }: {
  value: number;
  onChange: (n: number) => void;
  min?: number;
  max?: number;
  step?: number;
  testId?: string;
}) {
  return (
    <input
      type="number"
      value={Number.isFinite(value) ? value : ''}
      min={min}
      max={max}
      step={step ?? 1}
      data-testid={testId}
      className="num-input"
      onChange={(e) => {
        const n = e.target.valueAsNumber;
        if (Number.isFinite(n)) onChange(n);
      }}
    />
  );
}

export function TimeInput({ value, onChange, testId, label }: { value: string; onChange: (v: string) => void; testId?: string; label?: string }) {
  return <input type="time" value={value} onChange={(e) => e.target.value && onChange(e.target.value)} data-testid={testId} aria-label={label} />;
}

/** Radio buttons as a segmented control; values and labels in display order. */
export function Segmented<T extends string>({ value, options, onChange, name, testId }: {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  name: string;
  testId?: string;
}) {
  return (
    <div className="segmented" role="radiogroup" data-testid={testId}>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'active' : undefined}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} data-testid={testId ? `${testId}-${o.value}` : undefined} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
