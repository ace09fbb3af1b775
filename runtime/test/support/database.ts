import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { enableClockOverride } from 'pg-boss';
import { inject } from 'vitest';
import { createDb, createPool, type Db } from '../../src/db/pool.ts';

export const TEMPLATE_DATABASE = 'lsb_template';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh database, migrated, for one test file: isolated from every other file running at once. */
export async function createTestDatabase(options: { testClock?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // With a pg-boss TestClock, every session must read its fake "now", including the runtime's own
  // transactions that write jobs; the setting rides on each connection's start-up options.
  if (options.testClock) url.searchParams.set('options', `-c ${enableClockOverride().replace(/^SET /, '').replace(/ = /, '=').replaceAll("'", '')}`);
  const pool = createPool(url.toString());
  return {
    url: url.toString(),
    pool,
    db: createDb(pool),
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
