import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestClock } from 'pg-boss';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.ts';
import type { Clock } from '../../src/clock.ts';
import type { TickTuning } from '../../src/jobs/work.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { injectAs, signUpOwner, type TestUser } from './auth.ts';

export interface TestApp {
  /** The app; its `inject` acts as `owner` (cookie + CSRF token) unless a call sets cookie or authorization itself. */
  app: App;
  /** The first-run owner, signed up through the API; operator of the installation. */
  owner: TestUser;
  /** inject without any session: what a stranger on the internet gets. */
  anonymous: (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  database: TestDatabase;
  /** Moves time for the API, the engine and pg-boss's timers at once. */
  clock: TestClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Default off: most route tests assert on what the API wrote, not on what workers did later. */
  workers?: boolean;
  start?: string;
  env?: Record<string, string>;
  /** Default true: sign up the first-run owner and make `app.inject` act as them. */
  signUpOwner?: boolean;
  /** The set-based loops' settings (small chunks make a broadcast take several passes). */
  ticks?: Partial<TickTuning>;
  /** A folder served as the editor's build, as `npm start` serves editor/dist. */
  editorDist?: string;
}

export type { TestUser };

/** The real app on its own real database, with a hand-driven clock; call close() in afterAll. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase({ testClock: true });
  const clock = new TestClock(options.start ?? '2026-04-01T00:00:00.000Z');
  const appClock: Clock = {
    now: () => new Date(clock.now()),
    // Moving the test clock fires pg-boss's polls; the real pause lets their handlers do IO.
    sleep: async (ms) => {
      await clock.tick(ms);
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lsb-test-')),
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://runtime.test',
    ...options.env,
  });
  const app = await buildApp({
    config,
    pool: database.pool,
    databaseUrl: database.url,
    clock: appClock,
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    bossClock: clock,
    workers: options.workers ?? false,
    ...(options.editorDist ? { editorDist: options.editorDist } : {}),
    tuning: { batchSize: 10, pollingIntervalSeconds: 0.5, localConcurrency: 1, ...(options.ticks ? { ticks: options.ticks } : {}) },
  });
  // Listening, because channels bound to the built-in fake LINE reach it over real HTTP, as in production.
  await app.listen({ host: '127.0.0.1', port: 0 });
  // Tests act as a logged-in owner by default, through the API like a browser would.
  const raw = app.inject.bind(app) as (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const anonymous = (options: InjectOptions | string) => raw(options);
  const owner = options.signUpOwner === false ? (undefined as unknown as TestUser) : await signUpOwner(anonymous);
  if (owner) app.inject = injectAs(anonymous, owner.cookie, owner.csrfToken) as unknown as typeof app.inject;
  return {
    app,
    owner,
    anonymous,
    database,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
