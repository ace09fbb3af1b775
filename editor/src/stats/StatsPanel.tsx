import '../measure/measure.css';
import { useTranslation } from 'react-i18next';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { DateRangePicker } from '../measure/DateRange.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';

/** The side panel's 統計 section: the days the cards count, and the way to the analytics page. */
export function StatsPanel() {
  const { t } = useTranslation();
  const { ws, scenarioId, timeZone } = useEditorEnv();
  const published = useFlow((s) => s.scenario?.publishedVersion != null);
  const chosen = useFlow((s) => s.measureRange);
  const answered = useFlow((s) => s.measures);
  const setRange = useFlow((s) => s.setMeasureRange);
  const range = chosen ?? (answered ? { from: answered.from, to: answered.to } : undefined);
  return (
    <section className="stats-panel" data-testid="stats-panel">
      <h3>{t('measure.canvas.title')}</h3>
      {!published && <p className="muted small">{t('measure.canvas.unpublished')}</p>}
      {published && (
        <>
          <p className="muted small">{t('measure.canvas.intro')}</p>
          {range && <DateRangePicker value={range} onChange={setRange} timeZone={timeZone} testId="stats-range" />}
          <Link to={paths.analytics(ws, scenarioId)} data-testid="open-analytics">{t('measure.canvas.analytics')} →</Link>
        </>
      )}
    </section>
  );
}
