import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource.ts';
import { useLang } from '../../i18n/useLang.ts';
import { DailyChart } from '../analytics/DailyChart.tsx';
import { InsightTable } from '../analytics/InsightTable.tsx';
import { useMeasureApi } from '../api.ts';
import { formatCount, formatYen } from '../format.ts';
import { MeasureError } from '../MeasureError.tsx';
import '../measure.css';

/**
 * A broadcast's results in the same measures as a scenario's send step: sent, failed, unique
 * clicks, conversions and their value, LINE's opens (or why they are hidden), and the days.
 * The broadcast page mounts it under its delivery results.
 */
export function BroadcastMeasureView({ ws, broadcastId }: { ws: string; broadcastId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useMeasureApi();
  const measure = useResource(`bc-measure/${ws}/${broadcastId}`, () => api.broadcastMeasure(ws, broadcastId));
  const m = measure.data;
  return (
    <section className="measure-grid" data-testid="broadcast-measure">
      {measure.error !== undefined && <MeasureError error={measure.error} section="conv" onRetry={measure.reload} />}
      {m && (
        <>
          <dl className="card measure-figures" data-testid="broadcast-figures">
            <dt>{t('measure.analytics.sent')}</dt><dd data-testid="bc-measure-sent">{formatCount(m.sent, lang)}</dd>
            <dt>{t('measure.broadcast.failed')}</dt><dd data-testid="bc-measure-failed">{formatCount(m.failed, lang)}</dd>
            <dt>{t('measure.analytics.clicks')}</dt><dd data-testid="bc-measure-clicks">{formatCount(m.uniqueClicks, lang)}</dd>
            <dt>{t('measure.analytics.conversions')}</dt><dd data-testid="bc-measure-conversions">{formatCount(m.conversions, lang)}</dd>
            <dt>{t('measure.analytics.conversionValue')}</dt><dd data-testid="bc-measure-value">{formatYen(m.conversionValue, lang)}</dd>
          </dl>
          <InsightTable rows={[{ id: m.broadcastId, name: t('measure.broadcast.name'), insight: m.insight ?? undefined }]} fileName="broadcast-line-opens" />
          <DailyChart days={m.daily} fileName="broadcast-daily" />
        </>
      )}
    </section>
  );
}
