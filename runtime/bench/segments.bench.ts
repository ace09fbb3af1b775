// npm run bench:segments [friends]
// Segment counts over AND/OR/NOT of tags and fields on N friends (default 1,000,000), each printed
// beside a hand-written SQL count of the same predicate over the normalised tables (friend_tags
// EXISTS, jsonb fields), measured in the same run on the same database; then the friends page's
// first page, filtered. Targets: count < 500 ms, first page < 300 ms at 1,000,000 friends.
import os from 'node:os';
import type { Condition } from '@lsb/shared';
import type pg from 'pg';
import { createDb } from '../src/db/pool.ts';
import { friendPageSql, queryFriends } from '../src/services/friend-table.ts';
import { countFilter, filterSql } from '../src/services/segments.ts';
import { medianMs, withDatabase } from './support.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;
const TAGS = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
const F = { pref: '00000000-0000-4000-9000-000000000001', spend: '00000000-0000-4000-9000-000000000002', birthday: '00000000-0000-4000-9000-000000000003', plan: '00000000-0000-4000-9000-000000000004' };
const WS = '00000000-0000-4000-a000-000000000001';

/** Each condition with the SQL a person would write for it over friend_tags and the jsonb fields. */
const CASES: { name: string; condition: Condition; sql: string }[] = [
  {
    name: 'tag AND number',
    condition: { kind: 'and', conditions: [{ kind: 'tag', tagId: TAGS[0]!, has: true }, { kind: 'fieldNumber', fieldId: F.spend, op: 'gte', value: 5000 }] },
    sql: `exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[0]}')
          and jsonb_typeof(f.fields -> '${F.spend}') = 'number' and (f.fields ->> '${F.spend}')::numeric >= 5000`,
  },
  {
    name: '(tag OR tag) AND NOT tag AND text',
    condition: { kind: 'and', conditions: [
      { kind: 'or', conditions: [{ kind: 'tag', tagId: TAGS[1]!, has: true }, { kind: 'tag', tagId: TAGS[2]!, has: true }] },
      { kind: 'not', condition: { kind: 'tag', tagId: TAGS[3]!, has: true } },
      { kind: 'fieldText', fieldId: F.pref, op: 'equals', value: '東京都' },
    ] },
    sql: `(exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[1]}')
           or exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[2]}'))
          and not exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[3]}')
          and f.fields ->> '${F.pref}' = '東京都'`,
  },
  {
    name: 'NOT tag AND NOT tag AND (birthday month OR choice) AND NOT (tag AND number)',
    condition: { kind: 'and', conditions: [
      { kind: 'not', condition: { kind: 'tag', tagId: TAGS[4]!, has: true } },
      { kind: 'not', condition: { kind: 'tag', tagId: TAGS[5]!, has: true } },
      { kind: 'or', conditions: [{ kind: 'birthdayMonth', fieldId: F.birthday, month: 5 }, { kind: 'fieldChoice', fieldId: F.plan, anyOf: ['gold', 'silver'] }] },
      { kind: 'not', condition: { kind: 'and', conditions: [{ kind: 'tag', tagId: TAGS[6]!, has: true }, { kind: 'fieldNumber', fieldId: F.spend, op: 'lt', value: 1000 }] } },
    ] },
    sql: `not exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[4]}')
          and not exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[5]}')
          and (substr(f.fields ->> '${F.birthday}', 6, 2) = '05' or f.fields ->> '${F.plan}' in ('gold', 'silver'))
          and not (exists (select 1 from friend_tags t where t.friend_id = f.id and t.tag_id = '${TAGS[6]}')
                   and coalesce(jsonb_typeof(f.fields -> '${F.spend}') = 'number' and (f.fields ->> '${F.spend}')::numeric < 1000, false))`,
  },
];

async function seed(pool: pg.Pool) {
  const q = (text: string, params: unknown[] = []) => pool.query(text, params);
  await q(`insert into workspaces (workspace_id, name) values ($1, 'bench')`, [WS]);
  await q(`insert into channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc) values ($1, $1, 'c', '1', 'x', 'x')`, [WS]);
  for (const [i, id] of TAGS.entries()) await q(`insert into tags (id, workspace_id, name) values ($1, $2, $3)`, [id, WS, `tag${i}`]);
  await q(`insert into fields (id, workspace_id, name, kind, choices) values
    ($1, $5, '都道府県', 'text', '[]'), ($2, $5, '購入金額', 'number', '[]'), ($3, $5, '誕生日', 'date', '[]'), ($4, $5, 'プラン', 'choice', '["gold","silver","bronze"]')`,
  [F.pref, F.spend, F.birthday, F.plan, WS]);
  // Each friend has each tag with its own probability (5 % … 50 %), written to friend_tags, whose
  // triggers keep the friend_segment_facts the counts read (the friends insert trigger writes the
  // fields' facts).
  const step = 100_000;
  for (let from = 0; from < N; from += step) {
    const to = Math.min(N, from + step);
    await q(`insert into friends (id, workspace_id, channel_id, line_user_id, display_name, fields, registered_at)
      select gen_random_uuid(), $1, $1, 'U' || g, '友だち' || g,
        jsonb_build_object(
          $2::text, (array['東京都','大阪府','北海道','福岡県','愛知県'])[1 + g % 5],
          $3::text, (g::bigint * 7919) % 10000,
          $4::text, to_char(date '1970-01-01' + ((g::bigint * 104729) % 18000)::int, 'YYYY-MM-DD'),
          $5::text, (array['gold','silver','bronze','free'])[1 + (g::bigint * 31) % 4]),
        now() - (g || ' seconds')::interval
      from generate_series($6::int, $7::int - 1) g`, [WS, F.pref, F.spend, F.birthday, F.plan, from, to]);
    await q(`insert into friend_tags (workspace_id, friend_id, tag_id, added_at)
      select f.workspace_id, f.id, x.t, now()
      from generate_series($2::int, $3::int - 1) g join friends f on f.channel_id = $1 and f.line_user_id = 'U' || g,
        unnest($4::uuid[]) with ordinality as x(t, i)
      where abs(hashtext(g::text || x.t::text)) % 100 < 5 * x.i`, [WS, from, to, TAGS]);
  }
  await q('vacuum analyze');
}

async function main() {
  await withDatabase(async ({ pool }) => {
    const db = createDb(pool);
    const seeded = performance.now();
    const existing = await pool.query<{ n: number }>('select count(*)::int as n from friends where workspace_id = $1', [WS]);
    if (existing.rows[0]!.n !== N) {
      await pool.query('delete from workspaces where workspace_id = $1', [WS]);
      await seed(pool);
    }
    console.log(`seeded ${N} friends with ${TAGS.length} tags and 4 fields in ${((performance.now() - seeded) / 1000).toFixed(1)} s; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const scope = { workspaceId: WS, timeZone: 'Asia/Tokyo', now: new Date() };
    let slowest = 0;
    let slowestHand = 0;
    for (const c of CASES) {
      let count = 0;
      let hand = 0;
      const ours = await medianMs(RUNS, async () => { count = await countFilter(db, pool, { condition: c.condition }, scope); });
      const theirs = await medianMs(RUNS, async () => {
        hand = (await pool.query<{ n: number }>(`select count(*)::int as n from friends f where f.workspace_id = $1 and ${c.sql}`, [WS])).rows[0]!.n;
      });
      if (process.env.BENCH_EXPLAIN) {
        const where = await filterSql(db, { condition: c.condition }, scope);
        const plan = await pool.query(`explain (analyze, buffers) select count(*) from friends f where ${where.sql}`, where.params);
        console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      }
      if (hand !== count) throw new Error(`${c.name}: compiled count ${count} but hand-written SQL counts ${hand}`);
      console.log(`count ${c.name}: ${count} friends in ${ours.toFixed(0)} ms; hand-written SQL ${theirs.toFixed(0)} ms`);
      if (ours > slowest) [slowest, slowestHand] = [ours, theirs];
    }
    const filter = { condition: CASES[1]!.condition, q: '友だち1' };
    const page = await medianMs(RUNS, () => queryFriends(db, pool, { filter, limit: 50 }, scope));
    const plain = await medianMs(RUNS, () => queryFriends(db, pool, { filter: {}, limit: 50 }, scope));
    if (process.env.BENCH_EXPLAIN) {
      for (const body of [{ filter, limit: 50 }, { filter: {}, limit: 50 }]) {
        const { text, params } = await friendPageSql(db, body, scope);
        const plan = await pool.query(`explain (analyze, buffers) ${text}`, params);
        console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      }
    }
    console.log(`friends page: first 50, filtered (condition + name search) ${page.toFixed(0)} ms; unfiltered ${plain.toFixed(0)} ms`);
    console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`segments: slowest ${slowest.toFixed(0)} ms of ${CASES.length} conditions at ${N} friends; hand-written SQL ${slowestHand.toFixed(0)} ms`);
  }, { keep: process.env.BENCH_DATA_DIR });
}

await main();
