import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Session } from 'fastify';
import type { Db } from '../db/pool.ts';
import { sessions } from '../db/schema/index.ts';

type Callback<T = void> = (error?: unknown, value?: T) => void;
interface StoredSession { userId?: string; cookie?: { expires?: string | Date | null } }

/**
 * @fastify/session's store over PostgreSQL: sessions survive restarts and are shared by every
 * process, and a user's sessions can all be ended at once ("log out everywhere").
 */
export function createSessionStore(db: Db, now: () => Date, maxAgeMs: number) {
  return {
    get(sid: string, callback: (error: unknown, session?: Session | null) => void) {
      db.select({ data: sessions.data }).from(sessions).where(and(eq(sessions.sid, sid), gt(sessions.expiresAt, now())))
        .then(([row]) => callback(null, (row?.data ?? null) as Session | null), callback);
    },
    set(sid: string, stored: Session, callback: Callback) {
      const session = stored as StoredSession;
      const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(now().getTime() + maxAgeMs);
      const row = { sid, userId: session.userId ?? null, data: JSON.parse(JSON.stringify(session)) as unknown, expiresAt: expires };
      db.insert(sessions).values(row).onConflictDoUpdate({ target: sessions.sid, set: { userId: row.userId, data: row.data, expiresAt: row.expiresAt } })
        .then(() => callback(), callback);
    },
    destroy(sid: string, callback: Callback) {
      db.delete(sessions).where(eq(sessions.sid, sid)).then(() => callback(), callback);
    },
  };
}

/** Ends every session of the user, or every one but `keepSid`. */
export async function deleteUserSessions(db: Db, userId: string, keepSid?: string): Promise<void> {
  await db.delete(sessions).where(keepSid ? and(eq(sessions.userId, userId), ne(sessions.sid, keepSid)) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sid, sid));
}
