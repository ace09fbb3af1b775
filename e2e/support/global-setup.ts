import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Starts the real runtime (its own embedded PostgreSQL in a temp folder, the built-in fake LINE
 * server) exactly as `npm start` does, and points every journey at the URL it prints.
 */
export default async function globalSetup() {
  // Working on a journey: `E2E_BASE_URL=http://127.0.0.1:3000 playwright test` reuses a runtime you already run.
  if (process.env.E2E_BASE_URL) return undefined;
  const runtime = await startRuntime();
  process.env.E2E_BASE_URL = runtime.url;
  return runtime.stop;
}

/**
 * A runtime of its own with an empty database, as a fresh `npm start` has (the first-run journey
 * needs one nobody has signed up on yet). `stop` ends it and removes its data.
 */
export async function startRuntime(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-e2e-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the folder.
  chmodSync(dataDir, 0o755);
  const runtime = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(root, 'runtime'),
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(runtime);
  return {
    url,
    stop: async () => {
      await stop(runtime);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is running: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1].replace(/\/$/, ''));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`runtime exited with ${code} before it was ready:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
