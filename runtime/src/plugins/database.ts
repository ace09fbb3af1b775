import fp from 'fastify-plugin';
import type pg from 'pg';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { createDb, type Db } from '../db/pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool;
    db: Db;
    database: DatabaseWatch;
  }
}

/**
 * Whether PostgreSQL answers, as this process last saw it. Anything that meets a connection failure
 * reports it here; while down, a probe runs every second and the first answer marks it up again.
 * Each change is one log line (not one per failed poll of every worker).
 */
export interface DatabaseWatch {
  readonly up: boolean;
  /** Returns true when the error was the database being unavailable (and so was noted here). */
  report(error: unknown): boolean;
  /** One `select 1` within the time given; updates the state. */
  probe(timeoutMs?: number): Promise<boolean>;
}

interface Log { warn(message: string): void; info(message: string): void }

export function createDatabaseWatch(pool: pg.Pool, log: Log, probeEveryMs = 1_000): DatabaseWatch & { stop(): void } {
  let up = true;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const markDown = () => {
    if (!up || stopped) return;
    up = false;
    log.warn('PostgreSQL is unavailable: the API answers 503 and workers retry until it is back');
    timer = setInterval(() => void watch.probe(), probeEveryMs);
    timer.unref();
  };
  const markUp = () => {
    if (up) return;
    up = true;
    clearInterval(timer);
    log.warn('PostgreSQL is available again');
  };
  const watch = {
    get up() { return up; },
    report(error: unknown) {
      if (!isDatabaseUnavailable(error)) return false;
      markDown();
      return true;
    },
    async probe(timeoutMs = 2_000) {
      const ok = await Promise.race([
        pool.query('select 1').then(() => true, (error: unknown) => { watch.report(error); return false; }),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]);
      if (ok) markUp(); else markDown();
      return ok;
    },
    stop() { stopped = true; clearInterval(timer); },
  };
  return watch;
}

/** Decorates the app with the pool it is given; whoever created the pool owns closing it. */
export const databasePlugin = fp<{ pool: pg.Pool }>(
  async (app, { pool }) => {
    app.decorate('pool', pool);
    app.decorate('db', createDb(pool));
    const watch = createDatabaseWatch(pool, app.log);
    app.decorate('database', watch);
    app.addHook('onClose', async () => watch.stop());
  },
  { name: 'database' },
);
