import Papa from 'papaparse';
import { IMPORT_FILE_MAX_BYTES, type ImportPreview } from '@lsb/shared/api';
import { ApiError, badRequest, unprocessable } from '../errors.ts';

// Reading a friends CSV: the bytes' encoding (Excel in Japan saves Shift_JIS), the header's columns.
// Anything wrong with the file as a whole refuses it before a single friend is looked at.

export type Encoding = ImportPreview['encoding'];

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Shift_JIS (Windows-31J, what
 * Excel writes) when they are valid as that; anything else is refused with the fix named.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.byteLength > IMPORT_FILE_MAX_BYTES) {
    throw new ApiError(413, 'file_too_large', `The file is larger than ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB; split it into smaller files.`, { maxBytes: IMPORT_FILE_MAX_BYTES });
  }
  if (bytes.byteLength === 0) throw badRequest('empty_file', 'The file is empty.');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0)) {
    throw badRequest('unreadable_encoding', 'The file is not text in UTF-8 or Shift_JIS (UTF-16 or a binary file?). Save it as CSV (UTF-8) or CSV (Shift_JIS).');
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' };
    } catch {
      throw badRequest('unreadable_encoding', 'The file is neither UTF-8 nor Shift_JIS text. Save it as CSV (UTF-8) or CSV (Shift_JIS).');
    }
  }
}

export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw badRequest('malformed_csv', `The CSV has an unclosed quote near line ${(fatal.row ?? 0) + 1}.`, { line: (fatal.row ?? 0) + 1 });
  return parsed.data;
}

export type Column =
  | { role: 'lineUserId'; header: string; name: string }
  | { role: 'ignored'; header: string; name: string }
  | { role: 'field'; header: string; name: string; fieldId: string }
  | { role: 'tag'; header: string; name: string; tagId: string };

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]/g, '');
const LINE_USER_ID = new Set(['lineユーザーid', 'lineuserid', 'userid']);
/** What the export writes beside fields and tags; read-only, so an import skips them. */
const READ_ONLY = new Set(['表示名', 'displayname', '状態', 'status', '登録日時', 'registeredat', '流入経路', 'inflowroute', '友だちid', 'friendid']);
const TAG_COLUMN = /^(?:タグ|tag)\s*[:：]\s*(.+)$/i;

/** Each header as a column; unknown names, duplicates or no LINE user id refuse the file (422). */
export function readHeader(header: string[], catalogue: { fields: { id: string; name: string }[]; tags: { id: string; name: string }[] }): Column[] {
  const fieldByName = new Map(catalogue.fields.map((f) => [f.name.normalize('NFKC').trim(), f]));
  const tagByName = new Map(catalogue.tags.map((t) => [t.name.normalize('NFKC').trim(), t]));
  const unknownFields: string[] = [];
  const unknownTags: string[] = [];
  const columns = header.map((raw, i): Column => {
    const header = i === 0 ? raw.replace(/^\uFEFF/, '').trim() : raw.trim();
    const key = header.normalize('NFKC').trim();
    const field = fieldByName.get(key);
    if (field) return { role: 'field', header, name: field.name, fieldId: field.id };
    const tag = TAG_COLUMN.exec(key);
    if (tag) {
      const found = tagByName.get(tag[1]!.trim());
      if (found) return { role: 'tag', header, name: found.name, tagId: found.id };
      unknownTags.push(tag[1]!.trim());
      return { role: 'ignored', header, name: header };
    }
    if (LINE_USER_ID.has(squash(header))) return { role: 'lineUserId', header, name: header };
    if (READ_ONLY.has(squash(header))) return { role: 'ignored', header, name: header };
    unknownFields.push(header);
    return { role: 'ignored', header, name: header };
  });
  if (unknownFields.length > 0 || unknownTags.length > 0) {
    throw unprocessable('unknown_columns', 'Some columns name fields or tags this workspace does not have; create them first or remove the columns.', { fields: unknownFields, tags: unknownTags });
  }
  const seen = new Map<string, number>();
  for (const c of columns) if (c.role !== 'ignored') seen.set(`${c.role}:${c.name}`, (seen.get(`${c.role}:${c.name}`) ?? 0) + 1);
  const duplicated = columns.filter((c) => c.role !== 'ignored' && seen.get(`${c.role}:${c.name}`)! > 1).map((c) => c.header);
  if (duplicated.length > 0) throw unprocessable('duplicate_columns', 'Some columns appear twice.', { columns: [...new Set(duplicated)] });
  if (!columns.some((c) => c.role === 'lineUserId')) {
    throw unprocessable('missing_line_user_id_column', 'The file needs a column 「LINEユーザーID」 (or line_user_id) naming each friend.');
  }
  return columns;
}
