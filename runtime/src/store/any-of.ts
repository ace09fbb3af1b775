import { sql, type AnyColumn, type Param, type SQL } from 'drizzle-orm';
import { binaryJsonbArray, binaryUuidArray } from './binary-arrays.ts';

/**
 * `column = any($1::uuid[])`: the whole list as one parameter. A batch asks about a thousand
 * friends at once, and drizzle's `inArray` makes a placeholder per id (a thousand parameters to
 * build, send, parse and plan for every query of the batch).
 */
export function anyUuid(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${uuidList(ids)}::uuid[])`;
}

/** Ids as one parameter for `::uuid[]`: in binary where each is a uuid's canonical text (binary-arrays.ts). */
export function uuidList(ids: ReadonlyArray<string | null>): Param {
  return sql.param(binaryUuidArray(ids) ?? ids);
}

/** JSON texts (null for SQL NULL) as one parameter for `::jsonb[]`, in binary. */
export function jsonbList(texts: ReadonlyArray<string | null>): Param {
  return sql.param(binaryJsonbArray(texts));
}

/** `column = any($1::text[])`, as anyUuid. */
export function anyText(column: AnyColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}

/** `column = any($1::bigint[])`, as anyUuid. */
export function anyBigint(column: AnyColumn, values: readonly number[]): SQL {
  return sql`${column} = any(${sql.param(values)}::bigint[])`;
}

/**
 * The rows' columns as array parameters, one a column, for `unnest($1::uuid[], $2::text[], …)`: a
 * batch's rows travel as one parameter per column, however many rows there are.
 * `const column = columnsOf(rows); … ${column((row) => row.id)}::uuid[] …`
 */
export function columnsOf<R>(rows: readonly R[]): <T>(pick: (row: R) => T) => Param {
  return (pick) => sql.param(rows.map(pick));
}
