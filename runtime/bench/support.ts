import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { freePort } from '../test/support/free-port.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** A fresh embedded PostgreSQL with the runtime's schema, removed afterwards. */
export async function withDatabase<T>(run: (db: { url: string; pool: ReturnType<typeof createPool>; dataDir: string }) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-bench-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const pool = createPool(database.url, 20);
  try {
    await applyMigrations(pool);
    return await run({ url: database.url, pool, dataDir });
  } finally {
    await pool.end();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface FakeLineProcess {
  url: string;
  /** Stops it and returns what it answered. */
  stop(): Promise<{ counts: Record<string, number>; recipients: number }>;
}

/** The fake LINE (real rate limits) in a process of its own, so it does not share the runtime's CPU time. */
export async function startFakeLineProcess(): Promise<FakeLineProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'fake-line-process.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const match = /fake-line-stats (\{.*\})/.exec(output);
      return match ? JSON.parse(match[1]!) : { counts: {}, recipients: 0 };
    },
  };
}

export const loadavg = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

export const seconds = (ms: number) => (ms / 1000).toFixed(1);
