import { IANAZone } from 'luxon';
import { parseDeliveryWindows, windowIssues, type DeliveryWindowRule } from '@lsb/shared';
import type { CreateWorkspaceBody, MessageCaps, UpdateWorkspaceBody, Workspace } from '@lsb/shared/api';
import { findWorkspaceRow, insertWorkspace, listWorkspaceRows, updateWorkspaceRow, type WorkspaceRow } from '../store/workspaces.ts';
import type { Db } from '../store/tx.ts';
import { badRequest, notFound, unprocessable } from '../errors.ts';

export function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.workspaceId, name: row.name, timeZone: row.timeZone, deliveryWindows: parseDeliveryWindows(row.deliveryWindows),
    messageCaps: { perDay: row.capPerDay, perWeek: row.capPerWeek }, createdAt: row.createdAt.toISOString(),
  };
}

/** Refuses the whole list (nothing half-saved) when a rule has no day, ends before it starts or overlaps another. */
function checkWindows(rules: DeliveryWindowRule[] | undefined) {
  if (!rules) return;
  const issues = windowIssues(rules);
  if (issues.length) {
    throw unprocessable('invalid_delivery_windows', 'The delivery windows have mistakes; nothing was saved.', { issues });
  }
}

function checkZone(timeZone: string | undefined) {
  if (timeZone !== undefined && !IANAZone.isValidZone(timeZone)) {
    throw badRequest('unknown_time_zone', `"${timeZone}" is not a time zone name (for example Asia/Tokyo).`);
  }
}

export async function createWorkspace(db: Db, body: CreateWorkspaceBody): Promise<Workspace> {
  checkZone(body.timeZone);
  return toWorkspace(await insertWorkspace(db, { name: body.name, timeZone: body.timeZone ?? 'Asia/Tokyo' }));
}

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await listWorkspaceRows(db);
  return rows.map(toWorkspace);
}

export async function getWorkspaceRow(db: Db, workspaceId: string): Promise<WorkspaceRow> {
  const row = await findWorkspaceRow(db, workspaceId);
  if (!row) throw notFound('workspace');
  return row;
}

/** A week cannot hold fewer messages than a day: such a pair is surely a slip, refused whole. */
function checkCaps(caps: MessageCaps | undefined) {
  if (caps && caps.perDay !== null && caps.perWeek !== null && caps.perWeek < caps.perDay) {
    throw unprocessable('invalid_message_caps', 'The weekly limit is below the daily one; nothing was saved.', { perDay: caps.perDay, perWeek: caps.perWeek });
  }
}

/** Caps take effect from the sender's next claim: the sends themselves are the count (store/caps.ts). */
export async function updateWorkspace(db: Db, workspaceId: string, body: UpdateWorkspaceBody): Promise<Workspace> {
  checkZone(body.timeZone);
  checkWindows(body.deliveryWindows);
  checkCaps(body.messageCaps);
  const { messageCaps, ...rest } = body;
  const set = { ...rest, ...(messageCaps ? { capPerDay: messageCaps.perDay, capPerWeek: messageCaps.perWeek } : {}) };
  const row = await updateWorkspaceRow(db, workspaceId, set);
  if (!row) throw notFound('workspace');
  return toWorkspace(row);
}
