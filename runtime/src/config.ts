import { existsSync, statfsSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { StartupError } from './startup-error.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** Unset: an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ default: path.join(repoRoot, '.data') }),
  EMBEDDED_PG_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 54329 }),
  /** Unset: channels without credentials talk to the built-in fake LINE server. */
  LINE_API_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** A LINE call not answered in this time is retried with the same retry key (tests shorten it). */
  LINE_REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 120_000, default: 10_000 }),
  /** The address LINE (or the fake) reaches webhooks on; defaults to this server's own URL. */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** 32+ characters; unset: a key generated once and kept in DATA_DIR. */
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  /** smtp(s)://user:pass@host:port — unset: mail (invitations, resets) goes to the operator's outbox page and the log. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** The From: of the product's mail. */
  MAIL_FROM: Type.String({ default: 'LINE scenario builder <no-reply@localhost>' }),
  /** Log-in and reset attempts per client address per minute (each account also has its own limit). */
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 30 }),
  EDITOR_DIST: Type.String({ default: path.join(repoRoot, 'editor', 'dist') }),
  /**
   * What this process runs: `api` (HTTP: editor, API, webhooks), `worker` (the wake tick, the
   * sender and the job workers; HTTP only for /api/health) or `both` (the default, one process).
   * Several worker processes on one PostgreSQL share the work (docs/architecture.md).
   */
  /**
   * The fake LINE platform built into the runtime (the demo's channel and the simulator use it):
   * `builtin` by default in development, `off` by default (and only) when NODE_ENV=production.
   */
  FAKE_LINE: Type.Optional(Type.Union([Type.Literal('builtin'), Type.Literal('off')])),
  /** The built-in fake LINE listens on its own port (0: any free one), never on the runtime's. */
  FAKE_LINE_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  ROLE: Type.Union([Type.Literal('api'), Type.Literal('worker'), Type.Literal('both')], { default: 'both' }),
  LOG_LEVEL: Type.Union(LOG_LEVELS.map((level) => Type.Literal(level)), { default: 'warn' }),
});

export type Config = Static<typeof ConfigSchema>;

/** Validated once at boot; every problem is reported by variable name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, known));
  if (!Value.Check(ConfigSchema, converted)) {
    const [first] = Value.Errors(ConfigSchema, converted);
    const name = first?.instancePath.replace(/^\//, '') || 'configuration';
    const allowed = allowedValues(name);
    if (allowed) throw new StartupError(`${name} is invalid (${JSON.stringify(env[name])})`, `set ${name} to one of ${allowed.join(', ')}`);
    throw new StartupError(`${name} is invalid (${first?.message ?? 'unexpected value'})`, `fix ${name} in the environment`);
  }
  const config = converted as Config;
  checkDataDir(config.DATA_DIR);
  const production = env.NODE_ENV === 'production';
  if (production && config.FAKE_LINE === 'builtin') {
    throw new StartupError('FAKE_LINE=builtin is a development tool and never runs with NODE_ENV=production', 'unset FAKE_LINE (or NODE_ENV for a local demo)');
  }
  config.FAKE_LINE ??= production ? 'off' : 'builtin';
  return config;
}

/** The literal values a variable may take (a union of literals), to name them in the error. */
function allowedValues(name: string): string[] | undefined {
  const schema = (ConfigSchema.properties as Record<string, { anyOf?: Array<{ const?: unknown }> }>)[name];
  const values = schema?.anyOf?.map((option) => option.const);
  return values?.every((value) => typeof value === 'string') ? values as string[] : undefined;
}

/**
 * Kernel file systems (`/proc`, `/sys`, ...) look like folders but cannot hold data; writing there
 * used to hang the start. Asked of the nearest folder that exists, before anything is written.
 */
const SPECIAL_FILE_SYSTEMS: Record<number, string> = {
  0x9fa0: 'proc', 0x62656572: 'sysfs', 0x1cd1: 'devpts', 0x64626720: 'debugfs', 0x73636673: 'securityfs',
  0x27e0eb: 'cgroup', 0x63677270: 'cgroup2', 0x74726163: 'tracefs', 0x6e736673: 'nsfs', 0xcafe4a11: 'bpf',
  0x42494e4d: 'binfmt_misc', 0x19800202: 'mqueue', 0x50495045: 'pipefs', 0x62646576: 'bdev', 0x6165676c: 'pstore',
  0xf97cff8c: 'selinuxfs', 0x67596969: 'rpc_pipefs',
};

function checkDataDir(dataDir: string): void {
  let dir = path.resolve(dataDir);
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  let type: number;
  try {
    type = statfsSync(dir).type;
  } catch {
    return; // not Linux-like, or unreadable: the later write names the problem
  }
  const kind = SPECIAL_FILE_SYSTEMS[type];
  if (kind) {
    throw new StartupError(`DATA_DIR ${dataDir} is on the ${kind} file system, which cannot hold data`, 'set DATA_DIR to a folder on a disk');
  }
}

/** HOST must name an address of this machine; an unknown name fails here with one line, not at listen. */
export async function checkHost(host: string): Promise<void> {
  try {
    await lookup(host);
  } catch {
    throw new StartupError(`HOST ${host} does not resolve to an address`, 'set HOST to an address of this machine, e.g. 127.0.0.1 or 0.0.0.0');
  }
}
