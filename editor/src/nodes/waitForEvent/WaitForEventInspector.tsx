import { useTranslation } from 'react-i18next';
import type { WaitForEventData } from '@lsb/shared';
import { CataloguePicker, Field, NumberInput } from '../../inspector/controls.tsx';
import type { InspectorProps } from '../../inspector/types.ts';
import { UnitSelect } from '../wait/UnitSelect.tsx';
import { useEditorEnv } from '../../editor/EditorEnv.tsx';
import { ConversionPointPicker } from '../../measure/ConversionPointPicker.tsx';

const EVENTS: WaitForEventData['event'][] = ['linkClicked', 'replied', 'postback', 'tagAdded', 'conversion'];

export function WaitForEventInspector({ data, onChange }: InspectorProps<'waitForEvent'>) {
  const { t } = useTranslation();
  const { ws } = useEditorEnv();
  const setEvent = (event: WaitForEventData['event']) => {
    const { timeout } = data;
    if (event === 'tagAdded') onChange({ event, tagId: '', timeout });
    else onChange({ event, timeout });
  };
  return (
    <>
      <Field label={t('insp.waitForEvent.event')}>
        <select value={data.event} onChange={(e) => setEvent(e.target.value as WaitForEventData['event'])} data-testid="wait-event">
          {EVENTS.map((ev) => <option key={ev} value={ev}>{t(`insp.waitForEvent.events.${ev}`)}</option>)}
        </select>
      </Field>
      {data.event === 'linkClicked' && (
        <Field label={t('insp.waitForEvent.link')}>
          <CataloguePicker kind="link" value={data.linkId} emptyLabel={t('insp.waitForEvent.anyLink')} onChange={(linkId) => onChange(linkId ? { ...data, linkId } : { event: data.event, timeout: data.timeout })} />
        </Field>
      )}
      {data.event === 'postback' && (
        <Field label={t('insp.waitForEvent.postback')} hint={t('insp.waitForEvent.postbackHint')}>
          <input value={data.data ?? ''} maxLength={300} onChange={(e) => onChange(e.target.value ? { ...data, data: e.target.value } : { event: data.event, timeout: data.timeout })} data-testid="wait-postback" />
        </Field>
      )}
      {data.event === 'conversion' && (
        <Field label={t('measure.insp.conversionPoint')}>
          <ConversionPointPicker ws={ws} value={data.pointId} testId="wait-conversion-point"
            onChange={(pointId) => onChange(pointId ? { ...data, pointId } : { event: data.event, timeout: data.timeout })} />
        </Field>
      )}
      {data.event === 'tagAdded' && (
        <Field label={t('insp.waitForEvent.tag')}>
          <CataloguePicker kind="tag" value={data.tagId} onChange={(tagId) => onChange({ ...data, tagId })} />
        </Field>
      )}
      <Field label={t('insp.waitForEvent.timeout')} hint={t('insp.waitForEvent.timeoutHint')}>
        <span className="row">
          <NumberInput value={data.timeout.amount} min={1} max={100_000} onChange={(amount) => onChange({ ...data, timeout: { ...data.timeout, amount } })} testId="wait-timeout-amount" />
          <UnitSelect value={data.timeout.unit} onChange={(unit) => onChange({ ...data, timeout: { ...data.timeout, unit } })} />
        </span>
      </Field>
    </>
  );
}
