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
 * cell and a long time to build. A column with one value in every row (a chunk's workspace, its
 * scenario, the moment of its step) travels once, as a scalar, rather than as an array of copies:
 * a cohort chunk's runs and steps are mostly such columns. `tail` follows the SELECT (ON CONFLICT
 * …, RETURNING …); the rows it returns are the result.
 */
export async function bulkInsert<T, R extends Record<string, unknown> = Record<string, unknown>>(
  tx: Tx, table: string, columns: Array<BulkColumn<T>>, rows: readonly T[], tail: SQL = sql``,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const texts = columns.map((column) => textsOf(column, rows));
  const asArray = texts.map(varies);
  // unnest needs one array to give the row count: with every column the same in every row, the first stays one.
  if (rows.length > 1 && !asArray.includes(true)) asArray[0] = true;
  const picks: SQL[] = [];
  const arrays: SQL[] = [];
  const aliases: string[] = [];
  columns.forEach((column, i) => {
    const values = texts[i]!;
    if (asArray[i]) {
      // An array column travels as one array literal per row: unnest would flatten an array of arrays.
      arrays.push(sql`${arrayLiteral(values, column.type === 'jsonb')}::${sql.raw(isArrayType(column.type) ? 'text' : column.type)}[]`);
      aliases.push(`c${i}`);
      picks.push(sql.raw(isArrayType(column.type) ? `c${i}::${column.type}` : `c${i}`));
    } else {
      picks.push(sql`${values[0] ?? null}::${sql.raw(column.type)}`);
    }
  });
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  const from = arrays.length ? sql` from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.raw(aliases.join(', '))})` : sql``;
  const { rows: returned } = await tx.execute<R>(sql`
    insert into ${sql.identifier(table)} (${names}) select ${sql.join(picks, sql`, `)}${from} ${tail}`);
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

/**
 * A column's values as text. A value that is the very object the row before held (a chunk's
 * moment, its messages) reuses that row's text instead of being written out again.
 */
function textsOf<T>(column: BulkColumn<T>, rows: readonly T[]): Array<string | null> {
  const texts: Array<string | null> = new Array(rows.length);
  let previous: unknown;
  for (let i = 0; i < rows.length; i++) {
    const value = column.value(rows[i]!);
    texts[i] = i > 0 && value === previous ? texts[i - 1] ?? null : asText(column, value);
    previous = value;
  }
  return texts;
}

/** A value as the text PostgreSQL reads for its column's type; null stays null. */
function asText<T>(column: BulkColumn<T>, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (column.type === 'jsonb') return JSON.stringify(value);
  if (isArrayType(column.type)) return arrayLiteral(value as ReadonlyArray<string | number | null>);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function varies(values: ReadonlyArray<string | null>): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return true;
  return false;
}

/**
 * A PostgreSQL array literal: every element quoted (backslash and quote escaped), null as NULL.
 * Built here rather than by the driver, which would copy every element of a chunk's columns twice
 * to escape it, and of the array columns' literals twice more. `json`: the elements are JSON texts.
 */
function arrayLiteral(values: ReadonlyArray<string | number | null>, json = false): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    literal += value === null || value === undefined ? 'NULL' : quoted(String(value), json);
  }
  return `${literal}}`;
}

/**
 * One element of an array literal, in double quotes with `"` and `\` escaped by a backslash.
 * JSON.stringify quotes a string exactly so, natively (a run's state, a thousand a chunk, went
 * through a regular expression five times slower), except that it writes a control character or a
 * lone surrogate as an escape the array literal would read differently: text that may hold one
 * takes the expression. JSON text holds none raw.
 */
function quoted(text: string, json: boolean): string {
  if (json || !UNSAFE_FOR_JSON_QUOTING.test(text)) return JSON.stringify(text);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const UNSAFE_FOR_JSON_QUOTING = /[\u0000-\u001f\ud800-\udfff]/;
