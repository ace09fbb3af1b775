import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { ApiTokenRole } from '@lsb/shared/api';
import { apiTokens, users } from '../db/schema/index.ts';
import type { DbOrTx } from './users.ts';

export async function insertApiToken(db: DbOrTx, row: { workspaceId: string; name: string; role: ApiTokenRole; tokenHash: string; prefix: string; createdBy: string; createdAt: Date }) {
  const [created] = await db.insert(apiTokens).values(row).returning({ id: apiTokens.id });
  return created!.id;
}

export async function listApiTokens(db: DbOrTx, workspaceId: string, id?: string) {
  return db.select({ token: apiTokens, creator: { id: users.id, name: users.name, email: users.email } })
    .from(apiTokens).innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.workspaceId, workspaceId), id ? eq(apiTokens.id, id) : undefined))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findLiveApiToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

/** Written at most once a minute per token, so a busy script does not turn every read into a write. */
export async function touchApiToken(db: DbOrTx, id: string, at: Date): Promise<void> {
  const aMinuteAgo = new Date(at.getTime() - 60_000);
  await db.update(apiTokens).set({ lastUsedAt: at })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, aMinuteAgo))));
}

export async function revokeApiToken(db: DbOrTx, workspaceId: string, id: string, at: Date) {
  const [row] = await db.update(apiTokens).set({ revokedAt: at })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning();
  return row;
}
