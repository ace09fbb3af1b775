import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyMeasure } from '@lsb/shared/api';
import { ChartFrame } from '../ChartFrame.tsx';

/** Sends, unique clicks and conversions per day of the period (one file for a scenario or a broadcast). */
export function DailyChart({ days, fileName = 'daily' }: { days: DailyMeasure[]; fileName?: string }) {
  const { t } = useTranslation();
  const rows = days.map((d) => ({ ...d, day: d.date.slice(5) }));
  return (
    <ChartFrame title={t('measure.analytics.daily')} label={t('measure.analytics.dailyLabel')} fileName={fileName} rows={rows} testId="daily"
      columns={[
        { label: t('measure.analytics.date'), value: (r) => r.date },
        { label: t('measure.analytics.sent'), value: (r) => r.sent },
        { label: t('measure.analytics.clicks'), value: (r) => r.uniqueClicks },
        { label: t('measure.analytics.conversions'), value: (r) => r.conversions },
        { label: t('measure.analytics.conversionValue'), value: (r) => r.conversionValue },
      ]}>
      <LineChart width={720} height={240} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="sent" name={t('measure.analytics.sent')} stroke="#06c755" isAnimationActive={false} />
        <Line type="monotone" dataKey="uniqueClicks" name={t('measure.analytics.clicks')} stroke="#3f6fc4" isAnimationActive={false} />
        <Line type="monotone" dataKey="conversions" name={t('measure.analytics.conversions')} stroke="#e08a00" isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
