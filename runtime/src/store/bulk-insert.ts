import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from './tx.ts';

/** A column of a bulk insert: its name, its PostgreSQL type and how to read it from a row. */
export interface BulkColumn<T> {
  name: string;
  type: 'uuid' | 'text' | 'int' | 'bigint' | 'jsonb' | 'timestamptz';
  value: (row: T) => unknown;
}

/**
 * Inserts many rows with one statement and one parameter per column (`unnest` of arrays): the
 * statement stays small however many rows there are, where a VALUES list costs a parameter per
 * cell and a long time to build. `tail` follows the SELECT (ON CONFLICT …).
 */
export async function bulkInsert<T>(tx: Tx, table: string, columns: Array<BulkColumn<T>>, rows: readonly T[], tail: SQL = sql``): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((column) => {
    const values = rows.map((row) => {
      const value = column.value(row);
      if (value === null || value === undefined) return null;
      if (column.type === 'jsonb') return JSON.stringify(value);
      if (value instanceof Date) return value.toISOString();
      return value;
    });
    return sql`${sql.param(values)}::${sql.raw(column.type)}[]`;
  });
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  await tx.execute(sql`
    insert into ${sql.identifier(table)} (${names}) select * from unnest(${sql.join(arrays, sql`, `)}) ${tail}`);
}
