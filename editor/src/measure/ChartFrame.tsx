import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText, toCsv, type CsvColumn } from './csv.ts';

/**
 * Every chart of the measurement screens sits in one of these: a title, a short note, the chart
 * (described for screen readers) and a button that downloads exactly the numbers drawn, as CSV.
 */
export function ChartFrame<Row>({ title, note, label, fileName, rows, columns, testId, children }: {
  title: string;
  note?: string;
  /** What the chart shows, in words (its accessible name). */
  label: string;
  /** Without `.csv`. */
  fileName: string;
  rows: readonly Row[];
  columns: readonly CsvColumn<Row>[];
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <figure className="card chart-frame" data-testid={testId}>
      <figcaption className="chart-frame-head">
        <h3>{title}</h3>
        <button type="button" onClick={() => downloadText(`${fileName}.csv`, toCsv(rows, columns))} disabled={rows.length === 0}
          data-testid={`${testId}-csv`} title={t('measure.csvHint')}>
          {t('measure.csv')}
        </button>
      </figcaption>
      {note && <p className="muted small">{note}</p>}
      {rows.length === 0
        ? <p className="muted" data-testid={`${testId}-empty`}>{t('measure.noData')}</p>
        : <div role="img" aria-label={label} className="chart-frame-body" data-testid={`${testId}-chart`}>{children}</div>}
    </figure>
  );
}
