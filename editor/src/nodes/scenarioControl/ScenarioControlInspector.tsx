import { useTranslation } from 'react-i18next';
import { CataloguePicker, Field, Segmented } from '../../inspector/controls.tsx';
import type { InspectorProps } from '../../inspector/types.ts';

export function ScenarioControlInspector({ data, onChange }: InspectorProps<'scenarioControl'>) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('insp.scenarioControl.action')}>
        <Segmented
          name="scenario-action"
          value={data.action}
          options={[{ value: 'start', label: t('insp.scenarioControl.start') }, { value: 'stop', label: t('insp.scenarioControl.stop') }]}
          onChange={(action) => onChange({ ...data, action })}
          testId="scenario-action"
        />
      </Field>
      <Field label={t('insp.scenarioControl.scenario')} hint={data.action === 'start' ? t('insp.scenarioControl.startHint') : t('insp.scenarioControl.stopHint')}>
        <CataloguePicker kind="scenario" value={data.scenarioId} onChange={(scenarioId) => onChange({ ...data, scenarioId })} />
      </Field>
    </>
  );
}
