import { useTranslation } from 'react-i18next';
import type { SetFieldData } from '@lsb/shared';
import { CataloguePicker, Field, NumberInput, Segmented } from '../../inspector/controls.tsx';
import type { InspectorProps } from '../../inspector/types.ts';
import { useFlow } from '../../store/FlowStoreContext.tsx';

export function SetFieldInspector({ data, onChange }: InspectorProps<'setField'>) {
  const { t } = useTranslation();
  const field = useFlow((s) => s.catalogue?.fields.find((f) => f.id === data.fieldId));
  const setOp = (op: SetFieldData['op']) => {
    if (op === 'set') onChange({ op, fieldId: data.fieldId, value: field?.kind === 'number' ? 0 : '' });
    else if (op === 'increment') onChange({ op, fieldId: data.fieldId, by: 1 });
    else onChange({ op, fieldId: data.fieldId });
  };
  return (
    <>
      <Field label={t('insp.setField.field')}>
        <CataloguePicker kind="field" value={data.fieldId} onChange={(fieldId) => onChange({ ...data, fieldId })} />
      </Field>
      <Field label={t('insp.setField.op')}>
        <Segmented
          name="setfield-op"
          value={data.op}
          options={[
            { value: 'set', label: t('insp.setField.set') },
            { value: 'increment', label: t('insp.setField.increment') },
            { value: 'clear', label: t('insp.setField.clear') },
          ]}
          onChange={setOp}
          testId="setfield-op"
        />
      </Field>
      {data.op === 'set' && (
        <Field label={t('insp.setField.value')}>
          {field?.kind === 'number' ? (
            <NumberInput value={typeof data.value === 'number' ? data.value : Number(data.value) || 0} onChange={(value) => onChange({ ...data, value })} step={0.01} testId="setfield-value" />
          ) : field?.kind === 'choice' ? (
            <select value={String(data.value)} onChange={(e) => onChange({ ...data, value: e.target.value })} data-testid="setfield-value">
              <option value="">{t('insp.choose')}</option>
              {(field.choices ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          ) : (
            <input type={field?.kind === 'date' ? 'date' : 'text'} value={String(data.value)} maxLength={1000} onChange={(e) => onChange({ ...data, value: e.target.value })} data-testid="setfield-value" />
          )}
        </Field>
      )}
      {data.op === 'increment' && (
        <Field label={t('insp.setField.by')}>
          <NumberInput value={data.by} onChange={(by) => onChange({ ...data, by })} step={0.01} testId="setfield-by" />
        </Field>
      )}
    </>
  );
}
