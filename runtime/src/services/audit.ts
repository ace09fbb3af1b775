import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import type { Principal } from '../accounts/principal.ts';
import { insertAudit, listAudit, type AuditRow } from '../store/audit.ts';
import type { DbOrTx } from '../store/users.ts';
import { badRequest } from '../errors.ts';

export interface AuditEvent {
  workspaceId: string;
  action: AuditAction;
  targetType: AuditEntry['targetType'];
  targetId: string;
  targetLabel: string;
  details?: Record<string, unknown>;
}

/** Who did it, as they were named at the time (a renamed user or a revoked token still reads right). */
function actorOf(principal: Principal | null) {
  if (!principal) return { actorKind: 'system' as const, actorId: null, actorLabel: 'system' };
  if (principal.kind === 'token') return { actorKind: 'token' as const, actorId: principal.tokenId, actorLabel: principal.name };
  return { actorKind: 'user' as const, actorId: principal.user.id, actorLabel: `${principal.user.name} <${principal.user.email}>` };
}

export async function recordAudit(db: DbOrTx, principal: Principal | null, at: Date, event: AuditEvent): Promise<void> {
  await insertAudit(db, { ...event, details: event.details ?? {}, at, ...actorOf(principal) });
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id, at: row.at.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel },
    action: row.action as AuditAction, targetType: row.targetType as AuditEntry['targetType'], targetId: row.targetId, targetLabel: row.targetLabel,
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}

const encodeCursor = (row: AuditRow) => String(row.seq);
function decodeCursor(cursor: string): number {
  if (!/^[0-9]{1,15}$/.test(cursor)) throw badRequest('invalid_cursor', 'The page cursor is not valid.');
  return Number(cursor);
}

export async function auditPage(db: Db, workspaceId: string, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  const rows = await listAudit(db, workspaceId, {
    ...(query.action ? { action: query.action } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.targetId ? { targetId: query.targetId } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.cursor ? { beforeSeq: decodeCursor(query.cursor) } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { entries: page.map(toEntry), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
}
