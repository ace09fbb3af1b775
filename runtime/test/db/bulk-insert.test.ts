import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { jsonbList, uuidList } from '../../src/store/any-of.ts';
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

interface Probe { n: number; id: string | null; label: string | null; body: unknown; at: Date | null; words: Array<string | null> | null; counts: number[]; keys: string[] | null }

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
    words: n % 6 === 0 ? null : [text, null, 'plain', text], counts: [n, -1 - n, 0], keys: n % 7 === 0 ? null : n % 2 ? [ID, OTHER_ID] : [],
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

test('ids in other spellings PostgreSQL reads arrive as it reads them, and what is no id is refused with its error', async () => {
  // Canonical ids travel in binary; any other spelling is left to PostgreSQL's own reading.
  const spellings = [ID.toUpperCase(), `{${ID}}`, ID.replaceAll('-', '')];
  const rows = spellings.map((spelling, n): Probe => ({ n, id: spelling, label: null, body: null, at: null, words: null, counts: [], keys: [spelling, OTHER_ID] }));
  await database.pool.query('truncate bulk_probe');
  await bulkInsert(database.db, 'bulk_probe', COLUMNS, rows);
  const { rows: read } = await database.pool.query('select id, keys from bulk_probe order by n');
  expect(read).toEqual(spellings.map(() => ({ id: ID, keys: [ID, OTHER_ID] })));

  for (const bad of ['0190c2a4-1b2c-7d3e-8f40-5a6b7c8d9e0g', '0190c2a4-1b2c-7d3e-8f40', '0190c2a4x1b2c-7d3e-8f40-5a6b7c8d9e0f']) {
    const probe: Probe = { n: 9, id: bad, label: null, body: null, at: null, words: null, counts: [], keys: [] };
    await expect(bulkInsert(database.db, 'bulk_probe', COLUMNS, [probe, { ...probe, n: 10, id: ID }])).rejects.toMatchObject({ cause: { message: expect.stringMatching(/invalid input syntax for type uuid/) } });
    await expect(bulkInsert(database.db, 'bulk_probe', COLUMNS, [{ ...probe, id: ID, keys: [bad] }, { ...probe, n: 10, id: ID }])).rejects.toMatchObject({ cause: { message: expect.stringMatching(/invalid input syntax for type uuid/) } });
  }
  expect((await database.pool.query('select count(*)::int as n from bulk_probe')).rows[0].n).toBe(3);
});

test('lists of ids and of JSON texts as one parameter each, nulls and empty lists included', async () => {
  const ids = [ID, null, OTHER_ID];
  const values = [{ a: '改行\nと"引用"🙂' }, null, [1, 2], 'x'];
  const texts = values.map((value) => (value === null ? null : JSON.stringify(value)));
  const { rows: [read] } = await database.db.execute<{ ids: unknown; texts: unknown; none: unknown; empty: unknown }>(sql`
    select ${uuidList(ids)}::uuid[] as ids, ${jsonbList(texts)}::jsonb[] as texts, ${uuidList([])}::uuid[] as none, ${jsonbList([])}::jsonb[] as empty`);
  expect(read).toEqual({ ids, texts: values, none: [], empty: [] });
});
