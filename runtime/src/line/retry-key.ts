import { createHash } from 'node:crypto';

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

/** RFC 9562 version 5: SHA-1 over namespace bytes and name, with version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
