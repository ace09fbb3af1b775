import { ApiError, badRequest } from '../errors.ts';
import type { Me, SignupBody, User } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { assertStrongPassword, decoyPasswordHash, hashPassword, verifyPassword } from '../accounts/passwords.ts';
import { randomToken, sha256 } from '../accounts/secrets.ts';
import type { Mailer } from '../accounts/mailer.ts';
import { claimOrphanWorkspaces, insertOrganization, organizationsOf, workspacesOf } from '../store/memberships.ts';
import { findPasswordResetForUpdate, insertPasswordReset, markPasswordResetUsed, voidPasswordResets } from '../store/one-time-tokens.ts';
import { deleteUserSessions } from '../store/sessions.ts';
import { countUsers, findUserByEmail, insertUser, lockFirstRun, setPasswordHash, type UserRow } from '../store/users.ts';
import { bilingualMail } from './account-mail.ts';

export type { UserRow };

const RESET_TTL_MS = 3600 * 1000;

export const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'The email or the password is wrong.');

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, isOperator: row.isOperator, createdAt: row.createdAt.toISOString() };
}

export async function needsOwner(db: Db): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/** The first visit to an empty installation: the owner, their organization, and the demo workspace for it. */
export async function signUpFirstOwner(db: Db, body: SignupBody): Promise<UserRow> {
  assertStrongPassword(body.password);
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    await lockFirstRun(tx);
    if ((await countUsers(tx)) > 0) throw new ApiError(403, 'signup_closed', 'This installation already has an owner; ask them for an invitation.');
    const user = await insertUser(tx, { email: body.email, name: body.name, passwordHash, isOperator: true });
    if (!user) throw new ApiError(409, 'email_taken', 'An account with this email exists.');
    const organization = await insertOrganization(tx, body.organizationName ?? body.name, user.id);
    await claimOrphanWorkspaces(tx, organization.id, user.id);
    return user;
  });
}

/** An unknown email costs the same argon2 verification as a wrong password and gets the same answer. */
export async function logIn(db: Db, email: string, password: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? await decoyPasswordHash(), password);
  if (!user || !ok) throw invalidCredentials();
  return user;
}

export async function meOf(db: Db, user: UserRow, current: { organizationId?: string; workspaceId?: string }): Promise<Me> {
  const [organizations, workspaces] = await Promise.all([organizationsOf(db, user.id), workspacesOf(db, user.id)]);
  const organizationId = current.organizationId && organizations.some((o) => o.id === current.organizationId) ? current.organizationId : null;
  const workspaceId = current.workspaceId && workspaces.some((w) => w.id === current.workspaceId) ? current.workspaceId : null;
  return {
    user: toUser(user),
    organizations: organizations.map(({ id, name, role }) => ({ id, name, role })),
    workspaces,
    current: { organizationId, workspaceId },
  };
}

/** The caller's other sessions end; the caller's own is rotated by the route. */
export async function changePassword(db: Db, user: UserRow, currentPassword: string, newPassword: string, keepSid: string): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw badRequest('current_password_wrong', 'The current password is wrong.');
  assertStrongPassword(newPassword);
  await setPasswordHash(db, user.id, await hashPassword(newPassword));
  await deleteUserSessions(db, user.id, keepSid);
}

/** Always the same answer: whether the email has an account is never told. */
export async function requestPasswordReset(db: Db, mailer: Mailer, email: string, now: Date, publicUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const token = randomToken();
  await insertPasswordReset(db, { userId: user.id, tokenHash: sha256(token), createdAt: now, expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
  const link = `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await mailer.send(bilingualMail('password_reset', user.email, link, (t) => ({ subject: t('mail.resetSubject'), text: t('mail.resetText', { link }) })));
}

/** Checks the link, sets the password, uses the link up and ends every session of the user. A weak password changes nothing. */
export async function resetPassword(db: Db, token: string, newPassword: string, now: Date): Promise<void> {
  const tokenHash = sha256(token);
  assertStrongPassword(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const reset = await findPasswordResetForUpdate(tx, tokenHash);
    assertUsableToken(reset && { usedAt: reset.usedAt, expiresAt: reset.expiresAt }, now);
    await setPasswordHash(tx, reset!.userId, passwordHash);
    await markPasswordResetUsed(tx, reset!.id, now);
    await voidPasswordResets(tx, reset!.userId, now);
    await deleteUserSessions(tx, reset!.userId);
  });
}

/** The three ways a single-use link fails, each with its own code. */
export function assertUsableToken(row: { usedAt: Date | null; expiresAt: Date } | undefined, now: Date): void {
  if (!row) throw badRequest('token_invalid', 'This link is not valid. Ask for a new one.');
  if (row.usedAt) throw badRequest('token_used', 'This link was already used. Ask for a new one.');
  if (row.expiresAt.getTime() <= now.getTime()) throw badRequest('token_expired', 'This link has expired. Ask for a new one.');
}
