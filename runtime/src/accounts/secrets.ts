import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A single-use token for a link (reset, invitation): 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored: a stolen table cannot be replayed as links. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The session cookie's signing key, derived from this installation's secret key: a cookie from
 *  another installation (another key) fails its signature and is no session here. */
export function sessionSecret(secretKey: string): string {
  return createHmac('sha256', secretKey).update('lsb session cookie v1').digest('base64url');
}
