import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { CLICK_COUNT_DAYS } from '@lsb/shared/api';

/**
 * Who clicked, in a tracked link's URL (`/l/<token>/<linkId>`): the friend and the run whose send
 * carried the link, and until when the token counts clicks. Encrypted and authenticated
 * (AES-256-GCM under a key derived from the app's secret), so the token reveals no id to whoever
 * sees the URL, and a guessed or edited token is refused. The run is what attributes the click to a
 * send (the send of that run whose message holds this very URL).
 */
export interface ClickClaim {
  friendId: string;
  runId: string;
}

export interface VerifiedClick extends ClickClaim {
  expiresAt: Date;
  /** Past its expiry: the link still opens, the click no longer counts. */
  expired: boolean;
}

export interface ClickTokens {
  /** How long after the send a click still counts; shown to marketers with each tracked link. */
  readonly ttlDays: number;
  sign(claim: ClickClaim, now: Date): string;
  /** The claim, or null for anything this key did not make. */
  verify(token: string, now: Date): VerifiedClick | null;
}


// iv (12) + two uuids (32) + expiry in seconds (4) + GCM tag (16) = 64 bytes: 86 base64url characters.
const IV_BYTES = 12;
const ID_BYTES = 16;
const PLAIN_BYTES = ID_BYTES * 2 + 4;
const TAG_BYTES = 16;
const TOKEN_BYTES = IV_BYTES + PLAIN_BYTES + TAG_BYTES;
const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}$`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

export function createClickTokens(secretKey: string, ttlDays = CLICK_COUNT_DAYS): ClickTokens {
  // A key of its own, derived from the app's secret: the sealing key is never used for this.
  const key = createHmac('sha256', secretKey).update('lsb/click-token/v2').digest();
  return {
    ttlDays,
    sign({ friendId, runId }, now) {
      const expires = Buffer.alloc(4);
      expires.writeUInt32BE(Math.floor((now.getTime() + ttlDays * DAY_MS) / 1000));
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(Buffer.concat([uuidBytes(friendId), uuidBytes(runId), expires])), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    verify(token, now) {
      if (!TOKEN_PATTERN.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) return null;
      let plain: Buffer;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES + PLAIN_BYTES));
        plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + PLAIN_BYTES)), decipher.final()]);
      } catch {
        return null;
      }
      const expiresAt = new Date(plain.readUInt32BE(ID_BYTES * 2) * 1000);
      return {
        friendId: uuidText(plain.subarray(0, ID_BYTES)),
        runId: uuidText(plain.subarray(ID_BYTES, ID_BYTES * 2)),
        expiresAt,
        expired: now.getTime() > expiresAt.getTime(),
      };
    },
  };
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new RangeError('not a uuid');
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
