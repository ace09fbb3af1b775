import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { errorLines, startServerProcess } from './start-process.ts';

// `npm start` as an operator meets it: one clear line and a non-zero exit for each set-up mistake.

const tempDirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lsb-start-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  tempDirs.push(dir);
  return dir;
}
afterAll(() => { for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true }); });

function listenOnFreePort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

describe('bad configuration', () => {
  test.each([
    ['a DATABASE_URL nobody listens on', { DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/app' }, /cannot connect to PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/app: nothing is listening there\. Fix: fix DATABASE_URL/],
    ['a DATABASE_URL that is not PostgreSQL', { DATABASE_URL: 'mysql://localhost/app' }, /DATABASE_URL is invalid/],
    ['a PORT that is not a number', { PORT: 'eighty' }, /PORT is invalid/],
    ['a data folder that cannot be created', { DATA_DIR: '/etc/hostname/lsb-data' }, /data folder .* cannot be created or written\. Fix: .*DATA_DIR/],
  ] as Array<[string, Record<string, string>, RegExp]>)('%s: one error line and exit 1', async (_label, env, expected) => {
    const server = startServerProcess({ DATA_DIR: tempDir(), ...env });
    expect(await server.exited).toBe(1);
    const errors = errorLines(server.output());
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
    expect(server.output()).not.toContain('undefined');
    expect(server.output()).not.toContain('secret');
  });

  test('a busy HTTP port names the port and the fix', async () => {
    const busy = await listenOnFreePort();
    const server = startServerProcess({ DATABASE_URL: databaseUrl(), PORT: String(portOf(busy)), DATA_DIR: tempDir() });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.output())).toEqual([`error: port ${portOf(busy)} is already in use. Fix: stop the program using it or set PORT to a free port.`]);
    busy.close();
  });

  test('a busy embedded PostgreSQL port names the port and the fix', async () => {
    const busy = await listenOnFreePort();
    const server = startServerProcess({ EMBEDDED_PG_PORT: String(portOf(busy)), PORT: '0', DATA_DIR: tempDir() });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.output())[0]).toMatch(new RegExp(`port ${portOf(busy)} for the embedded PostgreSQL is already in use`));
    busy.close();
  });
});

function databaseUrl() {
  const url = new URL(inject('pgAdminUrl'));
  return url.toString();
}

