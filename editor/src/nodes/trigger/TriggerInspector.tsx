import { useTranslation } from 'react-i18next';
import type { ReentryPolicy, Trigger, TriggerKind } from '@lsb/shared';
import { CataloguePicker, Field, Segmented } from '../../inspector/controls.tsx';
import type { InspectorProps } from '../../inspector/types.ts';
import { useEditorEnv } from '../../editor/EditorEnv.tsx';
import { ConversionPointPicker } from '../../measure/ConversionPointPicker.tsx';

const KINDS: TriggerKind[] = ['friendAdded', 'inflowRoute', 'tagAdded', 'keyword', 'postback', 'linkClicked', 'manual', 'conversion'];
const REENTRY: ReentryPolicy[] = ['firstTimeOnly', 'notWhileRunning', 'everyTime'];

function defaultTrigger(kind: TriggerKind): Trigger {
  switch (kind) {
    case 'friendAdded': return { kind, includeReturning: false };
    case 'inflowRoute': return { kind, routeId: '' };
    case 'tagAdded': return { kind, tagId: '' };
    case 'keyword': return { kind, match: 'exact', text: '' };
    case 'postback': return { kind, data: '' };
    case 'linkClicked': return { kind, linkId: '' };
    case 'manual': return { kind };
    case 'conversion': return { kind };
  }
}

export function TriggerInspector({ data, onChange }: InspectorProps<'trigger'>) {
  const { t } = useTranslation();
  const { ws } = useEditorEnv();
  const tr = data.trigger;
  const setTrigger = (trigger: Trigger) => onChange({ ...data, trigger });
  return (
    <>
      <Field label={t('insp.trigger.kind')}>
        <select value={tr.kind} onChange={(e) => setTrigger(defaultTrigger(e.target.value as TriggerKind))} data-testid="trigger-kind">
          {KINDS.map((k) => <option key={k} value={k}>{t(`insp.trigger.kinds.${k}`)}</option>)}
        </select>
      </Field>
      {tr.kind === 'friendAdded' && (
        <label className="check">
          <input type="checkbox" checked={tr.includeReturning} onChange={(e) => setTrigger({ ...tr, includeReturning: e.target.checked })} data-testid="trigger-returning" />
          {t('insp.trigger.includeReturning')}
        </label>
      )}
      {tr.kind === 'inflowRoute' && (
        <Field label={t('refKind.inflowRoute')}>
          <CataloguePicker kind="inflowRoute" value={tr.routeId} onChange={(routeId) => setTrigger({ ...tr, routeId })} />
        </Field>
      )}
      {tr.kind === 'tagAdded' && (
        <Field label={t('refKind.tag')}>
          <CataloguePicker kind="tag" value={tr.tagId} onChange={(tagId) => setTrigger({ ...tr, tagId })} />
        </Field>
      )}
      {tr.kind === 'keyword' && (
        <>
          <Field label={t('insp.trigger.keyword')}>
            <input value={tr.text} maxLength={300} onChange={(e) => setTrigger({ ...tr, text: e.target.value })} data-testid="trigger-keyword" />
          </Field>
          <Segmented
            name="keyword-match"
            value={tr.match}
            options={[{ value: 'exact', label: t('insp.trigger.exact') }, { value: 'contains', label: t('insp.trigger.contains') }]}
            onChange={(match) => setTrigger({ ...tr, match })}
          />
        </>
      )}
      {tr.kind === 'postback' && (
        <Field label={t('insp.trigger.postback')}>
          <input value={tr.data} maxLength={300} onChange={(e) => setTrigger({ ...tr, data: e.target.value })} data-testid="trigger-postback" />
        </Field>
      )}
      {tr.kind === 'linkClicked' && (
        <Field label={t('refKind.link')}>
          <CataloguePicker kind="link" value={tr.linkId} onChange={(linkId) => setTrigger({ ...tr, linkId })} />
        </Field>
      )}
      {tr.kind === 'conversion' && (
        <Field label={t('measure.insp.conversionPoint')}>
          <ConversionPointPicker ws={ws} value={tr.pointId} testId="trigger-conversion-point"
            onChange={(pointId) => setTrigger(pointId ? { kind: 'conversion', pointId } : { kind: 'conversion' })} />
        </Field>
      )}
      <Field label={t('insp.trigger.reentry')}>
        <select value={data.reentry} onChange={(e) => onChange({ ...data, reentry: e.target.value as ReentryPolicy })} data-testid="trigger-reentry">
          {REENTRY.map((r) => <option key={r} value={r}>{t(`insp.trigger.reentries.${r}`)}</option>)}
        </select>
      </Field>
      <BlockPolicyField data={data} onChange={onChange} />
    </>
  );
}

/** What a block does to a run; absent in older graphs, which behave as the default (hold). */
function BlockPolicyField({ data, onChange }: Pick<InspectorProps<'trigger'>, 'data' | 'onChange'>) {
  const { t } = useTranslation();
  const policy = data.onBlock ?? 'hold';
  return (
    <Field label={t('timing.trigger.onBlock')}>
      <select value={policy} onChange={(e) => onChange({ ...data, onBlock: e.target.value as 'hold' | 'end' })} data-testid="trigger-on-block">
        <option value="hold">{t('timing.trigger.hold')}</option>
        <option value="end">{t('timing.trigger.end')}</option>
      </select>
      <p className="muted small" data-testid="trigger-on-block-hint">{t(policy === 'hold' ? 'timing.trigger.holdHint' : 'timing.trigger.endHint')}</p>
    </Field>
  );
}
