import { hash } from 'node:crypto';

/**
 * Retry keys derived from what a send is, not when it ran: the same (run, node, visit) always gives
 * the same UUID, so a worker that crashed after LINE accepted the send retries with the same key and
 * LINE answers 409 instead of sending twice.
 */

/** This product's namespace for name-based (v5) UUIDs; changing it would re-key every pending send. */
export const RETRY_KEY_NAMESPACE = '6f0d3a52-3c1e-4b8f-9a64-1d2e7c5b9f30';

export function retryKeyFor(runId: string, nodeId: string, visit: number): string {
  return retryKeyFrom(['send', runId, nodeId, visit]);
}

/** For sends keyed by something else, e.g. a cohort batch: `['cohort', versionId, nodeId, dueAt, batch]`. */
export function retryKeyFrom(parts: Array<string | number>): string {
  return uuidV5(JSON.stringify(parts), RETRY_KEY_NAMESPACE);
}

const namespaceBytes = new Map<string, Buffer>();

/**
 * RFC 9562 version 5: SHA-1 over namespace bytes and name, with version and variant bits set. One
 * is drawn per send a step writes: the namespace is parsed once and hashed with the one-shot API
 * (half the time of a Hash object per call).
 */
export function uuidV5(name: string, namespace: string): string {
  let prefix = namespaceBytes.get(namespace);
  if (!prefix) namespaceBytes.set(namespace, prefix = Buffer.from(namespace.replaceAll('-', ''), 'hex'));
  const digest = hash('sha1', Buffer.concat([prefix, Buffer.from(name, 'utf8')]), 'buffer');
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
