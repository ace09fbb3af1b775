import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.ts';
import type { DbOrTx } from './users.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, 'seq'>;

export async function insertAudit(db: DbOrTx, row: NewAuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this one (its seq) — keyset paging. */
  beforeSeq?: number;
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
    filter.beforeSeq !== undefined ? lt(auditLog.seq, filter.beforeSeq) : undefined,
  ];
  return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.seq)).limit(filter.limit);
}
