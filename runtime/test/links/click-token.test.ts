import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createClickTokens } from '../../src/crypto/click-token.ts';

describe('click tokens', () => {
  const tokens = createClickTokens('a-secret-key-a-secret-key-a-secret-key');
  const claim = { friendId: randomUUID(), runId: randomUUID() };

  test('verify what was signed, deterministically and URL-safely', () => {
    const token = tokens.sign(claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(tokens.sign(claim)).toBe(token);
    expect(tokens.verify(token)).toEqual(claim);
  });

  test('refuse any edited character, another key, and junk', () => {
    const token = tokens.sign(claim);
    for (let i = 0; i < token.length; i++) {
      const edited = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(tokens.verify(edited), `char ${i}`).toBeNull();
    }
    expect(createClickTokens('another-key-another-key-another-key').verify(token)).toBeNull();
    for (const junk of ['', 'x', `${token}=`, token.slice(1), '*'.repeat(64)]) expect(tokens.verify(junk)).toBeNull();
  });
});
