import { useTranslation } from 'react-i18next';
import type { Condition } from '@lsb/shared';
import { defaultLeaf } from './leafDefaults.ts';
import { LeafEditor } from './LeafEditor.tsx';

const MAX_DEPTH = 4;

/**
 * A condition tree as nested groups: each group is "all of" (AND) or "any of" (OR); any row or
 * group can be negated (NOT). The root of a branch case is always a group.
 */
export function ConditionEditor({ value, onChange, depth = 0 }: { value: Condition; onChange: (c: Condition) => void; depth?: number }) {
  const { t } = useTranslation();
  if (value.kind !== 'and' && value.kind !== 'or') {
    // A bare leaf or NOT at the root is shown inside an implicit "all of" group.
    return <ConditionEditor value={{ kind: 'and', conditions: [value] }} onChange={onChange} depth={depth} />;
  }
  const group = value;
  const setChild = (i: number, c: Condition) => onChange({ ...group, conditions: group.conditions.map((x, j) => (j === i ? c : x)) });
  const removeChild = (i: number) => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });
  return (
    <div className={`cond-group depth-${depth}`} data-testid="condition-group" data-kind={group.kind}>
      <div className="row">
        <select value={group.kind} onChange={(e) => onChange({ ...group, kind: e.target.value as 'and' | 'or' })} data-testid="condition-group-kind" aria-label={t('cond.groupKind')}>
          <option value="and">{t('cond.and')}</option>
          <option value="or">{t('cond.or')}</option>
        </select>
      </div>
      {group.conditions.length === 0 && <p className="muted small">{t('cond.emptyGroup')}</p>}
      {group.conditions.map((child, i) => (
        <ConditionRow key={i} value={child} onChange={(c) => setChild(i, c)} onRemove={() => removeChild(i)} depth={depth} />
      ))}
      <div className="row">
        <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, defaultLeaf('tag')] })} data-testid="condition-add">＋ {t('cond.addCondition')}</button>
        {depth < MAX_DEPTH && (
          <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, { kind: 'or', conditions: [defaultLeaf('tag')] }] })} data-testid="condition-add-group">
            ＋ {t('cond.addGroup')}
          </button>
        )}
      </div>
    </div>
  );
}

/** One member of a group: a leaf or a sub-group, with its NOT switch and a remove button. */
function ConditionRow({ value, onChange, onRemove, depth }: { value: Condition; onChange: (c: Condition) => void; onRemove: () => void; depth: number }) {
  const { t } = useTranslation();
  const negated = value.kind === 'not';
  const inner = value.kind === 'not' ? value.condition : value;
  const wrap = (c: Condition): Condition => (negated ? { kind: 'not', condition: c } : c);
  return (
    <div className={negated ? 'cond-row negated' : 'cond-row'} data-testid="condition-row">
      <div className="cond-row-body">
        {inner.kind === 'and' || inner.kind === 'or' ? (
          <ConditionEditor value={inner} onChange={(c) => onChange(wrap(c))} depth={depth + 1} />
        ) : inner.kind === 'not' ? (
          <ConditionRow value={inner} onChange={(c) => onChange(wrap(c))} onRemove={onRemove} depth={depth} />
        ) : (
          <LeafEditor value={inner} onChange={(c) => onChange(wrap(c))} />
        )}
      </div>
      <div className="cond-row-actions">
        <label className="check small" title={t('cond.notHint')}>
          <input type="checkbox" checked={negated} onChange={(e) => onChange(e.target.checked ? { kind: 'not', condition: inner } : inner)} data-testid="condition-not" />
          {t('cond.not')}
        </label>
        <button type="button" onClick={onRemove} aria-label={t('insp.remove')} data-testid="condition-remove">×</button>
      </div>
    </div>
  );
}
