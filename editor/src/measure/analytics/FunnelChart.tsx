import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { FunnelStep } from '@lsb/shared/api';
import { ChartFrame } from '../ChartFrame.tsx';
import { percent } from '../format.ts';

/** Friends reaching each step along the flow, as horizontal bars labelled with their share. */
export function FunnelChart({ steps, nodeName }: { steps: FunnelStep[]; nodeName: (id: string) => string }) {
  const { t } = useTranslation();
  const rows = steps.map((s) => ({ ...s, name: nodeName(s.nodeId), label: `${s.friends} (${percent(s.share)}%)` }));
  return (
    <ChartFrame title={t('measure.analytics.funnel')} note={t('measure.analytics.funnelNote')} label={t('measure.analytics.funnelLabel')}
      fileName="funnel" rows={rows} testId="funnel"
      columns={[
        { label: t('measure.analytics.step'), value: (r) => r.name },
        { label: 'node_id', value: (r) => r.nodeId },
        { label: t('measure.analytics.friends'), value: (r) => r.friends },
        { label: `${t('measure.analytics.share')}(%)`, value: (r) => percent(r.share) },
      ]}>
      <BarChart layout="vertical" width={720} height={Math.max(120, rows.length * 34 + 40)} data={rows} margin={{ top: 8, right: 80, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="friends" name={t('measure.analytics.friends')} fill="#06c755" isAnimationActive={false}>
          <LabelList dataKey="label" position="right" />
        </Bar>
      </BarChart>
      <ol className="sr-only" data-testid="funnel-steps">
        {rows.map((r) => <li key={r.nodeId} data-node-id={r.nodeId} data-friends={r.friends}>{r.name}: {r.label}</li>)}
      </ol>
    </ChartFrame>
  );
}
