import { hash } from 'node:crypto';

/**
 * Identical rendered messages share a digest: the sender multicasts them together. Drawn for every
 * send a step writes, with the one-shot hash API (a Hash object per call took twice as long).
 */
export function digestOf(messages: unknown[]): string {
  const shared = sharedDigests.get(messages);
  if (shared !== undefined) return shared;
  const digest = hash('sha256', JSON.stringify(messages), 'base64url');
  if (Object.isFrozen(messages)) sharedDigests.set(messages, digest);
  return digest;
}

/**
 * Digests of frozen message arrays, which never change: an impersonal rendering (@lsb/shared's
 * impersonalRendering) is one array shared by every send of its node, hashed once.
 */
const sharedDigests = new WeakMap<unknown[], string>();
