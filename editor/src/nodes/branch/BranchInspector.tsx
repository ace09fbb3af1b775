import { useTranslation } from 'react-i18next';
import { EMPTY_CONDITION, type BranchCase } from '@lsb/shared';
import { ConditionEditor } from '../../conditions/ConditionEditor.tsx';
import { SegmentCount } from '../../conditions/SegmentCount.tsx';
import type { InspectorProps } from '../../inspector/types.ts';
import { newId } from '../../store/ids.ts';

const MAX_CASES = 20;

/** Cases are tried top to bottom; the first that holds takes the friend, the rest go "otherwise". */
export function BranchInspector({ data, onChange }: InspectorProps<'branch'>) {
  const { t } = useTranslation();
  const setCase = (i: number, c: BranchCase) => onChange({ cases: data.cases.map((x, j) => (j === i ? c : x)) });
  const move = (i: number, by: -1 | 1) => {
    const cases = data.cases.slice();
    const [c] = cases.splice(i, 1);
    if (c) cases.splice(i + by, 0, c);
    onChange({ cases });
  };
  return (
    <>
      <p className="muted small">{t('insp.branch.hint')}</p>
      {data.cases.map((c, i) => (
        <div className="case" key={c.id} data-testid="branch-case" data-case-id={c.id}>
          <div className="row">
            <strong>{t('insp.branch.case', { n: i + 1 })}</strong>
            <input className="grow" value={c.label} maxLength={100} placeholder={t('insp.branch.labelPlaceholder')} onChange={(e) => setCase(i, { ...c, label: e.target.value })} data-testid="branch-case-label" aria-label={t('insp.branch.label')} />
            <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('insp.moveUp')}>↑</button>
            <button type="button" onClick={() => move(i, 1)} disabled={i === data.cases.length - 1} aria-label={t('insp.moveDown')}>↓</button>
            <button type="button" onClick={() => onChange({ cases: data.cases.filter((_, j) => j !== i) })} aria-label={t('insp.remove')} data-testid="branch-case-remove">×</button>
          </div>
          <ConditionEditor value={c.condition} onChange={(condition) => setCase(i, { ...c, condition })} />
          <SegmentCount condition={c.condition} />
        </div>
      ))}
      <button type="button" onClick={() => onChange({ cases: [...data.cases, { id: newId('case'), label: '', condition: EMPTY_CONDITION }] })} disabled={data.cases.length >= MAX_CASES} data-testid="branch-add-case">
        ＋ {t('insp.branch.addCase')}
      </button>
      <p className="muted small">{t('insp.branch.otherwise')}</p>
    </>
  );
}
