// npm run fuzz [requests] — at least 10,000 mutated requests over every route of the OpenAPI
// document (the LINE webhook included, signed and unsigned) against the real app on a throwaway
// embedded PostgreSQL. Last line: `fuzz: N requests, F 5xx` (F must be 0; exit 1 otherwise, or when a
// rejected request changed the database). FUZZ_SEED=<n> replays a run.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { freePort } from '../test/support/free-port.ts';
import { createFixtures } from './fuzz/fixtures.ts';
import { queueIdle, runFuzz } from './fuzz/run.ts';

const requests = Number(process.argv[2] ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

async function main(): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-fuzz-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const pool = createPool(database.url, 5);
  try {
    await applyMigrations(pool);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://runtime.fuzz' });
    const app = await buildApp({ config, pool, databaseUrl: database.url, workers: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const headers = await signInIfNeeded(app);
      const fixtures = await createFixtures(app, headers);
      console.log(`fuzz seed=${seed}: ${requests} requests over every route`);
      const result = await runFuzz({ app, pool, fixtures, requests, seed, headers, settle: () => queueIdle(pool), log: (line) => console.log(line) });
      for (const error of result.serverErrors.slice(0, 20)) console.log(`5xx: ${error.status} ${error.method} ${error.url} ${error.body}`);
      for (const change of result.changedByRejected.slice(0, 20)) console.log(`changed by a rejected request: ${change.status} ${change.method} ${change.url}`);
      console.log(`${result.operations} operations; ${result.changedByRejected.length} rejected requests changed the database`);
      console.log(`fuzz: ${result.requests} requests, ${result.serverErrors.length} 5xx`);
      return result.serverErrors.length === 0 && result.changedByRejected.length === 0 ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await pool.end();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Once the API has accounts, fuzz as the first-run owner (session cookie + CSRF token), so requests
 * reach the handlers instead of stopping at 401. Without accounts there is nothing to sign in to.
 */
async function signInIfNeeded(app: Awaited<ReturnType<typeof buildApp>>): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST', url: '/api/auth/signup',
    payload: { email: 'fuzz-owner@example.test', password: 'correct horse battery 42', name: 'Fuzz', organizationName: 'Fuzz' },
  });
  if (response.statusCode >= 300) return {};
  const session = response.cookies.find((cookie) => cookie.name === 'lsb_session');
  const csrfToken = response.json<{ csrfToken?: string }>().csrfToken;
  console.log('fuzzing as the signed-up owner');
  return { ...(session ? { cookie: `lsb_session=${session.value}` } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) };
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
