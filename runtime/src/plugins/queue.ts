import fp from 'fastify-plugin';
import { PgBoss, type Clock } from 'pg-boss';

declare module 'fastify' {
  interface FastifyInstance {
    boss: PgBoss;
  }
}

export interface QueueOptions {
  databaseUrl: string;
  /** A pg-boss TestClock in tests, so job timers (startAfter) follow injected time. */
  clock?: Clock;
}

/** pg-boss over the same PostgreSQL: durable jobs and timers, stopped on app close. */
export const queuePlugin = fp<QueueOptions>(
  async (app, { databaseUrl, clock }) => {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schedule: false,
      max: 8,
      // NOTIFY wakes a worker the moment a job is created; polling stays on as the floor.
      useListenNotify: true,
      // The supervisor fails jobs whose heartbeat lapsed (a killed worker's; see HEARTBEAT_SECONDS in
      // store/queues.ts) only when it runs, every 60 s by default: every 5 s, a killed worker's jobs
      // are retried 5-15 s after it died instead of up to 70 s. Each pass is a few indexed queries
      // plus pg-boss's queue counts, which it backs off from itself if they grow slow.
      superviseIntervalSeconds: 5,
      monitorIntervalSeconds: 5,
      ...(clock ? { clock } : {}),
    });
    let closing = false;
    boss.on('error', (error) => {
      // A server shutting down cuts pg-boss's connections (57P01): expected while we close, and
      // otherwise pg-boss reconnects by itself and its workers keep polling, so it is news, not an error.
      // A database that went away is noted once by the watch (plugins/database.ts), not per poll.
      if (closing || app.database.report(error)) return;
      app.log.error({ err: error }, 'queue error');
    });
    await boss.start();
    app.decorate('boss', boss);
    app.addHook('onClose', async () => {
      closing = true;
      await boss.stop({ graceful: true, timeout: 5_000 });
    });
  },
  { name: 'queue' },
);
