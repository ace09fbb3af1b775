import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `x-line-signature`: base64 HMAC-SHA256 of the raw body bytes keyed with the channel secret. It must
 * be computed over the exact bytes received, before any JSON parsing.
 */
export function signWebhookBody(body: string | Uint8Array, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

export function verifyWebhookSignature(body: string | Uint8Array, channelSecret: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhookBody(body, channelSecret), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
