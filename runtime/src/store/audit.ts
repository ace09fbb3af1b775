import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.ts';
import type { DbOrTx } from './users.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAudit(db: DbOrTx, row: NewAuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Entries strictly older than this (at, id) — keyset paging. */
  before?: { at: Date; id: string };
  limit: number;
}

export async function listAudit(db: DbOrTx, workspaceId: string, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(auditLog.workspaceId, workspaceId),
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lte(auditLog.at, filter.to) : undefined,
    filter.before ? or(lt(auditLog.at, filter.before.at), and(eq(auditLog.at, filter.before.at), lt(auditLog.id, filter.before.id))) : undefined,
  ];
  return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(filter.limit);
}
