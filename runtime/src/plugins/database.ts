import fp from 'fastify-plugin';
import type pg from 'pg';
import { createDb, type Db } from '../db/pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool;
    db: Db;
  }
}

/** Decorates the app with the pool it is given; whoever created the pool owns closing it. */
export const databasePlugin = fp<{ pool: pg.Pool }>(
  async (app, { pool }) => {
    app.decorate('pool', pool);
    app.decorate('db', createDb(pool));
  },
  { name: 'database' },
);
