import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

test('every table carries workspace_id', async () => {
  const { rows } = await database.pool.query<{ table_name: string; has_workspace: boolean }>(`
    select t.table_name,
           exists (select 1 from information_schema.columns c
                   where c.table_schema = 'public' and c.table_name = t.table_name
                     and c.column_name = 'workspace_id') as has_workspace
    from information_schema.tables t
    where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`);
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.filter((row) => !row.has_workspace).map((row) => row.table_name)).toEqual([]);
});
