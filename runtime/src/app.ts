import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import type { Config } from './config.ts';
import { databasePlugin } from './plugins/database.ts';
import { queuePlugin } from './plugins/queue.ts';
import { editorStaticPlugin } from './plugins/editor-static.ts';
import { errorHandlerPlugin } from './plugins/error-handler.ts';
import { healthRoutes } from './routes/health.ts';

export interface AppOptions {
  config: Config;
  pool: pg.Pool;
  databaseUrl: string;
  editorDist?: string;
  logger?: FastifyServerOptions['logger'];
  supervise?: boolean;
}

/** The whole product as a Fastify plugin tree: tests build it and call inject(); server.ts listens. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  try {
    await registerEverything(app, options);
  } catch (error) {
    await app.close(); // stops whatever started before the failure (the queue, its pool)
    throw error;
  }
  return app;
}

async function registerEverything(app: FastifyInstance, options: AppOptions) {
  await app.register(errorHandlerPlugin);
  await app.register(swagger, {
    openapi: { info: { title: 'LINE scenario builder API', version: '1.0.0' } },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(databasePlugin, { pool: options.pool });
  await app.register(queuePlugin, { databaseUrl: options.databaseUrl, supervise: options.supervise ?? true });

  await app.register(healthRoutes);

  if (options.editorDist) await app.register(editorStaticPlugin, { dist: options.editorDist });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
