import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bulkInsert, type BulkColumn } from '../../src/store/bulk-insert.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// bulkInsert writes its own array literals and sends a column with one value in every row once, as a
// scalar: what arrives must be exactly what was given, whatever the characters, the nulls, and
// however many columns are constant.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(`create table bulk_probe (
    n int, id uuid, label text, body jsonb, at timestamptz, words text[], counts int[], keys uuid[])`);
});
afterAll(() => database.drop());

interface Probe { n: number; id: string | null; label: string | null; body: unknown; at: Date | null; words: Array<string | null> | null; counts: number[]; keys: string[] }

const COLUMNS: Array<BulkColumn<Probe>> = [
  { name: 'n', type: 'int', value: (r) => r.n },
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'label', type: 'text', value: (r) => r.label },
  { name: 'body', type: 'jsonb', value: (r) => r.body },
  { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'words', type: 'text[]', value: (r) => r.words },
  { name: 'counts', type: 'int[]', value: (r) => r.counts },
  { name: 'keys', type: 'uuid[]', value: (r) => r.keys },
];

const AWKWARD = ['', 'NULL', 'null', 'a,b', '{x}', 'say "hi"', 'back\\slash', '\\"', ' spaced ', '改行\nあり', '🙂', "it's", 'tab\tand\u0001', 'trailing\\', '\u2028 line separator', 'del\u007f'];
const ID = '0190c2a4-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const OTHER_ID = '0190c2a4-1b2c-7d3e-8f40-5a6b7c8d9e10';

async function roundTrip(rows: Probe[]) {
  await database.pool.query('truncate bulk_probe');
  const returned = await bulkInsert(database.db, 'bulk_probe', COLUMNS, rows, sql`returning n`);
  expect(returned.map((row) => row.n)).toEqual(rows.map((row) => row.n));
  const { rows: read } = await database.pool.query('select * from bulk_probe order by n');
  expect(read).toEqual(rows.map((row) => ({ ...row })));
}

test('awkward text, JSON and array elements arrive as given, in varying columns', async () => {
  await roundTrip(AWKWARD.map((text, n) => ({
    n, id: n % 3 === 0 ? null : (n % 2 ? ID : OTHER_ID), label: n % 4 === 0 ? null : text,
    body: { text, nested: [text, null, { '"': text }] }, at: n % 5 === 0 ? null : new Date(Date.UTC(2026, 11, 2, 10, n)),
    words: n % 6 === 0 ? null : [text, null, 'plain', text], counts: [n, -1 - n, 0], keys: n % 2 ? [ID, OTHER_ID] : [],
  })));
});

test('a column with one value in every row, awkward or null, arrives in every row', async () => {
  const constant = { id: ID, label: 'say "hi", back\\slash', body: { path: ['trigger', 'send'], quote: '"' }, at: new Date('2026-12-02T10:00:00.000Z'), words: ['a,b', null, '{x}'], counts: [1, 1, 2], keys: [ID] };
  await roundTrip([1, 2, 3].map((n) => ({ n, ...constant })));
  await roundTrip([1, 2, 3].map((n) => ({ n, ...constant, id: null, label: null, body: null, at: null, words: null })));
});

test('rows identical in every column are all inserted, and one row alone', async () => {
  const row: Probe = { n: 7, id: ID, label: 'same', body: [1], at: null, words: [], counts: [], keys: [] };
  await database.pool.query('truncate bulk_probe');
  await bulkInsert(database.db, 'bulk_probe', COLUMNS, [row, row, row]);
  expect((await database.pool.query('select count(*)::int as n from bulk_probe where n = 7 and label = $1', ['same'])).rows[0].n).toBe(3);
  await roundTrip([{ ...row, label: AWKWARD.join('|') }]);
});
