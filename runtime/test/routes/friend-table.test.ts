import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { segmentFactsDrift } from '../support/segment-facts.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';

// The friends page's API: keyset pages with a filter, bulk tags over the whole filter as a job
// with progress and cancel, CSV export, and CSV import (UTF-8 and Shift_JIS) with its preview and
// per-row errors, where a bad row changes nothing and good rows are applied.

let t: TestApp;
let ws: Workspace;
let vip: string;
let lapsed: string;
let fields: { pref: string; spend: string; birthday: string; plan: string };

const inject = (method: 'GET' | 'POST', path: string, payload?: object | Buffer, contentType?: string) =>
  t.app.inject({ method, url: `/api/workspaces/${ws.id}${path}`, ...(payload ? { payload } : {}), ...(contentType ? { headers: { 'content-type': contentType } } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
  vip = (await ws.api('POST', '/tags', { name: 'VIP' })).id;
  lapsed = (await ws.api('POST', '/tags', { name: '休眠' })).id;
  fields = {
    pref: (await ws.api('POST', '/fields', { name: '都道府県', kind: 'text' })).id,
    spend: (await ws.api('POST', '/fields', { name: '購入金額', kind: 'number' })).id,
    birthday: (await ws.api('POST', '/fields', { name: '誕生日', kind: 'date' })).id,
    plan: (await ws.api('POST', '/fields', { name: 'プラン', kind: 'choice', choices: ['ゴールド', 'シルバー'] })).id,
  };
  await rows(t, `
    insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
    select $1, $2, 'U' || lpad(g::text, 32, '0'), '友だち' || g, timestamptz '2026-01-01' + (g || ' minutes')::interval
    from generate_series(1, 120) g`, [ws.id, ws.channelId]);
});
afterAll(() => t.close());
// Every write here must leave friend_segment_facts (what segment SQL reads) equal to fields and friend_tags.
afterEach(async () => expect(await segmentFactsDrift(t, ws.id)).toEqual([]));

const userId = (n: number) => `U${String(n).padStart(32, '0')}`;

describe('the table', () => {
  test('pages newest first by cursor, every friend once, searched by name', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await ws.api('POST', '/friends/query', { filter: {}, limit: 50, ...(after ? { after } : {}) });
      seen.push(...page.friends.map((f: { displayName: string }) => f.displayName));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe('友だち120');
    const search = await ws.api('POST', '/friends/query', { filter: { q: '友だち11' } });
    expect(search.friends.map((f: { displayName: string }) => f.displayName)).toEqual(['友だち119', '友だち118', '友だち117', '友だち116', '友だち115', '友だち114', '友だち113', '友だち112', '友だち111', '友だち110', '友だち11']);
    expect((await inject('POST', '/friends/query', { filter: {}, after: 'nonsense' })).json()).toMatchObject({ code: 'invalid_cursor' });
  });
});

describe('bulk tags', () => {
  test('tag the whole filter (not only a page) as a job; the count matches what the confirmation showed', async () => {
    const filter = { q: '友だち1' }; // 友だち1, 10–19, 100–120: 32 friends
    expect(await ws.api('POST', '/friends/count', { filter })).toEqual({ count: 32 });
    const job = await ws.api('POST', '/friends/bulk-tags', { filter, add: [vip], remove: [] });
    expect(job).toMatchObject({ kind: 'tags', total: 32 });
    const done = await waitFor(t.clock, async () => {
      const now = await ws.api('GET', `/friend-jobs/${job.id}`);
      return now.status !== 'running' && now;
    });
    expect(done).toMatchObject({ status: 'done', processed: 32, changed: 32 });
    expect(await ws.api('POST', '/friends/count', { filter: { condition: { kind: 'tag', tagId: vip, has: true } } })).toEqual({ count: 32 });
    // The tags themselves (the count above read the segment facts kept from them).
    const [held] = await rows<{ n: number }>(t, 'select count(*)::int as n from friend_tags where tag_id = $1', [vip]);
    expect(held!.n).toBe(32);
    const removal = await ws.api('POST', '/friends/bulk-tags', { filter: { segmentId: undefined, condition: { kind: 'tag', tagId: vip, has: true } }, add: [], remove: [vip] });
    await waitFor(t.clock, async () => (await ws.api('GET', `/friend-jobs/${removal.id}`)).status === 'done');
    expect(await ws.api('POST', '/friends/count', { filter: { condition: { kind: 'tag', tagId: vip, has: true } } })).toEqual({ count: 0 });
  });

  test('a cancelled job stops between chunks and says so', async () => {
    const job = await ws.api('POST', '/friends/bulk-tags', { filter: {}, add: [lapsed], remove: [] });
    await ws.api('POST', `/friend-jobs/${job.id}/cancel`);
    const finished = await waitFor(t.clock, async () => {
      const now = await ws.api('GET', `/friend-jobs/${job.id}`);
      return now.status !== 'running' && now;
    });
    // 120 friends fit one chunk: the chunk in flight commits, then the job stops as cancelled.
    expect(finished.status).toBe('cancelled');
  });

  test('unknown tags and empty requests are refused before any work', async () => {
    expect((await inject('POST', '/friends/bulk-tags', { filter: {}, add: ['00000000-0000-4000-8000-000000000000'], remove: [] })).json()).toMatchObject({ code: 'unknown_tag' });
    expect((await inject('POST', '/friends/bulk-tags', { filter: {}, add: [], remove: [] })).json()).toMatchObject({ code: 'nothing_to_do' });
  });
});

describe('CSV', () => {
  const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

  test('a preview lists good rows and each bad row with its reason; the import applies only the good rows', async () => {
    const file = csv([
      'LINEユーザーID,表示名,都道府県,購入金額,誕生日,プラン,タグ:VIP',
      `${userId(1)},友だち1,東京都,"12,000",1990/5/3,ゴールド,1`,
      `${userId(2)},友だち2,大阪府,abc,1990-05-03,ゴールド,1`,
      `${userId(3)},友だち3,,,2023-02-30,,`,
      `${userId(4)},友だち4,北海道,,,ブロンズ,`,
      `${userId(5)},友だち5,,,,,はい`,
      `${userId(6)},友だち6,福岡県,,,,1`,
      `${userId(6)},友だち6,福岡県,,,,0`,
      'Uunknown,誰か,東京都,,,,',
      `${userId(7)},友だち7,愛知県,100,,シルバー,0`,
    ]);
    const preview = (await inject('POST', '/friends/import/preview', file, 'text/csv')).json();
    expect(preview).toMatchObject({ encoding: 'utf-8', rows: 9, valid: 2, errorCount: 7 });
    expect(preview.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [3, 'invalid_number'], [4, 'invalid_date'], [5, 'invalid_choice'], [6, 'invalid_tag_value'], [7, 'duplicate_row'], [8, 'duplicate_row'], [9, 'unknown_friend'],
    ]);
    expect(preview.sample[0]).toMatchObject({ lineUserId: userId(1), fields: { [fields.pref]: '東京都', [fields.spend]: 12000, [fields.birthday]: '1990-05-03', [fields.plan]: 'ゴールド' }, addTagIds: [vip] });
    // Nothing was written by the preview.
    const [before] = await rows<{ fields: object }>(t, 'select fields from friends where line_user_id = $1', [userId(1)]);
    expect(before!.fields).toEqual({});

    const job = (await inject('POST', '/friends/import', file, 'text/csv')).json();
    const done = await waitFor(t.clock, async () => {
      const now = await ws.api('GET', `/friend-jobs/${job.id}`);
      return now.status !== 'running' && now;
    });
    expect(done).toMatchObject({ status: 'done', total: 2, processed: 2 });
    expect(done.errors).toHaveLength(7);
    const applied = await rows<{ line_user_id: string; fields: Record<string, unknown>; tag_ids: string[] }>(t,
      `select line_user_id, fields, array(select tag_id from friend_tags ft where ft.friend_id = f.id)::text[] as tag_ids
       from friends f where workspace_id = $1 and line_user_id = any($2) order by line_user_id`, [ws.id, [1, 2, 3, 4, 5, 6, 7].map(userId)]);
    expect(applied.map((r) => [Object.keys(r.fields).length, r.tag_ids.includes(vip)])).toEqual([
      [4, true], [0, false], [0, false], [0, false], [0, false], [0, false], [3, false],
    ]);
  });

  test('Shift_JIS from Excel is detected and read', async () => {
    const text = `LINEユーザーID,都道府県,タグ:休眠\r\n${userId(9)},京都府,1\r\n`;
    const bytes = encodeShiftJis(text);
    expect(bytes.includes(0xe3)).toBe(false); // not UTF-8 bytes for the kana
    const preview = (await inject('POST', '/friends/import/preview', bytes, 'text/csv')).json();
    expect(preview).toMatchObject({ encoding: 'shift_jis', valid: 1, errorCount: 0 });
    expect(preview.sample[0].fields).toEqual({ [fields.pref]: '京都府' });
  });

  test('files refused whole: unknown columns, no LINE user id, not text, too large', async () => {
    const unknown = (await inject('POST', '/friends/import/preview', csv(['LINEユーザーID,血液型,タグ:存在しない', `${userId(1)},A,1`]), 'text/csv')).json();
    expect(unknown).toMatchObject({ code: 'unknown_columns', details: { fields: ['血液型'], tags: ['存在しない'] } });
    expect((await inject('POST', '/friends/import/preview', csv(['都道府県', '東京都']), 'text/csv')).json()).toMatchObject({ code: 'missing_line_user_id_column' });
    expect((await inject('POST', '/friends/import/preview', Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'text/csv')).json()).toMatchObject({ code: 'unreadable_encoding' });
    const huge = await inject('POST', '/friends/import/preview', Buffer.alloc(31 * 1024 * 1024, 0x41), 'text/csv');
    expect(huge.statusCode).toBe(413);
    const [count] = await rows<{ n: number }>(t, 'select count(*)::int as n from friend_jobs where workspace_id = $1 and kind = $2', [ws.id, 'import']);
    expect(count!.n).toBe(1);
  });

  test('the export is the filter as CSV an import reads back', async () => {
    const response = await inject('POST', '/friends/export', { filter: { q: '友だち7' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['LINEユーザーID', '表示名', '状態', '登録日時']);
    expect(new Set(header.slice(4))).toEqual(new Set(['プラン', '誕生日', '都道府県', '購入金額', 'タグ:VIP', 'タグ:休眠']));
    expect(lines).toHaveLength(1 + 11); // 友だち7 and 70–79
    const seven = lines.find((l) => l.startsWith(userId(7)))!.split(',');
    const cell = (name: string) => seven[header.indexOf(name)];
    expect([cell('都道府県'), cell('購入金額'), cell('プラン'), cell('誕生日'), cell('タグ:VIP')]).toEqual(['愛知県', '100', 'シルバー', '', '0']);
    const back = (await inject('POST', '/friends/import/preview', Buffer.from(response.rawPayload), 'text/csv')).json();
    expect(back).toMatchObject({ rows: 11, valid: 11, errorCount: 0 });
  });
});

/** Shift_JIS bytes as Excel writes them, for the few characters this test uses. */
function encodeShiftJis(text: string): Buffer {
  const table: Record<string, number[]> = {
    ユ: [0x83, 0x86], ー: [0x81, 0x5b], ザ: [0x83, 0x55], 都: [0x93, 0x73], 道: [0x93, 0xb9], 府: [0x95, 0x7b], 県: [0x8c, 0xa7],
    タ: [0x83, 0x5e], グ: [0x83, 0x4f], 休: [0x8b, 0x78], 眠: [0x96, 0xb0], 京: [0x8b, 0x9e], '：': [0x81, 0x46],
  };
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (table[ch]) bytes.push(...table[ch]);
    else throw new Error(`no Shift_JIS bytes for ${ch} in this test's table`);
  }
  return Buffer.from(bytes);
}
