import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';
import type { Tx } from './tx.ts';

/** A column of a bulk insert: its name, its PostgreSQL type and how to read it from a row. */
export interface BulkColumn<T> {
  name: string;
  type: 'uuid' | 'text' | 'int' | 'bigint' | 'jsonb' | 'timestamptz' | 'text[]' | 'int[]' | 'uuid[]';
  value: (row: T) => unknown;
}

/**
 * Inserts many rows with one statement and one parameter per column (`unnest` of arrays): the
 * statement stays small however many rows there are, where a VALUES list costs a parameter per
 * cell and a long time to build. `tail` follows the SELECT (ON CONFLICT …, RETURNING …); the rows
 * it returns are the result.
 */
export async function bulkInsert<T, R extends Record<string, unknown> = Record<string, unknown>>(
  tx: Tx, table: string, columns: Array<BulkColumn<T>>, rows: readonly T[], tail: SQL = sql``,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const arrays = columns.map((column) => {
    const values = rows.map((row) => {
      const value = column.value(row);
      if (value === null || value === undefined) return null;
      if (column.type === 'jsonb') return JSON.stringify(value);
      if (isArrayType(column.type)) return arrayLiteral(value as ReadonlyArray<string | number | null>);
      if (value instanceof Date) return value.toISOString();
      return value;
    });
    // An array column travels as one array literal per row: unnest would flatten an array of arrays.
    return sql`${sql.param(values)}::${sql.raw(isArrayType(column.type) ? 'text' : column.type)}[]`;
  });
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  const picks = sql.raw(columns.map((column, i) => (isArrayType(column.type) ? `c${i}::${column.type}` : `c${i}`)).join(', '));
  const aliases = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  const { rows: returned } = await tx.execute<R>(sql`
    insert into ${sql.identifier(table)} (${names}) select ${picks} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases}) ${tail}`);
  return returned as R[];
}

/**
 * The rows a `returning *` gave, as drizzle's own queries return them: keyed by property name,
 * each value through its column's mapping (timestamps to dates, bigints to numbers).
 */
export function asTableRows<T extends Table>(table: T, raw: ReadonlyArray<Record<string, unknown>>): Array<T['$inferSelect']> {
  const columns = Object.entries(getTableColumns(table));
  return raw.map((row) => Object.fromEntries(columns.map(([key, column]) => {
    const value = row[column.name];
    return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
  })) as T['$inferSelect']);
}

function isArrayType(type: BulkColumn<unknown>['type']): type is 'text[]' | 'int[]' | 'uuid[]' {
  return type.endsWith('[]');
}

/** A PostgreSQL array literal: every element quoted (backslash and quote escaped), null as NULL. */
function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${String(value).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}
