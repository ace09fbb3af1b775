import fp from 'fastify-plugin';
import { PgBoss } from 'pg-boss';

declare module 'fastify' {
  interface FastifyInstance {
    boss: PgBoss;
  }
}

export interface QueueOptions {
  databaseUrl: string;
  /** Tests run the maintenance loops themselves; the product lets pg-boss supervise. */
  supervise?: boolean;
}

/** pg-boss over the same PostgreSQL: durable jobs and timers, stopped on app close. */
export const queuePlugin = fp<QueueOptions>(
  async (app, { databaseUrl, supervise = true }) => {
    const boss = new PgBoss({ connectionString: databaseUrl, supervise, schedule: false, max: 6 });
    boss.on('error', (error) => app.log.error({ err: error }, 'queue error'));
    await boss.start();
    app.decorate('boss', boss);
    app.addHook('onClose', async () => {
      await boss.stop({ graceful: true, timeout: 5_000 });
    });
  },
  { name: 'queue' },
);
