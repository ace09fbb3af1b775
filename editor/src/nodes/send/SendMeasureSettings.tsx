import { useTranslation } from 'react-i18next';
import { AGGREGATION_UNIT_PATTERN, effectiveSendUnit } from '@lsb/shared';
import { useOptionalEditorEnv } from '../../editor/EditorEnv.tsx';
import { Field } from '../../inspector/controls.tsx';
import { InsightRefusal, InsightValue } from '../../measure/analytics/InsightTable.tsx';
import { useFlow } from '../../store/FlowStoreContext.tsx';

/**
 * The send's LINE aggregation unit — its own, or (empty) the one derived from the scenario and the
 * node, shown as the placeholder and said in words — and LINE's opens for it once published.
 */
export function SendMeasureSettings({ nodeId, unit, onChange }: { nodeId: string; unit: string | undefined; onChange: (unit: string | undefined) => void }) {
  const { t } = useTranslation();
  const scenarioId = useOptionalEditorEnv()?.scenarioId;
  const insight = useFlow((s) => s.measures?.nodes[nodeId]?.insight);
  const measured = useFlow((s) => s.measures !== undefined);
  const bad = unit !== undefined && !AGGREGATION_UNIT_PATTERN.test(unit);
  const derived = scenarioId === undefined ? undefined : effectiveSendUnit(scenarioId, nodeId, undefined);
  const inUse = unit !== undefined && !bad ? unit : derived;
  return (
    <>
      <Field label={t('measure.insp.aggregationUnit')} hint={t('measure.insp.aggregationUnitHint')}>
        <input value={unit ?? ''} maxLength={30} placeholder={derived} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          aria-invalid={bad} data-testid="send-aggregation-unit" />
      </Field>
      {inUse && (
        <p className="muted small" data-testid="send-unit-in-use" data-derived={unit === undefined}>
          {t('measure.insp.unitInUse', { unit: inUse })}{unit === undefined ? t('measure.insp.unitDerived') : ''}
        </p>
      )}
      {measured && (
        <dl className="insight-mini" data-testid="send-insight">
          <dt>{t('measure.analytics.impressions')}</dt><dd><InsightValue insight={insight} figure="impression" /></dd>
          <dt>{t('measure.analytics.uniqueOpens')}</dt><dd><InsightValue insight={insight} figure="uniqueImpression" /></dd>
        </dl>
      )}
      <InsightRefusal insight={insight} />
    </>
  );
}
