import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { StartupError } from '../startup-error.ts';

/**
 * Without drizzle's relational API (`db.query.*`, unused here): given the schema, drizzle builds a
 * query builder for every table (59) on each transaction it opens: about 20 µs of CPU a transaction,
 * against 125-150 µs for a whole one-statement transaction (measured 2026-12-02).
 */
export type Db = NodePgDatabase;

export function createPool(url: string, max = 10): pg.Pool {
  // A server that does not answer (restarting, unreachable) fails a request in 5 s instead of hanging it.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // A server shutdown (57P01, e.g. Ctrl-C reaching the embedded PostgreSQL) cuts every connection.
  // An idle client reports it to the pool; a checked-out one (a transaction between statements)
  // emits it on the client, where the pool no longer listens, and unheard that is an uncaught
  // exception. The statement in flight rejects with the same error, so neither listener has more to do.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool);
}

/** Connects once at boot so a wrong DATABASE_URL fails with a line that says what to fix. */
export async function checkConnection(pool: pg.Pool, url: string): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    const where = safeUrl(url);
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ECONNREFUSED' ? 'nothing is listening there'
      : code === 'ENOTFOUND' ? 'the host name does not resolve'
      : code === '28P01' ? 'the password was rejected'
      : code === '3D000' ? 'the database does not exist'
      : (error as Error).message;
    throw new StartupError(`cannot connect to PostgreSQL at ${where}: ${reason}`, 'fix DATABASE_URL, or unset it to use the embedded PostgreSQL');
  }
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
