import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';
import { jsonbList, uuidList } from './any-of.ts';
import { binaryUuidArray } from './binary-arrays.ts';
import type { Tx } from './tx.ts';

/** A column of a bulk insert: its name, its PostgreSQL type and how to read it from a row. */
export interface BulkColumn<T> {
  name: string;
  type: 'uuid' | 'text' | 'int' | 'bigint' | 'jsonb' | 'timestamptz' | 'xid8' | 'text[]' | 'int[]' | 'uuid[]';
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
  const values = columns.map((column) => valuesOf(column, rows));
  const asArray = values.map((column) => column.varies);
  // unnest needs one array to give the row count: with every column the same in every row, the first stays one.
  if (rows.length > 1 && !asArray.includes(true)) asArray[0] = true;
  const picks: SQL[] = [];
  const arrays: SQL[] = [];
  const aliases: string[] = [];
  columns.forEach((column, i) => {
    const encoded = values[i]!;
    if (!asArray[i]) {
      picks.push(sql`${encoded.scalar()}::${sql.raw(column.type)}`);
      return;
    }
    const alias = `c${i}`;
    const slices = column.type === 'uuid[]' ? uuidSlices(encoded.raw as ReadonlyArray<readonly string[] | null>) : undefined;
    if (slices) {
      // Every row's ids in one binary array, each row its slice of it: unnest would flatten an array of arrays.
      arrays.push(sql`${slices.starts}::int[]`, sql`${slices.ends}::int[]`);
      aliases.push(`${alias}s`, `${alias}e`);
      picks.push(sql`(${sql.param(slices.ids)}::uuid[])[${sql.raw(`${alias}s:${alias}e`)}]`);
      return;
    }
    aliases.push(alias);
    if (isArrayType(column.type)) {
      // An array column travels as one array literal per row: unnest would flatten an array of arrays.
      arrays.push(sql`${arrayLiteral(encoded.texts())}::text[]`);
      picks.push(sql.raw(`${alias}::${column.type}`));
    } else {
      arrays.push(sql`${arrayParam(column.type, encoded.texts())}::${sql.raw(column.type)}[]`);
      picks.push(sql.raw(alias));
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
 * A column's values: whether they vary from row to row, the one value as a parameter when they do
 * not, and their texts. An array of ids varies unless every row holds the very same array (or
 * none); other values vary unless their texts are all equal.
 */
function valuesOf<T>(column: BulkColumn<T>, rows: readonly T[]): { varies: boolean; raw: unknown[]; scalar: () => unknown; texts: () => Array<string | null> } {
  const raw = rows.map(column.value);
  if (column.type === 'uuid[]') {
    const first = raw[0] ?? null;
    let texts: Array<string | null> | undefined;
    return {
      varies: raw.some((value) => (value ?? null) !== first),
      raw,
      scalar: () => (first === null ? null : uuidList(first as string[])),
      texts: () => (texts ??= textsOf(column, raw)),
    };
  }
  const texts = textsOf(column, raw);
  return { varies: varies(texts), raw, scalar: () => texts[0] ?? null, texts: () => texts };
}

/**
 * The values as text. A value that is the very object the row before held (a chunk's moment, its
 * messages) reuses that row's text instead of being written out again.
 */
function textsOf<T>(column: BulkColumn<T>, raw: readonly unknown[]): Array<string | null> {
  const texts: Array<string | null> = new Array(raw.length);
  let previous: unknown;
  for (let i = 0; i < raw.length; i++) {
    const value = raw[i];
    texts[i] = i > 0 && value === previous ? texts[i - 1] ?? null : asText(column, value);
    previous = value;
  }
  return texts;
}

/** A varying column's values as one array parameter: ids and JSON as any-of.ts sends them (in binary), anything else as a literal. */
function arrayParam(type: BulkColumn<unknown>['type'], texts: Array<string | null>): unknown {
  if (type === 'uuid') return uuidList(texts);
  if (type === 'jsonb') return jsonbList(texts);
  return arrayLiteral(texts);
}

/**
 * Rows' arrays of ids as one binary array of them all and each row's bounds in it (null bounds
 * slice a null). Undefined if an id is not in canonical text (binaryUuidArray).
 */
function uuidSlices(arrays: ReadonlyArray<readonly string[] | null | undefined>): { ids: Buffer; starts: string; ends: string } | undefined {
  const flat: string[] = [];
  const starts: Array<number | null> = [];
  const ends: Array<number | null> = [];
  for (const array of arrays) {
    if (array === null || array === undefined) {
      starts.push(null);
      ends.push(null);
      continue;
    }
    starts.push(flat.length + 1);
    for (const id of array) flat.push(id);
    ends.push(flat.length);
  }
  const ids = binaryUuidArray(flat);
  return ids && { ids, starts: arrayLiteral(starts), ends: arrayLiteral(ends) };
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
 * to escape it, and of the array columns' literals twice more.
 */
function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    literal += value === null || value === undefined ? 'NULL' : quoted(String(value));
  }
  return `${literal}}`;
}

/**
 * One element of an array literal, in double quotes with `"` and `\` escaped by a backslash.
 * JSON.stringify quotes a string exactly so, natively (a regular expression took five times as
 * long), except that it writes a control character or a lone surrogate as an escape the array
 * literal would read differently: text that may hold one takes the expression.
 */
function quoted(text: string): string {
  if (!UNSAFE_FOR_JSON_QUOTING.test(text)) return JSON.stringify(text);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const UNSAFE_FOR_JSON_QUOTING = /[\u0000-\u001f\ud800-\udfff]/;
