import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { users } from '../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** Returns undefined when the email is taken (a unique violation is the answer, not an error). */
export async function insertUser(db: DbOrTx, user: { email: string; name: string; passwordHash: string; isOperator: boolean }): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values({ ...user, email: normaliseEmail(user.email) }).onConflictDoNothing().returning();
  return row;
}

export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Serialises first-run sign-ups: only one of two racing requests becomes the owner. */
export async function lockFirstRun(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7316501)`);
}
