import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import type { Clock as BossClock } from 'pg-boss';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createClickTokens, type ClickTokens } from './crypto/click-token.ts';
import { createSecretBox, loadSecretKey, type SecretBox } from './crypto/secrets.ts';
import { createQueues } from './store/queues.ts';
import { createCredentialsCache, type CredentialsCache } from './store/channel-credentials.ts';
import { replanFieldWaits } from './runs/field-changes.ts';
import type { FieldsChanged } from './services/friend-fields.ts';
import { DEFAULT_TUNING, type WorkerTuning } from './jobs/work.ts';
import { startWorkers, wakeDueRuns } from './jobs/workers.ts';
import { createDrainer } from './ingest/drain.ts';
import { FakeLine, startFakeLineServer } from './line/fake/index.ts';
import { createLineGateway, type LineGateway } from './sending/line-gateway.ts';
import { databasePlugin } from './plugins/database.ts';
import { editorStaticPlugin } from './plugins/editor-static.ts';
import { errorHandlerPlugin, notFoundPlugin } from './plugins/error-handler.ts';
import { queuePlugin } from './plugins/queue.ts';
import { accessCheckPlugin, accessPlugin, declareAccess } from './plugins/access.ts';
import { securityPlugin } from './plugins/security.ts';
import { createMailer, type Mailer } from './accounts/mailer.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { mailRoutes } from './routes/mail.ts';
import { invitationRoutes, memberRoutes } from './routes/members.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { textGuardPlugin } from './plugins/text-guard.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { catalogueManageRoutes } from './routes/catalogue-manage.ts';
import { friendRoutes } from './routes/friends.ts';
import { friendDataRoutes } from './routes/friend-data.ts';
import { friendTableRoutes } from './routes/friend-table.ts';
import { broadcastRoutes } from './routes/broadcasts.ts';
import { segmentRoutes } from './routes/segments.ts';
import { healthRoutes } from './routes/health.ts';
import { linkRoutes } from './routes/links.ts';
import { conversionRoutes } from './routes/conversions.ts';
import { conversionPublicRoutes } from './routes/conversion-public.ts';
import { measureRoutes } from './routes/measure.ts';
import { inflowApiRoutes } from './routes/inflow-routes.ts';
import { inflowPublicRoutes } from './routes/inflow-pages.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { templateRoutes } from './routes/templates.ts';
import { templateRolloutRoutes } from './routes/template-rollouts.ts';
import { simulatorRoutes } from './routes/simulator.ts';
import { workspaceRoutes } from './routes/workspaces.ts';
import type { RunContext } from './runs/context.ts';
import { webhookRoutes } from './webhook/route.ts';

export interface AppOptions {
  config: Config;
  pool: pg.Pool;
  databaseUrl: string;
  editorDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Time for the engine, the API and (through bossClock) pg-boss's timers; tests move it by hand. */
  clock?: Clock;
  bossClock?: BossClock;
  /** Tests that drive jobs themselves turn the workers off (as ROLE=api does). */
  workers?: boolean;
  tuning?: WorkerTuning;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    secretBox: SecretBox;
    clickTokens: ClickTokens;
    line: LineGateway;
    channelCredentials: CredentialsCache;
    fakeLine: FakeLine;
    runContext: RunContext;
    mailer: Mailer;
    /** The interpreter as routes and services see it (they do not import runs/). */
    runs: { resumeScenario(workspaceId: string, scenarioId: string): Promise<number>; fieldsChanged: FieldsChanged };
    /** This process's own address once listening. */
    ownBaseUrl(): string;
    /** Where the built-in fake LINE listens (its own port); throws when FAKE_LINE=off. */
    fakeLineUrl(): string;
  }
}

/** The largest API body: room for large scenario graphs, while bounding what one request makes the server parse. */
const API_BODY_LIMIT_BYTES = 1024 * 1024;

/** The whole product as a Fastify plugin tree: tests build it and call inject(); server.ts listens. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: API_BODY_LIMIT_BYTES,
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
  const { config } = options;
  app.decorate('config', config);
  app.decorate('clock', options.clock ?? systemClock);
  const secretKey = loadSecretKey(config.SECRET_KEY, config.DATA_DIR);
  app.decorate('secretBox', createSecretBox(secretKey));
  app.decorate('clickTokens', createClickTokens(secretKey));

  await app.register(errorHandlerPlugin);
  await app.register(textGuardPlugin);
  await app.register(swagger, { openapi: { info: { title: 'LINE scenario builder API', version: '1.0.0' } } });

  await app.register(databasePlugin, { pool: options.pool });
  // The route table and who may call which route; checked in the browser's context below.
  await app.register(accessPlugin);
  app.decorate('mailer', createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, db: app.db, log: app.log, now: () => app.clock.now() }));
  await app.register(queuePlugin, { databaseUrl: options.databaseUrl, clock: options.bossClock });
  await createQueues(app.boss);

  const fakeLine = new FakeLine({ now: () => app.clock.now().getTime() });
  app.decorate('fakeLine', fakeLine);
  app.decorate('ownBaseUrl', () => ownBaseUrl(app));
  // Only when the operator chose it (the default of a development start, never with NODE_ENV=production),
  // and on a port of its own: the runtime's origin serves the product, not LINE's API. Its control
  // routes (/fake-line/...) are not served: the simulator uses the object directly, and the standalone
  // `npm run fake-line` serves them behind a secret.
  let fakeLineUrl: string | undefined;
  if (config.FAKE_LINE !== 'off') {
    const server = await startFakeLineServer({ fake: fakeLine, controlApi: false, host: '127.0.0.1', port: config.FAKE_LINE_PORT });
    fakeLineUrl = server.url;
    app.addHook('onClose', () => server.close());
  }
  app.decorate('fakeLineUrl', () => {
    if (!fakeLineUrl) throw new Error('the built-in fake LINE is off (FAKE_LINE=off): a fake channel cannot be reached');
    return fakeLineUrl;
  });
  app.decorate('channelCredentials', createCredentialsCache(app.db, app.secretBox));
  app.decorate('line', createLineGateway({
    db: app.db, credentials: app.channelCredentials, apiBaseUrl: config.LINE_API_BASE_URL, fakeLineUrl: () => app.fakeLineUrl(), timeoutMs: config.LINE_REQUEST_TIMEOUT_MS,
  }));
  const runContext: RunContext = {
    boss: app.boss,
    clock: app.clock,
    fetchProfile: (channelId, userId) => app.line.profile(channelId, userId),
    // Friends open these on their phones: PUBLIC_URL in production, this server's address locally.
    clickBaseUrl: (friendId, runId) => `${config.PUBLIC_URL ?? ownBaseUrl(app)}/l/${app.clickTokens.sign({ friendId, runId }, app.clock.now())}`,
  };
  app.decorate('runContext', runContext);
  app.decorate('runs', {
    resumeScenario: (workspaceId: string, scenarioId: string) => wakeDueRuns(app.db, runContext, workspaceId, scenarioId),
    fieldsChanged: (tx, changes) => replanFieldWaits(tx, runContext, changes),
  } satisfies FastifyInstance['runs']);

  // ROLE=worker serves only /api/health (and the built-in fake LINE above): no editor, API or webhooks.
  const serveApi = config.ROLE !== 'worker';
  // ROLE=api runs no workers: its jobs and due runs are taken by the worker processes.
  const runWorkers = options.workers !== false && config.ROLE !== 'api';
  // One webhook drain per process: the webhook route drains its own commits with it, the workers'
  // jobs and sweep with it too, so a channel is drained once at a time here.
  const ingest = runWorkers ? createDrainer({ db: app.db, ctx: runContext, log: app.log }) : undefined;
  // LINE's webhook is a machine's signed POST, outside the browser's context: no cookie, session,
  // CSRF token or security headers, which cost more than its own work per POST (about 100 µs).
  if (serveApi) await app.register(webhookRoutes, { drainHere: ingest?.startDrain });
  await app.register(async (browser) => {
    // Host/Origin checks, security headers, the session cookie, CSRF and rate limits; then the
    // access check, which knows a person by the session.
    await browser.register(securityPlugin, { secretKey });
    await browser.register(accessCheckPlugin);
    await browser.register(notFoundPlugin);
    await browser.register(async (docs) => {
      declareAccess(docs, 'public');
      await docs.register(swaggerUi, { routePrefix: '/docs' });
    });
    await browser.register(healthRoutes);
    if (serveApi) await registerBrowserRoutes(browser);
    if (options.editorDist && serveApi) await browser.register(editorStaticPlugin, { dist: options.editorDist });
  });

  if (ingest) {
    const stopWorkers = await startWorkers({ db: app.db, boss: app.boss, log: app.log, ctx: runContext, gateway: app.line, tuning: options.tuning ?? DEFAULT_TUNING, ingest });
    app.addHook('onClose', stopWorkers);
  }
}

/** The product's API and pages, for people (browsers) and their API tokens. */
async function registerBrowserRoutes(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(invitationRoutes);
  await app.register(organizationRoutes);
  await app.register(memberRoutes);
  await app.register(apiTokenRoutes);
  await app.register(auditRoutes);
  await app.register(mailRoutes);
  await app.register(workspaceRoutes);
  await app.register(catalogueRoutes);
  await app.register(catalogueManageRoutes);
  await app.register(scenarioRoutes);
  await app.register(friendRoutes);
  await app.register(friendDataRoutes);
  await app.register(segmentRoutes);
  await app.register(broadcastRoutes);
  await app.register(friendTableRoutes);
  await app.register(simulatorRoutes);
  await app.register(linkRoutes);
  await app.register(conversionRoutes);
  await app.register(conversionPublicRoutes);
  await app.register(measureRoutes);
  await app.register(inflowApiRoutes);
  await app.register(inflowPublicRoutes);
  await app.register(templateRoutes);
  await app.register(templateRolloutRoutes);
}

/** This process's own address, once listening: fake-bound channels and the simulator call it. */
function ownBaseUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (address && typeof address === 'object') {
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }
  return app.config.PUBLIC_URL ?? `http://127.0.0.1:${app.config.PORT}`;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
