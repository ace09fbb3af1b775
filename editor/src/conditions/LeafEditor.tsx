import { useTranslation } from 'react-i18next';
import { CataloguePicker, NumberInput } from '../inspector/controls.tsx';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { defaultLeaf, LEAF_KINDS, type LeafKind, type LeafLike as LeafCondition } from './leafDefaults.ts';
import { DateComparison, MultiPicker } from './leafParts.tsx';
import { RfmLeafEditor } from '../measure/rfm/RfmLeafEditor.tsx';

/** One comparison: what is compared (kind) and its operands, with catalogue pickers. */
export function LeafEditor({ value, onChange }: { value: LeafCondition; onChange: (c: LeafCondition) => void }) {
  const { t } = useTranslation();
  const field = useFlow((s) => ('fieldId' in value ? s.catalogue?.fields.find((f) => f.id === value.fieldId) : undefined));
  return (
    <div className="leaf" data-testid="condition-leaf" data-kind={value.kind}>
      <select value={value.kind} onChange={(e) => onChange(defaultLeaf(e.target.value as LeafKind))} data-testid="condition-kind" aria-label={t('cond.kind')}>
        {LEAF_KINDS.map((k) => <option key={k} value={k}>{t(`cond.kinds.${k}`)}</option>)}
      </select>
      <Operands value={value} onChange={onChange} choices={field?.choices ?? []} />
    </div>
  );
}

function Operands({ value: v, onChange, choices }: { value: LeafCondition; onChange: (c: LeafCondition) => void; choices: string[] }) {
  const { t } = useTranslation();
  switch (v.kind) {
    case 'segment':
      return (
        <>
          <CataloguePicker kind="segment" value={v.segmentId} onChange={(segmentId) => onChange({ kind: 'segment', segmentId })} testId="condition-segment" />
          {v.frozen && <span className="muted small">{t('cond.segmentFrozen')}</span>}
        </>
      );
    case 'tag':
      return (
        <>
          <CataloguePicker kind="tag" value={v.tagId} onChange={(tagId) => onChange({ ...v, tagId })} testId="condition-tag" />
          <select value={v.has ? 'has' : 'lacks'} onChange={(e) => onChange({ ...v, has: e.target.value === 'has' })} data-testid="condition-tag-has">
            <option value="has">{t('cond.has')}</option>
            <option value="lacks">{t('cond.lacks')}</option>
          </select>
        </>
      );
    case 'fieldText':
      return (
        <>
          <CataloguePicker kind="field" fieldKinds={['text', 'choice']} value={v.fieldId} onChange={(fieldId) => onChange({ ...v, fieldId })} />
          <select value={v.op} onChange={(e) => onChange({ ...v, op: e.target.value as typeof v.op })}>
            <option value="equals">{t('cond.equals')}</option>
            <option value="contains">{t('cond.contains')}</option>
          </select>
          <input value={v.value} maxLength={1000} onChange={(e) => onChange({ ...v, value: e.target.value })} data-testid="condition-text" />
        </>
      );
    case 'fieldChoice':
      return (
        <>
          <CataloguePicker kind="field" fieldKinds={['choice']} value={v.fieldId} onChange={(fieldId) => onChange({ ...v, fieldId, anyOf: [] })} />
          <MultiPicker options={choices.map((c) => ({ id: c, name: c }))} value={v.anyOf} onChange={(anyOf) => onChange({ ...v, anyOf })} />
        </>
      );
    case 'fieldNumber':
      return (
        <>
          <CataloguePicker kind="field" fieldKinds={['number']} value={v.fieldId} onChange={(fieldId) => onChange({ ...v, fieldId })} />
          <select value={v.op} onChange={(e) => onChange({ ...v, op: e.target.value as typeof v.op })}>
            {(['eq', 'neq', 'lt', 'lte', 'gt', 'gte'] as const).map((op) => <option key={op} value={op}>{t(`cond.num.${op}`)}</option>)}
          </select>
          <NumberInput value={v.value} onChange={(value) => onChange({ ...v, value })} step={0.01} />
        </>
      );
    case 'fieldDate':
      return (
        <>
          <CataloguePicker kind="field" fieldKinds={['date']} value={v.fieldId} onChange={(fieldId) => onChange({ ...v, fieldId })} />
          <DateComparison value={v} ops={['withinNextDays', 'withinPastDays', 'before', 'after', 'on']} onChange={(c) => onChange({ kind: 'fieldDate', fieldId: v.fieldId, ...c } as LeafCondition)} />
        </>
      );
    case 'fieldSet':
      return <CataloguePicker kind="field" value={v.fieldId} onChange={(fieldId) => onChange({ ...v, fieldId })} />;
    case 'birthdayMonth':
      return (
        <>
          <CataloguePicker kind="field" fieldKinds={['date']} value={v.fieldId} onChange={(fieldId) => onChange({ ...v, fieldId })} />
          <select value={String(v.month)} onChange={(e) => onChange({ ...v, month: e.target.value === 'current' ? 'current' : Number(e.target.value) })}>
            <option value="current">{t('cond.thisMonth')}</option>
            {Array.from({ length: 12 }, (_, i) => <option key={i} value={i + 1}>{t('cond.month', { month: i + 1 })}</option>)}
          </select>
        </>
      );
    case 'inflowRoute':
      return <MultiPicker kind="inflowRoute" value={v.routeIds} onChange={(routeIds) => onChange({ ...v, routeIds })} />;
    case 'registeredAt':
    case 'lastReactionAt':
      return <DateComparison value={v} ops={['withinPastDays', 'before', 'after']} onChange={(c) => onChange({ kind: v.kind, ...c } as LeafCondition)} />;
    case 'friendStatus':
      return (
        <select value={v.status} onChange={(e) => onChange({ ...v, status: e.target.value as typeof v.status })}>
          <option value="active">{t('cond.active')}</option>
          <option value="blocked">{t('cond.blocked')}</option>
        </select>
      );
    case 'scenario':
      return (
        <>
          <CataloguePicker kind="scenario" value={v.scenarioId} onChange={(scenarioId) => onChange({ ...v, scenarioId })} />
          <select value={v.state} onChange={(e) => onChange({ ...v, state: e.target.value as typeof v.state })}>
            {(['running', 'finished', 'entered'] as const).map((s) => <option key={s} value={s}>{t(`cond.scenarioState.${s}`)}</option>)}
          </select>
        </>
      );
    case 'linkClicked':
      return <CataloguePicker kind="link" value={v.linkId} onChange={(linkId) => onChange({ ...v, linkId })} />;
    case 'receivedSend':
      return (
        <>
          <CataloguePicker kind="scenario" value={v.scenarioId} onChange={(scenarioId) => onChange({ ...v, scenarioId })} />
          <input value={v.nodeId} placeholder={t('cond.nodeId')} onChange={(e) => onChange({ ...v, nodeId: e.target.value })} />
        </>
      );
    case 'converted':
      return <input value={v.name} maxLength={200} placeholder={t('cond.conversionName')} onChange={(e) => onChange({ ...v, name: e.target.value })} />;
    case 'rfm':
      return <RfmLeafEditor value={v} onChange={onChange} />;
  }
}
