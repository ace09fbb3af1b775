import { createHash } from 'node:crypto';

/** The i-th person a bench's fake LINE knows: the same LINE user id in the bench and in the fake's process. */
export function benchUserId(i: number): string {
  return `U${createHash('md5').update(`bench-user-${i}`).digest('hex')}`;
}
