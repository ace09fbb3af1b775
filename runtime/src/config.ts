import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { StartupError } from './startup-error.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
  ROLE: Type.Union([Type.Literal('api'), Type.Literal('worker'), Type.Literal('both')], { default: 'both' }),
  LOG_LEVEL: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('silent')], { default: 'warn' }),
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
    throw new StartupError(`${name} is invalid (${first?.message ?? 'unexpected value'})`, `fix ${name} in the environment`);
  }
  return converted as Config;
}
