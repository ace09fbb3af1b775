import { expect, inject, test } from 'vitest';
import pg from 'pg';
import { serverSettings } from '../../src/db/postgres-settings.ts';

const GB = 1024 ** 3;

test('the embedded PostgreSQL is sized from the machine, within bounds', () => {
  expect(serverSettings(24 * GB, 2)).toMatchObject({ shared_buffers: '1024MB', effective_cache_size: '8192MB', work_mem: '32MB', max_parallel_workers_per_gather: '4' });
  expect(serverSettings(1 * GB, 1)).toMatchObject({ shared_buffers: '256MB', effective_cache_size: '512MB', work_mem: '4MB', max_parallel_workers_per_gather: '2' });
});

test('the running embedded server has them (passed at start, so older clusters get them too)', async () => {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    for (const [name, value] of Object.entries(serverSettings())) {
      // Sizes compare as bytes ('1024MB' is shown as '1GB').
      const { rows } = await client.query<{ same: boolean }>(
        `select case when $2 ~ '[kMG]B$' then pg_size_bytes(current_setting($1)) = pg_size_bytes($2) else current_setting($1) = $2 end as same`, [name, value]);
      expect({ name, same: rows[0]!.same }).toEqual({ name, same: true });
    }
  } finally {
    await client.end();
  }
});
