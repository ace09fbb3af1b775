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
      ...(clock ? { clock } : {}),
    });
    let closing = false;
    boss.on('error', (error) => {
      // A server shutting down cuts pg-boss's connections (57P01): expected while we close.
      if (closing && (error as { code?: string }).code === '57P01') return;
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
