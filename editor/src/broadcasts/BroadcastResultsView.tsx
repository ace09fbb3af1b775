import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { BROADCAST_SKIP_REASONS, type BroadcastSkipReason } from '@lsb/shared/api';
import { useLang } from '../i18n/useLang.ts';
import { formatTime } from '../simulator/friendTime.ts';
import type { BroadcastResults } from './BroadcastsApi.ts';

type Occurrence = BroadcastResults['occurrences'][number];
const COLOURS: Record<'delivered' | 'failed' | BroadcastSkipReason, string> = { delivered: '#06c755', failed: '#e5534b', blocked: '#8b949e', waiting_for_reply: '#d29922', over_cap: '#a371f7' };

/** Per occurrence: delivered, failed, skipped by reason as a chart and a table; LINE's refusals; tracked-link clicks. */
export function BroadcastResultsView({ results, timeZone, links }: {
  results: BroadcastResults;
  timeZone: string;
  links: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = (o: Occurrence) => {
    if (o.key === 'once') return t('bc.results.once');
    const [year = '', month = ''] = o.key.split('-');
    return t('bc.results.month', { year, month: lang === 'en' ? month : String(Number(month)) });
  };
  const series = results.occurrences.map((o) => ({
    name: label(o), delivered: o.delivered, failed: o.failed, ...o.skipped,
  }));
  const linkName = (id: string) => links.find((l) => l.id === id)?.name ?? t('bc.results.unknownLink');
  if (results.occurrences.length === 0) return <p className="muted" data-testid="bc-results-none">{t('bc.results.none')}</p>;
  return (
    <section className="card bc-results" data-testid="bc-results">
      <h3>{t('bc.results.title')}</h3>
      <div role="img" aria-label={t('bc.results.chart')} data-testid="bc-results-chart">
        <BarChart width={640} height={220} data={series} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="delivered" stackId="a" name={t('bc.results.delivered')} fill={COLOURS.delivered} />
          <Bar dataKey="failed" stackId="a" name={t('bc.results.failed')} fill={COLOURS.failed} />
          {BROADCAST_SKIP_REASONS.map((r) => <Bar key={r} dataKey={r} stackId="a" name={t(`bc.results.${r}`)} fill={COLOURS[r]} />)}
        </BarChart>
      </div>
      <table className="report-table" data-testid="bc-results-table">
        <thead>
          <tr>
            <th />
            <th className="num">{t('bc.results.recipients')}</th>
            <th className="num">{t('bc.results.delivered')}</th>
            <th className="num">{t('bc.results.failed')}</th>
            {BROADCAST_SKIP_REASONS.map((r) => <th key={r} className="num">{t(`bc.results.${r}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {results.occurrences.map((o) => (
            <tr key={o.id} data-testid="bc-results-row" data-key={o.key}>
              <td>
                {label(o)}
                <div className="muted small">
                  {t('bc.results.started', { at: formatTime(o.startedAt, timeZone, lang) })}
                  {o.finishedAt && <> · {t('bc.results.finished', { at: formatTime(o.finishedAt, timeZone, lang) })}</>}
                </div>
              </td>
              <td className="num" data-testid="bc-results-recipients">{o.recipients.toLocaleString()}</td>
              <td className="num" data-testid="bc-results-delivered">{o.delivered.toLocaleString()}</td>
              <td className="num" data-testid="bc-results-failed">{o.failed.toLocaleString()}</td>
              {BROADCAST_SKIP_REASONS.map((r) => <td key={r} className="num" data-testid={`bc-results-${r}`}>{o.skipped[r].toLocaleString()}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {results.occurrences.map((o) => (
        <div key={o.id} className="bc-occurrence-detail" data-testid="bc-occurrence-detail" data-key={o.key}>
          {results.occurrences.length > 1 && <h4>{label(o)}</h4>}
          <h4>{t('bc.results.failures')}</h4>
          {o.failures.length === 0
            ? <p className="muted small" data-testid="bc-no-failures">{t('bc.results.noFailures')}</p>
            : (
              <table className="report-table" data-testid="bc-failures">
                <thead><tr><th>{t('bc.results.httpStatus')}</th><th>{t('bc.results.reason')}</th><th className="num">{t('bc.results.count')}</th></tr></thead>
                <tbody>
                  {o.failures.map((f, i) => (
                    <tr key={i} data-testid="bc-failure-row"><td>{f.status}</td><td>{f.reason}</td><td className="num">{f.count.toLocaleString()}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          <h4>{t('bc.results.clicks')}</h4>
          {o.clicks.length === 0
            ? <p className="muted small" data-testid="bc-no-clicks">{t('bc.results.noClicks')}</p>
            : (
              <>
                <div role="img" aria-label={t('bc.results.clicksChart')} data-testid="bc-clicks-chart">
                  <BarChart width={640} height={Math.max(120, 40 * o.clicks.length)} layout="vertical" data={o.clicks.map((c) => ({ ...c, name: linkName(c.linkId) }))} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={160} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="clicks" name={t('bc.results.clickCount')} fill="#1f6feb" />
                    <Bar dataKey="friends" name={t('bc.results.clickFriends')} fill="#06c755" />
                  </BarChart>
                </div>
                <table className="report-table" data-testid="bc-clicks">
                  <thead><tr><th>{t('bc.results.link')}</th><th className="num">{t('bc.results.clickCount')}</th><th className="num">{t('bc.results.clickFriends')}</th></tr></thead>
                  <tbody>
                    {o.clicks.map((c) => (
                      <tr key={c.linkId} data-testid="bc-click-row"><td>{linkName(c.linkId)}</td><td className="num">{c.clicks.toLocaleString()}</td><td className="num">{c.friends.toLocaleString()}</td></tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
        </div>
      ))}
    </section>
  );
}
