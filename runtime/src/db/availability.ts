/**
 * What a PostgreSQL error says about the work that met it. Both checks walk the cause chain:
 * drizzle wraps the driver's error as its cause.
 */

/**
 * "PostgreSQL is not there right now" (stopped, restarting, unreachable), as opposed to a statement
 * that failed. Such a failure is temporary: the API answers 503 (LINE redelivers a webhook it got
 * 503 for), workers retry, and nothing is reported as a bug.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/** A transaction that lost a race to another (deadlock_detected, serialization_failure): nothing is wrong with its work. */
const CONFLICT_CODES = new Set(['40P01', '40001']);

export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(({ code, message }) =>
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)));
}

export function isTransientConflict(error: unknown): boolean {
  return causes(error).some(({ code }) => typeof code === 'string' && CONFLICT_CODES.has(code));
}

/** The error and up to three causes under it. */
function causes(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const found: Array<{ code?: unknown; message?: unknown; cause?: unknown }> = [];
  for (let current = error; current && typeof current === 'object' && found.length < 4; current = (current as { cause?: unknown }).cause) {
    found.push(current as { code?: unknown; message?: unknown; cause?: unknown });
  }
  return found;
}
