import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { relocatedClusterDir } from '../../src/db/postgres-placement.ts';
import { startServerProcess } from './start-process.ts';
import { freePort } from '../support/free-port.ts';
import { httpSession } from '../support/http-session.ts';

// Ctrl-C in the terminal of `npm start` sends SIGINT to the whole process group: the runtime and
// the embedded PostgreSQL at once. PostgreSQL then cuts every connection (57P01) while the runtime is
// still closing; the runtime must still end with one line and exit 0.

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-ctrlc-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(relocatedClusterDir(path.join(dataDir, 'postgres')), { recursive: true, force: true }); // as root: mode 700
});

test('SIGINT to the whole process group ends with one line, exit 0, and no 57P01', async () => {
  const server = startServerProcess({ DATA_DIR: dataDir, PORT: '0', EMBEDDED_PG_PORT: String(await freePort()) }, { detached: true });
  const url = await server.ready;
  await (await httpSession(url)).fetch('/api/workspaces');
  // The workers poll every 0.5 s, each poll a transaction holding a pool client: after a few polls
  // the signal lands while clients are checked out, which is what used to crash with 57P01.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const before = server.output().length;
  process.kill(-server.child.pid!, 'SIGINT');
  expect(await server.exited).toBe(0);
  const after = server.output().slice(before);
  expect(after).not.toMatch(/57P01|terminating connection|Error|at .*\.ts:\d+/);
  expect(after.trim().split('\n')).toEqual(['stopped']);
}, 120_000);
