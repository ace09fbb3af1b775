import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH } from '@lsb/shared/api';
import { badRequest } from '../errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** argon2id (the library's default algorithm) with its default, OWASP-level cost. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash verifies nothing
  }
}

/** A hash of nothing in particular: an unknown email is verified against it, so it costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('decoy password that never matches anything');
  return decoyHash;
}

/** 400 `weak_password` with the reason: too short, or on the common-passwords list. */
export function assertStrongPassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw badRequest('weak_password', `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`, { reason: 'too_short', minLength: PASSWORD_MIN_LENGTH });
  }
  const folded = password.toLowerCase();
  if (COMMON_PASSWORDS.has(folded) || isRepetitive(folded)) {
    throw badRequest('weak_password', 'This password is too common; choose another one.', { reason: 'common' });
  }
}

/** One character or one short run repeated ("aaaaaaaaaaaa", "abcabcabcabc"). */
function isRepetitive(password: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const unit = password.slice(0, size);
    if (unit.repeat(Math.ceil(password.length / size)).slice(0, password.length) === password) return true;
  }
  return false;
}
