import { useTranslation } from 'react-i18next';
import { Field, NumberInput } from '../../inspector/controls.tsx';
import type { InspectorProps } from '../../inspector/types.ts';
import { newId } from '../../store/ids.ts';
import { AutoWinnerSettings } from './AutoWinnerSettings.tsx';

const MAX_ARMS = 10;

/** Shares of 100 split as evenly as integers allow; the first arms take the remainder. */
function evenWeights(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

export function RandomSplitInspector({ data, onChange }: InspectorProps<'randomSplit'>) {
  const { t } = useTranslation();
  const sum = data.branches.reduce((s, b) => s + b.weight, 0);
  const update = (index: number, patch: Partial<(typeof data.branches)[number]>) =>
    onChange({ ...data, branches: data.branches.map((b, i) => (i === index ? { ...b, ...patch } : b)) });
  const add = () => {
    const label = String.fromCharCode(65 + data.branches.length);
    const branches = [...data.branches, { id: newId('arm'), label, weight: 0 }];
    const weights = evenWeights(branches.length);
    onChange({ ...data, branches: branches.map((b, i) => ({ ...b, weight: weights[i] ?? 0 })) });
  };
  return (
    <>
      <p className="muted small">{t('insp.randomSplit.hint')}</p>
      {data.branches.map((b, i) => (
        <div className="row" key={b.id} data-testid="split-arm">
          <input value={b.label} maxLength={100} onChange={(e) => update(i, { label: e.target.value })} aria-label={t('insp.randomSplit.label')} className="grow" />
          <NumberInput value={b.weight} min={0} max={100} onChange={(weight) => update(i, { weight })} testId="split-weight" />
          <span>%</span>
          <button type="button" onClick={() => onChange({ ...data, branches: data.branches.filter((_, j) => j !== i) })} disabled={data.branches.length <= 2} aria-label={t('insp.remove')}>×</button>
        </div>
      ))}
      <Field label={t('insp.randomSplit.total')}>
        <strong className={sum === 100 ? 'ok' : 'bad'} data-testid="split-total">{sum}%</strong>
      </Field>
      <div className="row">
        <button type="button" onClick={add} disabled={data.branches.length >= MAX_ARMS} data-testid="split-add">{t('insp.randomSplit.add')}</button>
        <button type="button" onClick={() => { const w = evenWeights(data.branches.length); onChange({ ...data, branches: data.branches.map((b, i) => ({ ...b, weight: w[i] ?? 0 })) }); }} data-testid="split-even">{t('insp.randomSplit.even')}</button>
      </div>
      <AutoWinnerSettings value={data.autoWinner} onChange={(autoWinner) => { const { autoWinner: _old, ...rest } = data; onChange(autoWinner ? { ...rest, autoWinner } : rest); }} />
    </>
  );
}
