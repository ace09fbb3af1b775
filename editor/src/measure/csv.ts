import Papa from 'papaparse';

export interface CsvColumn<Row> {
  /** The header as people read it (already translated). */
  label: string;
  value: (row: Row) => string | number | null | undefined;
}

/**
 * The rows as CSV text: a header of the columns' labels, one line per row, CRLF line ends and a
 * byte-order mark, so Excel opens Japanese headers as UTF-8 instead of garbling them as Shift_JIS.
 */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const data = rows.map((row) => columns.map((column) => {
    const value = column.value(row);
    return value === null || value === undefined ? '' : value;
  }));
  return `\uFEFF${Papa.unparse({ fields: columns.map((c) => c.label), data }, { newline: '\r\n', escapeFormulae: true })}\r\n`;
}

/** Hands the text to the browser as a file download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
