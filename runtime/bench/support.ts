import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createDb, createPool } from '../src/db/pool.ts';
import { createLineClient } from '../src/line/client.ts';
import { createSharedRateLimiter } from '../src/line/rate-limiter.ts';
import { pgBudgetStore } from '../src/store/rate-budget.ts';
import { injectAs, signUpOwner } from '../test/support/auth.ts';
import { freePort } from '../test/support/free-port.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * `n` friends of a channel as the runtime writes them (store/friend-ingest.ts draws a UUID version 7
 * when a friend follows): keys in the order they followed, one every 10 seconds up to now, about
 * four months for a million. A bare insert's random keys and one shared time scatter a cohort's
 * reads and writes over every page of the friends' table and indexes, which the runtime's own
 * friends never are. `uuidv7(shift)` needs PostgreSQL 18, which the benches start.
 */
export async function insertFriends(pool: ReturnType<typeof createPool>, workspaceId: string, channelId: string, n: number): Promise<void> {
  await pool.query(
    `insert into friends (id, workspace_id, channel_id, line_user_id, display_name, registered_at)
     select uuidv7(-(($3 - g) * interval '10 seconds')), $1, $2, 'U' || md5(g::text), 'friend ' || g, now() - ($3 - g) * interval '10 seconds'
     from generate_series(1, $3) g`,
    [workspaceId, channelId, n]);
}

/** A fresh embedded PostgreSQL with the runtime's schema, removed afterwards. */
export async function withDatabase<T>(
  run: (db: { url: string; pool: ReturnType<typeof createPool>; dataDir: string; clusterDir: string }) => Promise<T>,
  options: { keep?: string | undefined } = {},
): Promise<T> {
  // `keep` (BENCH_DATA_DIR) keeps the seeded database between runs, while tuning queries.
  const dataDir = options.keep ?? mkdtempSync(path.join(os.tmpdir(), 'lsb-bench-'));
  if (options.keep) mkdirSync(options.keep, { recursive: true });
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const pool = createPool(database.url, 20);
  try {
    await applyMigrations(pool);
    return await run({ url: database.url, pool, dataDir, clusterDir: database.clusterDir });
  } finally {
    await pool.end();
    await database.stop();
    if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The app's API as the first-run owner, signed up as a browser would (the API needs a person since
 * accounts landed): JSON in and out; an answer of 300 or more throws with its body.
 */
export async function ownerApi(app: { inject: unknown }) {
  const raw = (app.inject as (...args: unknown[]) => unknown).bind(app) as unknown as Parameters<typeof signUpOwner>[0];
  const owner = await signUpOwner(raw);
  const inject = injectAs(raw, owner.cookie, owner.csrfToken);
  return async (method: 'POST' | 'GET', route: string, payload?: object) => {
    const response = await inject({ method, url: route, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${method} ${route}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
}

/** The median of `runs` timed calls, in ms, after one call that warms the caches. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface FakeLineProcess {
  url: string;
  pid: number;
  /** Stops it and returns what it answered. */
  stop(): Promise<{ counts: Record<string, number>; recipients: number; inboxSizes: Record<string, number> }>;
}

/** The fake LINE (real rate limits) in a process of its own, so it does not share the runtime's CPU time. */
export async function startFakeLineProcess(options: { people?: number } = {}): Promise<FakeLineProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'fake-line-process.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FAKE_LINE_USERS: String(options.people ?? 0) },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /fake-line (http\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fake LINE exited with ${code}: ${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const match = /fake-line-stats (\{.*\})/.exec(output);
      return match ? JSON.parse(match[1]!) : { counts: {}, recipients: 0, inboxSizes: {} };
    },
  };
}

export const loadavg = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

export const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * The floor: an outbox of N identical messages, claimed 500 rows at a time and multicast by
 * 16 concurrent senders under the same shared rate budget (another channel's), then marked sent.
 */
export async function handWrittenSender(pool: ReturnType<typeof createPool>, lineUrl: string, workspaceId: string, text: string): Promise<number> {
  await pool.query('create table bench_outbox (id bigint generated always as identity primary key, line_user_id text not null, status text not null)');
  const started = performance.now();
  await pool.query(`insert into bench_outbox (line_user_id, status) select line_user_id, 'queued' from friends where workspace_id = $1`, [workspaceId]);
  const client = createLineClient({ channelAccessToken: `baseline-token-${'y'.repeat(40)}`, baseURL: lineUrl, limiter: createSharedRateLimiter(pgBudgetStore(createDb(pool))) });
  const messages = [{ type: 'text' as const, text }];
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (;;) {
      const { rows } = await pool.query<{ id: string; line_user_id: string }>(
        `update bench_outbox set status = 'sending' where id in (
           select id from bench_outbox where status = 'queued' order by id limit 500 for update skip locked) returning id, line_user_id`);
      if (rows.length === 0) return;
      const outcome = await client.multicast({ to: rows.map((row) => row.line_user_id), messages, retryKey: crypto.randomUUID() });
      if (outcome.kind !== 'accepted') throw new Error(`baseline multicast: ${JSON.stringify(outcome)}`);
      await pool.query(`update bench_outbox set status = 'sent' where id = any($1::bigint[])`, [rows.map((row) => row.id)]);
    }
  }));
  const elapsed = performance.now() - started;
  await pool.query('drop table bench_outbox');
  return elapsed;
}

