import { hash } from 'node:crypto';

/**
 * Identical rendered messages share a digest: the sender multicasts them together. Drawn for every
 * send a step writes, with the one-shot hash API (a Hash object per call took twice as long).
 */
export function digestOf(messages: unknown[]): string {
  return hash('sha256', JSON.stringify(messages), 'base64url');
}
