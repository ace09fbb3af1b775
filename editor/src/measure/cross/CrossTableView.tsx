import { useTranslation } from 'react-i18next';
import type { CrossBucket, CrossTable } from '@lsb/shared/api';
import { ChartFrame } from '../ChartFrame.tsx';
import { percent } from '../format.ts';

export type PercentBase = 'row' | 'column' | 'total';

/** A bucket's name: the catalogue's, or the built-in bucket's words. */
export function bucketLabel(t: (key: string) => string, bucket: CrossBucket): string {
  if (bucket.label) return bucket.label;
  return bucket.builtin ? t(`measure.cross.builtin.${bucket.builtin}`) : bucket.key;
}

export function cellShare(table: CrossTable, i: number, j: number, base: PercentBase): number {
  const count = table.cells[i]?.[j] ?? 0;
  const of = base === 'total' ? table.total : base === 'row' ? table.rows[i]?.count ?? 0 : table.columns[j]?.count ?? 0;
  return of > 0 ? count / of : 0;
}

/** The counts with the chosen percentage under each; a cell is a button that opens those friends. */
export function CrossTableView({ table, base, onOpen }: { table: CrossTable; base: PercentBase; onOpen: (row: CrossBucket, column: CrossBucket) => void }) {
  const { t } = useTranslation();
  const rows = table.rows.map((row, i) => ({ row, i }));
  return (
    <ChartFrame title={t('measure.cross.tableLabel')} note={t('measure.cross.total', { count: table.total })} label={t('measure.cross.tableLabel')}
      fileName="cross-analysis" rows={rows} testId="cross"
      columns={[
        { label: '', value: (r) => bucketLabel(t, r.row) },
        ...table.columns.flatMap((column, j) => [
          { label: bucketLabel(t, column), value: (r: { i: number }) => table.cells[r.i]?.[j] ?? 0 },
          { label: `${bucketLabel(t, column)}(%)`, value: (r: { i: number }) => percent(cellShare(table, r.i, j, base)) },
        ]),
        { label: t('measure.cross.rowTotal'), value: (r) => r.row.count },
      ]}>
      <table className="cross-table" data-testid="cross-table">
        <thead>
          <tr>
            <th />
            {table.columns.map((column) => <th key={column.key} scope="col">{bucketLabel(t, column)}</th>)}
            <th scope="col">{t('measure.cross.rowTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, i }) => (
            <tr key={row.key}>
              <th scope="row">{bucketLabel(t, row)}</th>
              {table.columns.map((column, j) => {
                const count = table.cells[i]?.[j] ?? 0;
                return (
                  <td key={column.key}>
                    <button type="button" onClick={() => onOpen(row, column)} data-testid="cross-cell" data-row={row.key} data-column={column.key} data-count={count}
                      title={t('measure.cross.cellTitle', { row: bucketLabel(t, row), column: bucketLabel(t, column), count })}>
                      {count}<span className="pct">{percent(cellShare(table, i, j, base))}%</span>
                    </button>
                  </td>
                );
              })}
              <td data-testid="cross-row-total">{row.count}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('measure.cross.rowTotal')}</th>
            {table.columns.map((column) => <td key={column.key} data-testid="cross-column-total">{column.count}</td>)}
            <td data-testid="cross-total">{table.total}</td>
          </tr>
        </tbody>
      </table>
    </ChartFrame>
  );
}
