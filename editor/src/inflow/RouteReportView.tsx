import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouteReport } from '@lsb/shared/api';
import { downloadText, toCsv } from '../measure/csv.ts';

interface Props {
  report: RouteReport | undefined;
  range: { from: string; to: string };
  onRange: (range: { from: string; to: string }) => void;
}

const ALL = '';

interface CsvRow { route: string; date: string; added: number; blocked: number; converted: number | null }

/**
 * Friends added, blocked and converted per day as a chart (one route or all), per route as a table,
 * and per route and day as CSV. A route's total of converted friends counts each friend once in the
 * period, so it may be less than its days added up (the note says so).
 */
export function RouteReportView({ report, range, onRange }: Props) {
  const { t } = useTranslation();
  const [routeId, setRouteId] = useState(ALL);
  const series = useMemo(() => {
    if (!report) return [];
    const chosen = report.routes.filter((route) => routeId === ALL || route.routeId === routeId);
    const dates = report.routes[0]?.days.map((day) => day.date) ?? [];
    return dates.map((date, index) => ({
      date: date.slice(5),
      added: chosen.reduce((n, route) => n + (route.days[index]?.added ?? 0), 0),
      blocked: chosen.reduce((n, route) => n + (route.days[index]?.blocked ?? 0), 0),
      converted: chosen.reduce((n, route) => n + (route.days[index]?.converted ?? 0), 0),
    }));
  }, [report, routeId]);
  const csvRows = useMemo<CsvRow[]>(() => (report?.routes ?? [])
    .filter((route) => routeId === ALL || route.routeId === routeId)
    .flatMap((route) => route.days.map((day) => ({
      route: `${route.name}${route.deleted ? t('inflow.deleted') : ''}`, date: day.date, added: day.added, blocked: day.blocked, converted: day.converted,
    }))), [report, routeId, t]);
  const downloadCsv = () => downloadText(`inflow-routes-${range.from}_${range.to}.csv`, toCsv(csvRows, [
    { label: t('inflow.route'), value: (r) => r.route },
    { label: t('inflow.date'), value: (r) => r.date },
    { label: t('inflow.added'), value: (r) => r.added },
    { label: t('inflow.blocked'), value: (r) => r.blocked },
    { label: t('inflow.converted'), value: (r) => r.converted ?? t('inflow.notYet') },
  ]));

  return (
    <section className="card route-report" data-testid="route-report">
      <h3>{t('inflow.report')}</h3>
      <p className="muted small">{t('inflow.reportIntro')}</p>
      <div className="row">
        <label>{t('inflow.from')} <input type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && onRange({ ...range, from: e.target.value })} data-testid="report-from" /></label>
        <label>{t('inflow.to')} <input type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && onRange({ ...range, to: e.target.value })} data-testid="report-to" /></label>
        <label>
          {t('inflow.route')}
          <select value={routeId} onChange={(e) => setRouteId(e.target.value)} data-testid="report-route">
            <option value={ALL}>{t('inflow.allRoutes')}</option>
            {report?.routes.map((route) => <option key={route.routeId} value={route.routeId}>{route.name}{route.deleted ? t('inflow.deleted') : ''}</option>)}
          </select>
        </label>
        <button type="button" onClick={downloadCsv} disabled={csvRows.length === 0} title={t('inflow.csvHint')} data-testid="report-csv">{t('inflow.csv')}</button>
      </div>
      <div role="img" aria-label={t('inflow.chartLabel')} data-testid="report-chart">
        <BarChart width={640} height={220} data={series} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="added" name={t('inflow.added')} fill="#06c755" />
          <Bar dataKey="blocked" name={t('inflow.blocked')} fill="#e5534b" />
          {report?.conversionsAvailable && <Bar dataKey="converted" name={t('inflow.converted')} fill="#3f6fc4" />}
        </BarChart>
      </div>
      {report && <p className="muted small" data-testid="report-conversions-note">{t(report.conversionsAvailable ? 'inflow.convertedNote' : 'inflow.conversionsNotYet')}</p>}
      <table className="report-table" data-testid="report-table">
        <thead>
          <tr><th>{t('inflow.route')}</th><th>{t('inflow.added')}</th><th>{t('inflow.blocked')}</th><th>{t('inflow.converted')}</th></tr>
        </thead>
        <tbody>
          {report?.routes.length === 0 && <tr><td colSpan={4} className="muted">{t('inflow.noData')}</td></tr>}
          {report?.routes.map((route) => (
            <tr key={route.routeId} data-testid="report-row" data-route-id={route.routeId}>
              <td>{route.name}{route.deleted ? t('inflow.deleted') : ''}</td>
              <td data-testid="report-added">{route.totals.added}</td>
              <td data-testid="report-blocked">{route.totals.blocked}</td>
              <td data-testid="report-converted" className={route.totals.converted === null ? 'muted' : undefined}>{route.totals.converted ?? t('inflow.notYet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
