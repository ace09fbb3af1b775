import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { WorkspaceRole } from '@lsb/shared/api';
import { invitations, passwordResets, users } from '../db/schema/index.ts';
import type { DbOrTx } from './users.ts';

// Reset links and invitations: stored as hashes, single use, expiring.

export async function insertPasswordReset(db: DbOrTx, row: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.insert(passwordResets).values(row);
}

/** Locked for the transaction that uses it, so a link raced twice is used once. */
export async function findPasswordResetForUpdate(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for('update');
  return row;
}

export async function markPasswordResetUsed(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(passwordResets).set({ usedAt: at }).where(eq(passwordResets.id, id));
}

/** A successful reset voids the user's other outstanding links. */
export async function voidPasswordResets(db: DbOrTx, userId: string, at: Date): Promise<void> {
  await db.update(passwordResets).set({ usedAt: at }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(db: DbOrTx, row: { workspaceId: string; email: string; role: WorkspaceRole; tokenHash: string; invitedBy: string; createdAt: Date; expiresAt: Date }) {
  const [created] = await db.insert(invitations).values(row).returning();
  return created!;
}

/** Pending invitations to the same email are replaced by a new one. */
export async function revokePendingInvitations(db: DbOrTx, workspaceId: string, email: string, at: Date): Promise<void> {
  await db.update(invitations).set({ revokedAt: at })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
}

export async function listPendingInvitations(db: DbOrTx, workspaceId: string, now: Date) {
  return db.select({ invitation: invitations, inviter: { id: users.id, name: users.name, email: users.email } })
    .from(invitations).innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
}

export async function findInvitation(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)));
  return row;
}

export async function findInvitationByHash(db: DbOrTx, tokenHash: string, forUpdate = false) {
  const query = db.select({ invitation: invitations, inviterName: users.name }).from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedBy)).where(eq(invitations.tokenHash, tokenHash));
  const [row] = forUpdate ? await query.for('update', { of: invitations }) : await query;
  return row;
}

export async function markInvitation(db: DbOrTx, id: string, change: { acceptedAt?: Date; revokedAt?: Date }): Promise<void> {
  await db.update(invitations).set(change).where(eq(invitations.id, id));
}
