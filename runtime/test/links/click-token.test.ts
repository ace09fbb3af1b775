import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createClickTokens } from '../../src/crypto/click-token.ts';

describe('click tokens', () => {
  const tokens = createClickTokens('a-secret-key-a-secret-key-a-secret-key', 30);
  const claim = { friendId: randomUUID(), runId: randomUUID() };
  const now = new Date('2026-04-01T00:00:00Z');

  test('verify what was made, URL-safely, with its expiry; the token is opaque and differs each time', () => {
    const token = tokens.sign(claim, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(tokens.verify(token, now)).toEqual({ ...claim, expiresAt: new Date('2026-05-01T00:00:00Z'), expired: false });
    expect(tokens.sign(claim, now)).not.toBe(token);
    // No id can be read from it, in any encoding.
    const bytes = Buffer.from(token, 'base64url').toString('hex');
    for (const id of [claim.friendId, claim.runId]) expect(bytes).not.toContain(id.replaceAll('-', '').slice(0, 8));
  });

  test('past its expiry it still verifies, marked expired', () => {
    const token = tokens.sign(claim, now);
    expect(tokens.verify(token, new Date('2026-05-01T00:00:01Z'))?.expired).toBe(true);
  });

  test('refuse any edited character, another key, and junk', () => {
    const token = tokens.sign(claim, now);
    for (let i = 0; i < token.length - 1; i++) {
      const edited = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(tokens.verify(edited, now), `char ${i}`).toBeNull();
    }
    expect(createClickTokens('another-key-another-key-another-key').verify(token, now)).toBeNull();
    for (const junk of ['', 'x', `${token}=`, token.slice(1), '*'.repeat(86)]) expect(tokens.verify(junk, now)).toBeNull();
  });
});
