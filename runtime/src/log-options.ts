import { createHash } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * The logger the process runs with. Logs go to operators and log services, so they carry no message
 * texts and no raw LINE user ids: errors are reduced to their kind, code and a scrubbed message
 * (a drizzle error's message holds the query's parameters, a PostgreSQL error's detail the key
 * values), and fields that hold such data are redacted wherever they appear.
 */
export function loggerOptions(level: Config['LOG_LEVEL']): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    serializers: { err: safeError, error: safeError },
    redact: { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
  };
}

const REDACTED_FIELDS = ['text', 'messages', 'message.text', 'userId', 'lineUserId', 'displayName', 'to', 'params'];

const LINE_USER_ID = /U[0-9a-f]{32}/g;

/** A LINE user id as a short stable digest: the same person is recognisable across lines, never identifiable. */
function pseudonym(userId: string): string {
  return `U#${createHash('sha256').update(userId).digest('hex').slice(0, 10)}`;
}

/** Cuts what follows `params:` (drizzle appends the bound values there) and pseudonymises LINE ids. */
export function scrubText(text: string): string {
  const cut = text.search(/\nparams:/);
  const kept = cut >= 0 ? `${text.slice(0, cut)}\nparams: [redacted]` : text;
  return kept.replace(LINE_USER_ID, pseudonym);
}

interface ErrorLike { name?: string; message?: string; stack?: string; code?: unknown; statusCode?: unknown; constraint?: unknown; table?: unknown; column?: unknown; cause?: unknown }

interface SafeError { type: string; message: string; stack: string; [key: string]: unknown }

export function safeError(error: unknown, depth = 0): SafeError {
  if (!error || typeof error !== 'object') return { type: typeof error, message: scrubText(String(error)), stack: '' };
  const e = error as ErrorLike;
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: SafeError = {
    type: e.name ?? error.constructor?.name ?? 'Error',
    message: scrubText(e.message ?? ''),
    stack: frames.join('\n'),
  };
  for (const key of ['code', 'statusCode', 'constraint', 'table', 'column'] as const) {
    if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
  }
  if (e.cause && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}
