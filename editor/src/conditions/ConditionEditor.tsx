import { useState } from 'react';
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
  const [choosing, setChoosing] = useState(false);
  const addGroup = (kind: 'and' | 'or') => {
    onChange({ ...group, conditions: [...group.conditions, { kind, conditions: [defaultLeaf('tag')] }] });
    setChoosing(false);
  };
  const setChild = (i: number, c: Condition) => onChange({ ...group, conditions: group.conditions.map((x, j) => (j === i ? c : x)) });
  const removeChild = (i: number) => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });
  return (
    <div className={`cond-group depth-${depth}`} data-testid="condition-group" data-kind={group.kind}>
      <div className="row cond-group-head">
        <span>{t('timing.cond.lead')}</span>
        <select value={group.kind} onChange={(e) => onChange({ ...group, kind: e.target.value as 'and' | 'or' })} data-testid="condition-group-kind" aria-label={t('cond.groupKind')}>
          <option value="and">{t('timing.cond.all')}</option>
          <option value="or">{t('timing.cond.any')}</option>
        </select>
        <span className="muted small" data-testid="condition-group-says">{t(group.kind === 'and' ? 'timing.cond.saysAll' : 'timing.cond.saysAny')}</span>
      </div>
      {group.conditions.length === 0 && <p className="muted small">{t('cond.emptyGroup')}</p>}
      {group.conditions.map((child, i) => (
        <ConditionRow key={i} value={child} onChange={(c) => setChild(i, c)} onRemove={() => removeChild(i)} depth={depth} />
      ))}
      <div className="row">
        <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, defaultLeaf('tag')] })} data-testid="condition-add">＋ {t('cond.addCondition')}</button>
        {depth < MAX_DEPTH && !choosing && (
          <button type="button" onClick={() => setChoosing(true)} data-testid="condition-add-group">
            ＋ {t('cond.addGroup')}
          </button>
        )}
      </div>
      {choosing && <GroupKindChooser onAdd={addGroup} onCancel={() => setChoosing(false)} />}
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

/**
 * A new group asks how its conditions combine: "all of" is preselected, so a group added inside an
 * AND group never silently widens it to OR (an offer once went to three friends instead of one).
 */
function GroupKindChooser({ onAdd, onCancel }: { onAdd: (kind: 'and' | 'or') => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'and' | 'or'>('and');
  return (
    <fieldset className="subsection" data-testid="condition-group-chooser">
      <legend>{t('timing.cond.chooseKind')}</legend>
      {(['and', 'or'] as const).map((k) => (
        <label key={k} className="check">
          <input type="radio" name="new-group-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`condition-group-choose-${k}`} />
          {t(k === 'and' ? 'timing.cond.all' : 'timing.cond.any')}
          <span className="muted small">{t(k === 'and' ? 'timing.cond.saysAll' : 'timing.cond.saysAny')}</span>
        </label>
      ))}
      <div className="row">
        <button type="button" className="primary" onClick={() => onAdd(kind)} data-testid="condition-group-confirm">{t('timing.cond.addThisGroup')}</button>
        <button type="button" onClick={onCancel}>{t('timing.cancel')}</button>
      </div>
    </fieldset>
  );
}
