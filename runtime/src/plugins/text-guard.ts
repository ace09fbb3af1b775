import fp from 'fastify-plugin';
import { ApiError } from '../errors.ts';

/**
 * No string with U+0000 or a lone surrogate gets past the HTTP boundary. PostgreSQL stores neither
 * (text refuses NUL, jsonb refuses the escapes), so unchecked they surfaced as 500s deep inside a
 * transaction; here they are a 400 naming where the bad character is. The webhook checks its own
 * raw bytes (webhook/), and the fake LINE server answers in LINE's shape, so both are left alone.
 */
export const textGuardPlugin = fp(async (app) => {
  const exempt = (url: string) => url.startsWith('/webhooks/') || url.startsWith('/v2/bot/') || url.startsWith('/fake-line/');
  // The address is checked on arrival, before the access check answers 404 for a workspace id it
  // cannot read; the body once it is parsed.
  app.addHook('onRequest', async (request) => {
    if (exempt(request.url)) return;
    for (const [part, value] of [['params', request.params], ['query', request.query]] as const) {
      const where = overflowingNumberAt(value, part);
      if (where !== undefined) throw new ApiError(400, 'invalid_number', 'A number in the address is out of range.', { path: where });
    }
    for (const [part, value] of [['params', request.params], ['query', request.query]] as const) rejectBadText(value, part);
  });
  app.addHook('preValidation', async (request) => {
    if (!exempt(request.url)) rejectBadText(request.body, 'body');
  });
}, { name: 'text-guard' });

function rejectBadText(value: unknown, part: string): void {
  const where = badTextAt(value, part);
  if (where !== undefined) throw new ApiError(400, 'invalid_text', 'Text may not contain U+0000 or an unpaired surrogate.', { path: where });
}

const MAX_DEPTH = 64;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Digits too many for a double ("9" x 400) become Infinity when the schema coerces them, and ajv then
 * lets Infinity through an integer's maximum; caught here, before validation, as 400.
 */
function overflowingNumberAt(value: unknown, path: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    for (const text of Array.isArray(item) ? item : [item]) {
      if (typeof text === 'string' && NUMERIC.test(text) && !Number.isFinite(Number(text))) return `${path}/${key}`;
    }
  }
  return undefined;
}

/** The path of the first string (or object key) that is not well-formed text, or undefined. */
export function badTextAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return isCleanText(value) ? undefined : path;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  // No stored document is this deep; refusing it also keeps this walk (and later ones) off the stack's edge.
  if (depth > MAX_DEPTH) throw new ApiError(400, 'too_deeply_nested', `Values may be nested at most ${MAX_DEPTH} levels deep.`, { path });
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = badTextAt(item, `${path}/${index}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isCleanText(key)) return `${path}/${key.replaceAll('\u0000', '?').replace(/[\ud800-\udfff]/g, '?')}`;
    const found = badTextAt(item, `${path}/${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isCleanText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}
