import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { relocatedClusterDir } from '../../src/db/postgres-placement.ts';
import { errorLines, startServerProcess } from './start-process.ts';
import { freePort } from '../support/free-port.ts';
import { httpSession } from '../support/http-session.ts';

// As root, the embedded PostgreSQL runs as the `postgres` user. A DATA_DIR inside a folder that user
// cannot enter (`mktemp -d` makes mode 700, as is root's home) used to fail with `initdb EACCES`.

const asRoot = process.getuid?.() === 0;
const privateDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-private-'));
const dataDir = path.join(privateDir, 'data');
const cluster = relocatedClusterDir(path.join(dataDir, 'postgres'));
afterAll(() => {
  rmSync(privateDir, { recursive: true, force: true });
  rmSync(cluster, { recursive: true, force: true });
});

test.skipIf(!asRoot)('a DATA_DIR in a mode-700 folder: the cluster lives where postgres can reach it, and is found again', async () => {
  expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  const env = { DATA_DIR: dataDir, PORT: '0', EMBEDDED_PG_PORT: String(await freePort()) };
  const first = startServerProcess(env);
  const url = await first.ready;
  expect(first.output()).toContain(`the postgres user cannot enter ${dataDir}; its cluster is ${cluster}`);
  expect(first.output()).toContain(`data: ${cluster};`);
  expect(errorLines(first.output())).toEqual([]);
  expect((await (await fetch(`${url}/api/health`)).json())).toEqual({ status: 'ok', database: 'up', queue: 'up' });
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);

  const second = startServerProcess(env);
  const secondUrl = await second.ready;
  expect(second.output()).not.toContain('creating the embedded PostgreSQL cluster');
  expect((await (await (await httpSession(secondUrl)).fetch('/api/workspaces')).json())).toHaveLength(1); // seeded once, kept
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 120_000);
