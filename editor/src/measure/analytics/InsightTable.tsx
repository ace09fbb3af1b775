import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightMeasure } from '@lsb/shared/api';
import { useLang } from '../../i18n/useLang.ts';
import { ChartFrame } from '../ChartFrame.tsx';

export interface InsightRow { id: string; name: string; insight: InsightMeasure | undefined }

type Figure = 'impression' | 'uniqueImpression' | 'uniqueClick';

/** One of LINE's figures, or why it is missing: withheld below LINE's privacy threshold, or not fetched yet. */
export function InsightValue({ insight, figure }: { insight: InsightMeasure | undefined; figure: Figure }) {
  const { t } = useTranslation();
  if (!insight?.fetchedAt) return <span className="muted" data-testid={`insight-${figure}`} data-state="notFetched">{t('measure.analytics.notFetched')}</span>;
  const value = insight[figure];
  if (value === null || insight.withheld.includes(figure)) {
    return <span className="muted" data-testid={`insight-${figure}`} data-state="withheld" title={t('measure.analytics.withheld')}>{t('measure.analytics.withheld')}</span>;
  }
  return <span data-testid={`insight-${figure}`} data-state="shown">{value}</span>;
}

/** Why LINE counts fewer (or none) of these messages: it refused their unit, and they went without it. */
export function InsightRefusal({ insight }: { insight: InsightMeasure | undefined }) {
  const { t } = useTranslation();
  if (!insight?.refusal) return null;
  return <p className="muted small" data-testid="insight-refusal" data-refusal={insight.refusal}>{insight.refusal === 'limit' ? t('measure.analytics.refusal.limit') : t('measure.analytics.refusal.unavailable')}</p>;
}

/** Opens from LINE (insight API) per send step or broadcast; withheld figures are said to be withheld, never drawn as 0. */
export function InsightTable({ rows, fileName = 'line-opens' }: { rows: InsightRow[]; fileName?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const shown = (insight: InsightMeasure | undefined, figure: Figure) =>
    insight?.fetchedAt && !insight.withheld.includes(figure) ? insight[figure] : null;
  const csvValue = (insight: InsightMeasure | undefined, figure: Figure) =>
    !insight?.fetchedAt ? t('measure.analytics.notFetched') : shown(insight, figure) ?? t('measure.analytics.withheld');
  const chart = rows.map((r) => ({ name: r.name, impression: shown(r.insight, 'impression'), uniqueImpression: shown(r.insight, 'uniqueImpression') }));
  return (
    <ChartFrame title={t('measure.analytics.insight')} note={t('measure.analytics.insightNote')} label={t('measure.analytics.insightLabel')}
      fileName={fileName} rows={rows} testId="insight"
      columns={[
        { label: t('measure.analytics.node'), value: (r) => r.name },
        { label: t('measure.analytics.unit'), value: (r) => r.insight?.unit ?? '' },
        { label: t('measure.analytics.impressions'), value: (r) => csvValue(r.insight, 'impression') },
        { label: t('measure.analytics.uniqueOpens'), value: (r) => csvValue(r.insight, 'uniqueImpression') },
        { label: t('measure.analytics.uniqueClicks'), value: (r) => csvValue(r.insight, 'uniqueClick') },
      ]}>
      <BarChart width={720} height={200} data={chart} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="impression" name={t('measure.analytics.impressions')} fill="#06c755" isAnimationActive={false} />
        <Bar dataKey="uniqueImpression" name={t('measure.analytics.uniqueOpens')} fill="#3f6fc4" isAnimationActive={false} />
      </BarChart>
      <table className="report-table" data-testid="insight-table">
        <thead>
          <tr><th>{t('measure.analytics.node')}</th><th>{t('measure.analytics.impressions')}</th><th>{t('measure.analytics.uniqueOpens')}</th><th>{t('measure.analytics.uniqueClicks')}</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="insight-row" data-id={r.id}>
              <td>{r.name}</td>
              <td><InsightValue insight={r.insight} figure="impression" /></td>
              <td><InsightValue insight={r.insight} figure="uniqueImpression" /></td>
              <td><InsightValue insight={r.insight} figure="uniqueClick" /></td>
              <td className="muted small">
                {r.insight?.fetchedAt ? t('measure.analytics.fetchedAt', { at: new Date(r.insight.fetchedAt).toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP') }) : ''}
                <InsightRefusal insight={r.insight} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFrame>
  );
}
