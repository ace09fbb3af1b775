import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { ErrorMessage } from '../../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../../shell/workspaces.ts';
import { useMeasureApi } from '../api.ts';
import { DateRangePicker, type DayRange } from '../DateRange.tsx';
import { DailyChart } from './DailyChart.tsx';
import { FunnelChart } from './FunnelChart.tsx';
import { InsightTable } from './InsightTable.tsx';
import { RoutesChart } from './RoutesChart.tsx';
import { SplitComparisonView } from './SplitComparisonView.tsx';
import { useScenarioNames } from './useScenarioNames.ts';
import '../measure.css';

/**
 * A scenario's analytics for a period: the funnel along its path, sends/clicks/conversions per day,
 * the inflow-route breakdown, every random split as an A/B test, and LINE's opens per send step.
 */
export function AnalyticsPage({ ws, scenarioId }: { ws: string; scenarioId: string }) {
  const { t } = useTranslation();
  const api = useMeasureApi();
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const names = useScenarioNames(ws, scenarioId);
  // Unset until the marketer picks days: the runtime then answers for the last 30 days of the zone.
  const [range, setRange] = useState<Partial<DayRange>>({});
  const key = `${ws}/${scenarioId}/${range.from ?? ''}/${range.to ?? ''}`;
  const analytics = useResource(`a/${key}`, () => api.analytics(ws, scenarioId, range));
  const measures = useResource(`m/${key}`, () => api.nodeMeasures(ws, scenarioId, range));
  const data = analytics.data;
  const shown = data ? { from: range.from ?? data.from, to: range.to ?? data.to } : undefined;
  const reload = () => { analytics.reload(); measures.reload(); };

  const sendRows = (names.graph?.nodes ?? []).filter((n) => n.type === 'send')
    .map((n) => ({ id: n.id, name: names.nodeName(n.id), insight: measures.data?.nodes[n.id]?.insight }));

  return (
    <section className="page measure-page" data-testid="analytics-page">
      <Link to={paths.scenario(ws, scenarioId)} className="muted small" data-testid="back-to-canvas">← {t('measure.analytics.back')}</Link>
      <h2>{t('measure.analytics.title', { name: names.name ?? '' })}</h2>
      {shown && <DateRangePicker value={shown} onChange={setRange} timeZone={timeZone} testId="analytics-range" />}
      {analytics.loading && <p className="muted small" aria-live="polite" data-testid="analytics-loading">{t('measure.loading')}</p>}
      {analytics.error !== undefined && <ErrorMessage error={analytics.error} onRetry={reload} />}
      {names.error !== undefined && <ErrorMessage error={names.error} onRetry={names.reload} />}
      {data && (
        <div className="measure-grid" data-testid="analytics-body" data-from={data.from} data-to={data.to}>
          <FunnelChart steps={data.funnel} nodeName={names.nodeName} />
          <DailyChart days={data.daily} />
          <RoutesChart routes={data.routes} />
          {data.splits.length === 0 && <p className="muted card" data-testid="no-splits">{t('measure.analytics.noSplits')}</p>}
          {data.splits.map((split) => (
            <SplitComparisonView key={split.nodeId} ws={ws} split={split} title={names.nodeName(split.nodeId)} node={names.node(split.nodeId)}
              onChooseWinner={async (branchId) => { await api.chooseWinner(ws, scenarioId, split.nodeId, branchId); reload(); }}
              onClearWinner={async () => { await api.clearWinner(ws, scenarioId, split.nodeId); reload(); }} />
          ))}
          {sendRows.length === 0 ? <p className="muted card">{t('measure.analytics.noSends')}</p> : <InsightTable rows={sendRows} />}
        </div>
      )}
    </section>
  );
}
