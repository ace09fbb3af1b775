import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { SplitComparison } from '@lsb/shared/api';
import { usePermission } from '../../accounts/usePermission.ts';
import type { FlowNode } from '../../flow/language.ts';
import { useLang } from '../../i18n/useLang.ts';
import { ErrorMessage } from '../../shell/ErrorMessage.tsx';
import { ChartFrame } from '../ChartFrame.tsx';
import { formatYen, percent } from '../format.ts';
import { verdictText } from './verdict.ts';

const pct = (x: number) => Math.round(x * 1000) / 10;

/**
 * One random split as an A/B test: each variant's friends, click and conversion rates with their
 * 95% intervals (drawn as error bars), the verdict in words, the winner and how it is decided.
 */
export function SplitComparisonView({ ws, split, title, node, onChooseWinner, onClearWinner }: {
  ws: string;
  split: SplitComparison;
  title: string;
  node: FlowNode | undefined;
  onChooseWinner: (branchId: string) => Promise<void>;
  onClearWinner: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const publish = usePermission(ws, 'publish');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const act = (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    work().catch(setError).finally(() => setBusy(false));
  };
  const rows = split.variants.map((v) => ({
    ...v,
    click: pct(v.clickRate.rate),
    clickErr: [pct(v.clickRate.rate - v.clickRate.low), pct(v.clickRate.high - v.clickRate.rate)],
    conversion: pct(v.conversionRate.rate),
    conversionErr: [pct(v.conversionRate.rate - v.conversionRate.low), pct(v.conversionRate.high - v.conversionRate.rate)],
  }));
  const winner = split.winner ? split.variants.find((v) => v.branchId === split.winner?.branchId) : undefined;
  const auto = node?.type === 'randomSplit' ? node.data.autoWinner : undefined;
  const when = auto ? [
    auto.afterHours !== undefined ? t('measure.analytics.afterHours', { hours: auto.afterHours }) : undefined,
    auto.afterFriends !== undefined ? t('measure.analytics.afterFriends', { friends: auto.afterFriends }) : undefined,
  ].filter(Boolean).join(` ${t('measure.analytics.or')} `) : '';

  return (
    <ChartFrame title={t('measure.analytics.ab', { label: title })} note={t('measure.analytics.abNote')} label={t('measure.analytics.abLabel')}
      fileName={`ab-${split.nodeId}`} rows={rows} testId={`split-${split.nodeId}`}
      columns={[
        { label: t('measure.analytics.variant'), value: (r) => r.label },
        { label: `${t('measure.analytics.weight')}(%)`, value: (r) => r.weight },
        { label: t('measure.analytics.friends'), value: (r) => r.friends },
        { label: `${t('measure.analytics.clickRate')}(%)`, value: (r) => r.click },
        { label: t('measure.analytics.clickRateLow'), value: (r) => pct(r.clickRate.low) },
        { label: t('measure.analytics.clickRateHigh'), value: (r) => pct(r.clickRate.high) },
        { label: `${t('measure.analytics.conversionRate')}(%)`, value: (r) => r.conversion },
        { label: t('measure.analytics.conversionRateLow'), value: (r) => pct(r.conversionRate.low) },
        { label: t('measure.analytics.conversionRateHigh'), value: (r) => pct(r.conversionRate.high) },
        { label: t('measure.analytics.conversionValue'), value: (r) => r.conversionValue },
      ]}>
      <BarChart width={720} height={240} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis unit="%" domain={[0, 'auto']} />
        <Tooltip />
        <Legend />
        <Bar dataKey="click" name={t('measure.analytics.clickRate')} fill="#3f6fc4" isAnimationActive={false}>
          <ErrorBar dataKey="clickErr" width={6} stroke="#1b2b4a" />
        </Bar>
        <Bar dataKey="conversion" name={t('measure.analytics.conversionRate')} fill="#e08a00" isAnimationActive={false}>
          <ErrorBar dataKey="conversionErr" width={6} stroke="#5a3700" />
        </Bar>
      </BarChart>
      <table className="report-table" data-testid="split-table">
        <thead>
          <tr>
            <th>{t('measure.analytics.variant')}</th><th>{t('measure.analytics.weight')}</th><th>{t('measure.analytics.friends')}</th>
            <th>{t('measure.analytics.clickRate')}</th><th>{t('measure.analytics.conversionRate')}</th><th>{t('measure.analytics.conversionValue')}</th><th />
          </tr>
        </thead>
        <tbody>
          {split.variants.map((v) => (
            <tr key={v.branchId} data-testid="split-variant" data-branch-id={v.branchId}>
              <td>{v.label}{winner?.branchId === v.branchId ? ' 🏆' : ''}</td>
              <td>{v.weight}%</td>
              <td data-testid="variant-friends">{v.friends}</td>
              <td data-testid="variant-click-rate">
                {percent(v.clickRate.rate)}% <span className="muted small">({v.clickRate.successes}/{v.clickRate.trials}, {t('measure.analytics.interval', { low: percent(v.clickRate.low), high: percent(v.clickRate.high) })})</span>
              </td>
              <td data-testid="variant-conversion-rate">
                {percent(v.conversionRate.rate)}% <span className="muted small">({v.conversionRate.successes}/{v.conversionRate.trials}, {t('measure.analytics.interval', { low: percent(v.conversionRate.low), high: percent(v.conversionRate.high) })})</span>
              </td>
              <td>{formatYen(v.conversionValue, lang)}</td>
              <td>
                {!split.winner && (
                  <button type="button" className="small-button" disabled={busy || !publish.allowed} title={publish.reason}
                    onClick={() => act(() => onChooseWinner(v.branchId))} data-testid="choose-winner">
                    {t('measure.analytics.chooseWinner')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="verdicts" data-testid="split-verdicts">
        <li data-testid="verdict-click" data-significant={split.clickTest?.significant ?? 'none'}>{verdictText(t, split, 'click')}</li>
        <li data-testid="verdict-conversion" data-significant={split.conversionTest?.significant ?? 'none'}>{verdictText(t, split, 'conversion')}</li>
      </ul>
      {split.winner && (
        <p className="info-banner" data-testid="split-winner" data-branch-id={split.winner.branchId}>
          {t('measure.analytics.winner', {
            label: winner?.label ?? split.winner.branchId, by: t(`measure.analytics.winnerBy.${split.winner.by}`),
            at: new Date(split.winner.decidedAt).toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP'),
          })}
          {' '}
          <button type="button" className="small-button" disabled={busy || !publish.allowed} title={publish.reason} onClick={() => act(onClearWinner)} data-testid="clear-winner">
            {t('measure.analytics.clearWinner')}
          </button>
        </p>
      )}
      <p className="muted small" data-testid="split-auto-rule">
        {auto
          ? t('measure.analytics.autoRule', { rule: t('measure.analytics.autoRuleText', { metric: t(`measure.analytics.verdict.${auto.metric}`), when }) })
          : t('measure.analytics.autoNone')}
      </p>
      {error !== undefined && <ErrorMessage error={error} />}
    </ChartFrame>
  );
}
