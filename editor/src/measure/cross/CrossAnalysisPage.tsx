import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrossBucket, CrossTable } from '@lsb/shared/api';
import { useResource } from '../../api/useResource.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { navigate } from '../../routing/router.ts';
import { useMeasureApi } from '../api.ts';
import { friendsFilteredBy } from '../friendsLink.ts';
import { MeasureError } from '../MeasureError.tsx';
import { bucketLabel, CrossTableView, type PercentBase } from './CrossTableView.tsx';
import { DimensionPicker, toDimension, type DraftDimension } from './DimensionPicker.tsx';
import '../measure.css';

/** クロス分析: friends counted by one dimension against another; a cell opens those friends. */
export function CrossAnalysisPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useMeasureApi();
  const catalogue = useCatalogue(ws);
  const points = useResource(`points/${ws}`, () => api.listPoints(ws));
  const [rows, setRows] = useState<DraftDimension>({ kind: 'inflowRoute' });
  const [columns, setColumns] = useState<DraftDimension>({ kind: 'conversion', pointIds: [] });
  const [base, setBase] = useState<PercentBase>('row');
  const [table, setTable] = useState<CrossTable>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState<string>();

  const run = () => {
    const r = toDimension(rows);
    const c = toDimension(columns);
    if (typeof r === 'string' || typeof c === 'string') return setProblem((r === 'needTags' || c === 'needTags') ? t('measure.cross.needTags') : t('measure.cross.needField'));
    setProblem(undefined);
    setBusy(true);
    setError(undefined);
    api.cross(ws, { rows: r, columns: c }).then(setTable, setError).finally(() => setBusy(false));
  };
  const open = (row: CrossBucket, column: CrossBucket) => {
    const condition = { kind: 'and', conditions: [row.condition, column.condition] };
    navigate(friendsFilteredBy(ws, condition, `${bucketLabel(t, row)} × ${bucketLabel(t, column)}`));
  };

  return (
    <section className="page measure-page" data-testid="cross-page">
      <h2>{t('measure.cross.title')}</h2>
      <p className="muted">{t('measure.cross.intro')}</p>
      {catalogue.error !== undefined && <MeasureError error={catalogue.error} section="cross" onRetry={catalogue.reload} />}
      <div className="row" style={{ alignItems: 'flex-start', gap: 12, flexWrap: 'wrap' }}>
        <DimensionPicker side="rows" value={rows} onChange={setRows} catalogue={catalogue.data} points={points.data?.points ?? []} />
        <DimensionPicker side="columns" value={columns} onChange={setColumns} catalogue={catalogue.data} points={points.data?.points ?? []} />
      </div>
      <div className="row" style={{ gap: 12, alignItems: 'center', margin: '8px 0' }}>
        <button type="button" className="primary" onClick={run} disabled={busy} data-testid="cross-run">{busy ? t('measure.loading') : t('measure.cross.run')}</button>
        <span role="radiogroup" aria-label={t('measure.cross.percentOf')}>
          {t('measure.cross.percentOf')}:{' '}
          {(['row', 'column', 'total'] as const).map((b) => (
            <label key={b} className="check">
              <input type="radio" name="cross-base" checked={base === b} onChange={() => setBase(b)} data-testid={`cross-base-${b}`} />
              {t(`measure.cross.percent.${b}`)}
            </label>
          ))}
        </span>
      </div>
      {problem && <p className="error" data-testid="cross-problem">{problem}</p>}
      {error !== undefined && <MeasureError error={error} section="cross" />}
      {table && <CrossTableView table={table} base={base} onOpen={open} />}
    </section>
  );
}
