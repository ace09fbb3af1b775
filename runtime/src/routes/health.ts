import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Public: reached by LINE, by friends on their phones, or by monitoring, without an account.
  declareAccess(app, 'public');
  app.get('/api/health', { schema: { tags: ['system'], response: { 200: HealthResponse, 503: HealthResponse } } }, async (_request, reply) => {
    const database = await app.pool.query('select 1').then(() => 'up' as const, () => 'down' as const);
    const queue = await app.boss.isInstalled().then((ok) => (ok ? 'up' as const : 'down' as const), () => 'down' as const);
    const ok = database === 'up' && queue === 'up';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, queue });
  });
};
