// Process concerns only: configuration, the database, listening, and an orderly shutdown.
import { buildApp } from './app.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { needsOwner } from './services/accounts.ts';
import { checkHost, loadConfig } from './config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.ts';
import { applyMigrations } from './db/migrate.ts';
import { checkConnection, createPool } from './db/pool.ts';
import { loggerOptions, scrubText } from './log-options.ts';
import { StartupError } from './startup-error.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Undo steps in reverse order of start: app (workers, queue) first, then the pool, then PostgreSQL. */
const shutdownSteps: Array<() => Promise<unknown>> = [];
/** Called first when stopping: silences the app's log, since what fails while stopping is expected. */
let quiet = () => {};
let shuttingDown = false;
async function shutdown(exitCode: number, lastLine?: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  quiet();
  // A step that hangs (a database gone mid-statement) must not keep the terminal waiting.
  setTimeout(() => {
    say(`${lastLine ?? 'stopped'} (some connections did not close within 15 s)`);
    process.exit(exitCode);
  }, 15_000).unref();
  for (const step of shutdownSteps.reverse()) await step().catch(() => {});
  if (lastLine) say(lastLine);
  process.exit(exitCode);
}
// Ctrl-C in a terminal signals the whole process group: this process, its `npm start` parents (one
// of which forwards the signal again) and the embedded PostgreSQL, which then stops at once and cuts
// our connections (57P01). All of that is the expected way to stop: one line, exit 0.
process.on('SIGINT', () => void shutdown(0, 'stopped'));
process.on('SIGTERM', () => void shutdown(0, 'stopped'));
process.on('uncaughtException', (error) => {
  if (shuttingDown && isConnectionLoss(error)) return;
  process.stderr.write(`error: ${scrubText(error.stack ?? String(error))}\n`);
  void shutdown(1);
});

/** What a connection says when its server went away under it. */
function isConnectionLoss(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '57P01' || code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated/i.test(message ?? '');
}

async function main() {
  const config = loadConfig();
  await checkHost(config.HOST);
  let embedded: EmbeddedDatabase | undefined;

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const start = () => startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      log: (line) => say(`[postgres] ${line}`),
    });
    embedded = await start();
    shutdownSteps.push(() => embedded!.stop());
    databaseUrl = embedded.url;
    superviseEmbedded(embedded, start, (next) => { embedded = next; });
  }

  const pool = createPool(databaseUrl);
  shutdownSteps.push(() => pool.end());
  await checkConnection(pool, databaseUrl);
  await applyMigrations(pool);

  const app = await buildApp({
    pool,
    databaseUrl,
    config,
    editorDist: config.EDITOR_DIST,
    logger: loggerOptions(config.LOG_LEVEL),
  });
  shutdownSteps.push(() => app.close());
  quiet = () => { app.log.level = 'silent'; };
  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`port ${config.PORT} is already in use`, 'stop the program using it or set PORT to a free port');
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      throw new StartupError(`HOST ${config.HOST} is not an address of this machine`, 'set HOST to an address of this machine, e.g. 127.0.0.1 or 0.0.0.0');
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  // The HTTP side seeds a fresh database; worker processes (ROLE=worker) only take work.
  const demo = config.ROLE !== 'worker' && config.FAKE_LINE !== 'off' && await seedDemoIfEmpty(app.db, app.secretBox, config.PUBLIC_URL ?? url, app.clock.now());
  if (demo) say('created the demo workspace with a sample scenario bound to the built-in fake LINE channel');
  const what = { both: 'LINE scenario builder', api: 'LINE scenario builder (ROLE=api: HTTP only)', worker: 'LINE scenario builder worker (ROLE=worker)' }[config.ROLE];
  // Asked before printing, so the three lines come out together (scripts wait for "is running").
  const ownerMissing = config.ROLE !== 'worker' && await needsOwner(app.db);
  say(`\n${what} is running: ${url}/`);
  if (ownerMissing) say('first visit: create the owner account there (it owns the demo workspace)');
  say(`data: ${embedded ? embedded.clusterDir : 'DATABASE_URL'}; stop with Ctrl-C`);
  if (config.FAKE_LINE !== 'off') say(`built-in fake LINE (development only, FAKE_LINE=off turns it off): ${app.fakeLineUrl()}`);
}

/**
 * The embedded PostgreSQL is ours to keep running: if it exits while we are not stopping (killed,
 * crashed, out of memory), it is started again on the same data and port, after a pause that lets
 * its orphaned backends exit. Meanwhile the API answers 503 and workers retry (plugins/database.ts).
 */
function superviseEmbedded(first: EmbeddedDatabase, start: () => Promise<EmbeddedDatabase>, replace: (next: EmbeddedDatabase) => void): void {
  const watch = (current: EmbeddedDatabase) => {
    void current.exited.then(async () => {
      if (shuttingDown) return;
      say('[postgres] the embedded PostgreSQL stopped unexpectedly; restarting it');
      for (let attempt = 1; !shuttingDown; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * attempt, 10_000)));
        if (shuttingDown) return;
        try {
          const next = await start();
          replace(next);
          say('[postgres] the embedded PostgreSQL is running again');
          watch(next);
          return;
        } catch (error) {
          say(`[postgres] restart attempt ${attempt} failed: ${error instanceof StartupError ? error.problem : (error as Error).message}`);
        }
      }
    });
  };
  watch(first);
}

main().catch(async (error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`error: ${error.problem}. Fix: ${error.fix}.\n`);
  } else {
    process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  await shutdown(1);
});
