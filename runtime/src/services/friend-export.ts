import type { FriendFilter } from '@lsb/shared/api';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';
import { loadCatalogue } from './catalogue.ts';
import { friendChunks } from './friend-table.ts';
import type { Scope } from './segments.ts';

// The friends of a filter as CSV, in the shape an import reads back: the LINE user id, read-only
// columns, one column per field (by name) and one per tag (「タグ:名前」, 1 or 0). UTF-8 with a BOM,
// so Excel opens Japanese text correctly; lines end in CRLF as RFC 4180 has them.

const HEADERS = {
  ja: { lineUserId: 'LINEユーザーID', name: '表示名', status: '状態', registered: '登録日時', tag: 'タグ:' },
  en: { lineUserId: 'line_user_id', name: 'display_name', status: 'status', registered: 'registered_at', tag: 'tag:' },
} as const;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  // A leading = + - @ would be run as a formula by spreadsheets; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function* exportFriendsCsv(db: Db, pool: pg.Pool, filter: FriendFilter, scope: Scope, lang: 'ja' | 'en'): AsyncGenerator<string> {
  const h = HEADERS[lang];
  const catalogue = await loadCatalogue(db, scope.workspaceId);
  const header = [h.lineUserId, h.name, h.status, h.registered, ...catalogue.fields.map((f) => f.name), ...catalogue.tags.map((t) => `${h.tag}${t.name}`)];
  yield `\uFEFF${header.map(cell).join(',')}\r\n`;
  for await (const chunk of friendChunks(db, pool, filter, scope, 5_000)) {
    let out = '';
    for (const f of chunk) {
      const tags = new Set(f.tagIds);
      out += [
        f.lineUserId, f.displayName, f.status, f.registeredAt,
        ...catalogue.fields.map((field) => f.fields[field.id]),
        ...catalogue.tags.map((t) => (tags.has(t.id) ? 1 : 0)),
      ].map(cell).join(',') + '\r\n';
    }
    yield out;
  }
}
