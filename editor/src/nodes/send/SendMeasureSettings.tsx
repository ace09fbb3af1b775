import { useTranslation } from 'react-i18next';
import { Field } from '../../inspector/controls.tsx';
import { InsightValue } from '../../measure/analytics/InsightTable.tsx';
import { useFlow } from '../../store/FlowStoreContext.tsx';

const UNIT = /^[a-zA-Z0-9_]{1,30}$/;

/** The send's LINE aggregation unit, and LINE's opens for it in the period once the scenario is published. */
export function SendMeasureSettings({ nodeId, unit, onChange }: { nodeId: string; unit: string | undefined; onChange: (unit: string | undefined) => void }) {
  const { t } = useTranslation();
  const insight = useFlow((s) => s.measures?.nodes[nodeId]?.insight);
  const measured = useFlow((s) => s.measures !== undefined);
  const bad = unit !== undefined && !UNIT.test(unit);
  return (
    <>
      <Field label={t('measure.insp.aggregationUnit')} hint={t('measure.insp.aggregationUnitHint')}>
        <input value={unit ?? ''} maxLength={30} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          aria-invalid={bad} data-testid="send-aggregation-unit" />
      </Field>
      {measured && (
        <dl className="insight-mini" data-testid="send-insight">
          <dt>{t('measure.analytics.impressions')}</dt><dd><InsightValue insight={insight} figure="impression" /></dd>
          <dt>{t('measure.analytics.uniqueOpens')}</dt><dd><InsightValue insight={insight} figure="uniqueImpression" /></dd>
        </dl>
      )}
    </>
  );
}
