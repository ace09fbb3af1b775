import type { ImportPreview, ImportRowError, ImportRowErrorCode } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { findFriendsByLineUserIds } from '../store/friend-bulk.ts';
import { loadCatalogue } from './catalogue.ts';
import { badRequest } from '../errors.ts';
import { decodeCsv, parseCsv, readHeader, type Column, type Encoding } from './friend-import-parse.ts';

// A CSV import is planned whole before anything is written: every row is checked (friend known,
// values of the field's kind, tag cells readable, no LINE user id twice). A bad row is reported
// and skipped entirely; the good rows are what the import job applies.

export interface PlannedRow {
  line: number;
  lineUserId: string;
  friendIds: string[];
  displayName: string;
  fields: Record<string, string | number>;
  addTagIds: string[];
  removeTagIds: string[];
}

export interface ImportPlan {
  encoding: Encoding;
  columns: Column[];
  rows: number;
  valid: PlannedRow[];
  errors: ImportRowError[];
}

const MESSAGES: Record<ImportRowErrorCode, string> = {
  missing_line_user_id: 'The LINE user id is empty.',
  unknown_friend: 'No friend of this workspace has this LINE user id.',
  duplicate_row: 'Another row has the same LINE user id; neither is applied.',
  column_count: 'The row has a different number of cells than the header.',
  invalid_number: 'Not a number.',
  invalid_date: 'Not a date (YYYY-MM-DD or YYYY/MM/DD).',
  invalid_choice: 'Not one of the field\'s choices.',
  text_too_long: 'Longer than 1000 characters.',
  invalid_tag_value: 'A tag cell is 1 (add), 0 (remove) or empty (leave).',
};

function rowError(line: number, lineUserId: string, code: ImportRowErrorCode, extra: Partial<ImportRowError> = {}): ImportRowError {
  return { line, lineUserId, code, message: MESSAGES[code], ...extra };
}

const ADD = new Set(['1', '○', '〇', '◯', 'true', 'yes', 'あり', '有']);
const REMOVE = new Set(['0', '×', '✕', 'false', 'no', 'なし', '無']);

function parseDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type FieldInfo = { kind: 'text' | 'number' | 'date' | 'choice'; choices: string[] };

/** A cell as the field's value, or the problem's code. Empty cells were skipped before. */
export function cellValue(field: FieldInfo, raw: string): { value: string | number } | { error: ImportRowErrorCode } {
  const text = raw.normalize('NFKC').trim();
  switch (field.kind) {
    case 'text':
      // The export quotes a leading = + - @ against spreadsheet formulas; reading it back drops that quote.
      return raw.length <= 1000 ? { value: raw.trim().replace(/^'(?=[=+\-@])/, '') } : { error: 'text_too_long' };
    case 'number': {
      const n = Number(text.replace(/,/g, ''));
      return text !== '' && Number.isFinite(n) ? { value: n } : { error: 'invalid_number' };
    }
    case 'date': {
      const date = parseDate(text);
      return date ? { value: date } : { error: 'invalid_date' };
    }
    case 'choice': {
      const choice = field.choices.find((c) => c === raw.trim() || c.normalize('NFKC').trim() === text);
      return choice !== undefined ? { value: choice } : { error: 'invalid_choice' };
    }
  }
}

export async function planImport(db: Db, workspaceId: string, bytes: Uint8Array): Promise<ImportPlan> {
  const { text, encoding } = decodeCsv(bytes);
  const table = parseCsv(text);
  if (table.length === 0) throw badRequest('empty_file', 'The file is empty.');
  const catalogue = await loadCatalogue(db, workspaceId);
  const columns = readHeader(table[0]!, catalogue);
  const fieldInfo = new Map(catalogue.fields.map((f) => [f.id, f]));
  const idColumn = columns.findIndex((c) => c.role === 'lineUserId');
  const body = table.slice(1);
  if (body.length === 0) throw badRequest('no_rows', 'The file has a header but no rows.');

  const lines = new Map<string, number[]>();
  body.forEach((cells, i) => {
    const id = (cells[idColumn] ?? '').trim();
    if (id) lines.set(id, [...(lines.get(id) ?? []), i + 2]);
  });
  const friendsByUser = await findFriendsByLineUserIds(db, workspaceId, [...lines.keys()]);

  const valid: PlannedRow[] = [];
  const errors: ImportRowError[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const lineUserId = (cells[idColumn] ?? '').trim();
    if (cells.length !== columns.length) return errors.push(rowError(line, lineUserId, 'column_count', { value: String(cells.length) }));
    if (!lineUserId) return errors.push(rowError(line, '', 'missing_line_user_id'));
    const same = lines.get(lineUserId)!;
    if (same.length > 1) return errors.push(rowError(line, lineUserId, 'duplicate_row', { otherLine: same.find((l) => l !== line)! }));
    const friends = friendsByUser.get(lineUserId);
    if (!friends) return errors.push(rowError(line, lineUserId, 'unknown_friend'));
    const row: PlannedRow = { line, lineUserId, friendIds: friends.map((f) => f.id), displayName: friends[0]!.displayName, fields: {}, addTagIds: [], removeTagIds: [] };
    for (const [c, column] of columns.entries()) {
      const raw = cells[c] ?? '';
      if (raw.trim() === '' || column.role === 'ignored' || column.role === 'lineUserId') continue;
      if (column.role === 'field') {
        const result = cellValue(fieldInfo.get(column.fieldId)!, raw);
        if ('error' in result) return errors.push(rowError(line, lineUserId, result.error, { column: column.header, value: raw.slice(0, 100) }));
        row.fields[column.fieldId] = result.value;
      } else {
        const flag = raw.normalize('NFKC').trim().toLowerCase();
        if (ADD.has(flag)) row.addTagIds.push(column.tagId);
        else if (REMOVE.has(flag)) row.removeTagIds.push(column.tagId);
        else return errors.push(rowError(line, lineUserId, 'invalid_tag_value', { column: column.header, value: raw.slice(0, 100) }));
      }
    }
    valid.push(row);
    return undefined;
  });
  return { encoding, columns, rows: body.length, valid, errors };
}

const PREVIEW_ERRORS = 1000;

export function previewOf(plan: ImportPlan): ImportPreview {
  return {
    encoding: plan.encoding,
    rows: plan.rows,
    valid: plan.valid.length,
    columns: plan.columns.map((c) => ({ header: c.header, role: c.role, name: c.name })),
    sample: plan.valid.slice(0, 20).map((r) => ({
      line: r.line, lineUserId: r.lineUserId, displayName: r.displayName, fields: r.fields, addTagIds: r.addTagIds, removeTagIds: r.removeTagIds,
    })),
    errors: plan.errors.slice(0, PREVIEW_ERRORS),
    errorCount: plan.errors.length,
  };
}
