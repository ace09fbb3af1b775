import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who clicked, in a tracked link's URL (`/l/<token>/<linkId>`): the friend and the run whose send
 * carried the link. Signed with an HMAC keyed by the app's secret, so a guessed or edited token
 * cannot record a click for someone else. The run is what attributes the click to a send (the
 * send of that run whose message holds this very URL).
 */
export interface ClickClaim {
  friendId: string;
  runId: string;
}

export interface ClickTokens {
  sign(claim: ClickClaim): string;
  /** The claim, or null for anything not signed by this key. */
  verify(token: string): ClickClaim | null;
}

// Two uuids (16 bytes each) then 16 bytes of HMAC-SHA256: 64 base64url characters, short enough
// for a chat message. 128 bits of MAC is far beyond guessing over HTTP.
const ID_BYTES = 16;
const MAC_BYTES = 16;
const TOKEN_BYTES = ID_BYTES * 2 + MAC_BYTES;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createClickTokens(secretKey: string): ClickTokens {
  // A key of its own, derived from the app's secret: the sealing key is never used as a MAC key.
  const key = createHmac('sha256', secretKey).update('lsb/click-token/v1').digest();
  const mac = (payload: Buffer) => createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
  return {
    sign({ friendId, runId }) {
      const payload = Buffer.concat([uuidBytes(friendId), uuidBytes(runId)]);
      return Buffer.concat([payload, mac(payload)]).toString('base64url');
    },
    verify(token) {
      if (!/^[A-Za-z0-9_-]{64}$/.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) return null;
      const payload = bytes.subarray(0, ID_BYTES * 2);
      if (!timingSafeEqual(bytes.subarray(ID_BYTES * 2), mac(payload))) return null;
      return { friendId: uuidText(payload.subarray(0, ID_BYTES)), runId: uuidText(payload.subarray(ID_BYTES)) };
    },
  };
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new RangeError(`not a uuid: ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
