import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouteMeasure } from '@lsb/shared/api';
import { ChartFrame } from '../ChartFrame.tsx';
import { percent } from '../format.ts';

/** Friends who entered the scenario per inflow route: how many, how many blocked since, how many converted. */
export function RoutesChart({ routes }: { routes: RouteMeasure[] }) {
  const { t } = useTranslation();
  const rows = routes.map((r) => ({ ...r, label: r.routeId === null ? t('measure.analytics.noRoute') : r.name, rate: r.added ? r.converted / r.added : 0 }));
  return (
    <ChartFrame title={t('measure.analytics.routes')} note={t('measure.analytics.routesNote')} label={t('measure.analytics.routesLabel')}
      fileName="inflow-routes" rows={rows} testId="routes"
      columns={[
        { label: t('measure.analytics.route'), value: (r) => r.label },
        { label: t('measure.analytics.added'), value: (r) => r.added },
        { label: t('measure.analytics.blocked'), value: (r) => r.blocked },
        { label: t('measure.analytics.converted'), value: (r) => r.converted },
        { label: `${t('measure.analytics.conversionRateCol')}(%)`, value: (r) => percent(r.rate) },
      ]}>
      <BarChart width={720} height={220} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="added" name={t('measure.analytics.added')} fill="#06c755" isAnimationActive={false} />
        <Bar dataKey="blocked" name={t('measure.analytics.blocked')} fill="#e5534b" isAnimationActive={false} />
        <Bar dataKey="converted" name={t('measure.analytics.converted')} fill="#e08a00" isAnimationActive={false} />
      </BarChart>
      <table className="report-table" data-testid="routes-table">
        <thead><tr><th>{t('measure.analytics.route')}</th><th>{t('measure.analytics.added')}</th><th>{t('measure.analytics.blocked')}</th><th>{t('measure.analytics.converted')}</th><th>{t('measure.analytics.conversionRateCol')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.routeId ?? 'none'} data-testid="routes-row">
              <td>{r.label}</td><td>{r.added}</td><td>{r.blocked}</td><td>{r.converted}</td><td>{percent(r.rate)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFrame>
  );
}
