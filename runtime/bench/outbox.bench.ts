// npm run bench:outbox   (N=200000 sends by default, ROUNDS=2, FILLFACTOR=60)
// A design measurement for the outbox, not of the product's code: what a send costs PostgreSQL
// (one connection, phase by phase) in two table shapes, with the columns and indexes of `sends`:
// - today: the status is in the rows' indexes (queued and in-flight partial indexes), so the row
//   is written three times (insert, claimed into `sending`, settled), each time with new entries in
//   every index;
// - narrow queue: a queued send also has a row in a narrow queue table, deleted when claimed; a
//   claimed batch is one lease row (its members in an array); the send row itself keeps no index
//   on its status and is written twice, the settle in place (HOT) where its page has room;
// - queue, row status kept: the same queue and leases, but the claim still marks the row `sending`
//   (in place too), so everything that reads a send's status reads it as today.
// Both claims keep a friend's messages in order (no earlier unsent row of the friend) and take
// 500 rows at a time. The tables are analysed after the inserts, as autovacuum does under load.
// The line before the last gives the third shape's figure and ratio.
// Last line: `outbox: today X µs a send, narrow queue Y µs a send; ratio Y/X`.
import type pg from 'pg';
import { loadavg, withDatabase } from './support.ts';

const N = Number(process.env.N ?? 200_000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const FILLFACTOR = Number(process.env.FILLFACTOR ?? 60);
const CHUNK = 1_000;
const BATCH = 500;
const MESSAGES = JSON.stringify([{ type: 'text', text: '本日10:00からセール開始です！' }]);
const say = (line: string) => process.stdout.write(`${line}\n`);

const COLUMNS = `id uuid primary key, workspace_id uuid not null, channel_id uuid not null, friend_id uuid not null,
  run_id uuid, scenario_id uuid, node_id text, message_digest text not null, retry_key uuid not null, messages jsonb not null,
  status text not null default 'queued', batch_key uuid, lease_until timestamptz, attempts int not null default 0,
  seq bigserial, due_at timestamptz not null, sent_at timestamptz, failed_at timestamptz, error jsonb,
  retry_key_replayed boolean not null default false, cap_policy text not null default 'count'`;

/** A chunk of a step's sends, each to its own friend, due now (as a cohort's). */
const insertSends = (table: string) => `
  insert into ${table} (id, workspace_id, channel_id, friend_id, run_id, scenario_id, node_id, message_digest, retry_key, messages, due_at)
  select gen_random_uuid(), $1, $2, gen_random_uuid(), gen_random_uuid(), $1, 'send', 'digest', gen_random_uuid(), $3::jsonb, now()
  from generate_series(1, ${CHUNK}) returning id, friend_id, seq, due_at`;

interface Shape {
  name: string;
  create(q: Query): Promise<void>;
  insert(q: Query, params: unknown[]): Promise<void>;
  /** Claims one batch; answers its handle for the settle, or undefined when nothing is left. */
  claim(q: Query): Promise<{ key: string; ids: string[] } | undefined>;
  settle(q: Query, batch: { key: string; ids: string[] }): Promise<void>;
}
type Query = (text: string, params?: unknown[]) => Promise<pg.QueryResult>;

const today: Shape = {
  name: 'today',
  async create(q) {
    await q(`create table today_sends (${COLUMNS})`);
    await q(`create unique index today_key on today_sends (retry_key); create index today_friend on today_sends (friend_id, seq);
             create index today_queued on today_sends (seq) where status = 'queued';
             create index today_in_flight on today_sends (lease_until) where status = 'sending'`);
  },
  insert: async (q, params) => { await q(insertSends('today_sends'), params); },
  async claim(q) {
    await q('begin');
    const { rows } = await q(`
      select s.id, s.retry_key from today_sends s where s.status = 'queued' and s.due_at <= now()
        and not exists (select 1 from today_sends e where e.friend_id = s.friend_id and e.seq < s.seq
                        and e.status in ('queued', 'sending') and e.due_at <= now())
      order by s.seq limit ${BATCH} for update of s skip locked`);
    if (rows.length === 0) { await q('commit'); return undefined; }
    const batch = { key: rows[0].retry_key as string, ids: rows.map((row) => row.id as string) };
    await q(`update today_sends s set status = 'sending', batch_key = $2, lease_until = now() + interval '15 s', attempts = s.attempts + 1
             from unnest($1::uuid[]) v(id) where s.id = v.id`, [batch.ids, batch.key]);
    await q('commit');
    return batch;
  },
  async settle(q, batch) {
    await q(`update today_sends s set status = 'sent', sent_at = now(), lease_until = null
             from unnest($1::uuid[]) v(id) where s.id = v.id and s.batch_key = $2 and s.status = 'sending'`, [batch.ids, batch.key]);
  },
};

const narrowQueue: Shape = {
  name: 'narrow queue',
  async create(q) {
    await q(`create table narrow_sends (${COLUMNS}) with (fillfactor = ${FILLFACTOR})`);
    await q(`create unique index narrow_key on narrow_sends (retry_key); create index narrow_friend on narrow_sends (friend_id, seq)`);
    await q(`create table narrow_queue (seq bigint primary key, send_id uuid not null, friend_id uuid not null, due_at timestamptz not null)`);
    await q(`create table narrow_leases (batch_key uuid primary key, lease_until timestamptz not null, members uuid[] not null)`);
  },
  async insert(q, params) {
    await q(`with s as (${insertSends('narrow_sends')}) insert into narrow_queue (seq, send_id, friend_id, due_at) select seq, id, friend_id, due_at from s`, params);
  },
  async claim(q) {
    await q('begin');
    // A send in flight is still `queued` on its row (only the settle changes the row), so an
    // earlier unsent send of the friend is one status test, queued or leased alike.
    const { rows } = await q(`
      delete from narrow_queue where seq in (
        select k.seq from narrow_queue k where k.due_at <= now()
          and not exists (select 1 from narrow_sends e where e.friend_id = k.friend_id and e.seq < k.seq and e.status = 'queued' and e.due_at <= now())
        order by k.seq limit ${BATCH} for update skip locked)
      returning send_id`);
    if (rows.length === 0) { await q('commit'); return undefined; }
    const ids = rows.map((row) => row.send_id as string);
    const { rows: [lease] } = await q(`insert into narrow_leases (batch_key, lease_until, members) values (gen_random_uuid(), now() + interval '15 s', $1::uuid[])
                                      returning batch_key`, [ids]);
    await q('commit');
    return { key: lease!.batch_key as string, ids };
  },
  async settle(q, batch) {
    await q('begin');
    await q(`update narrow_sends s set status = 'sent', sent_at = now() from unnest($1::uuid[]) v(id) where s.id = v.id and s.status = 'queued'`, [batch.ids]);
    await q('delete from narrow_leases where batch_key = $1', [batch.key]);
    await q('commit');
  },
};

/**
 * The narrow queue and leases, with the row's own status kept as today (`sending` once claimed):
 * the claim writes the row once more, in place, as no index reads the status.
 */
const queueKeepingStatus: Shape = {
  name: 'queue, row status kept',
  async create(q) {
    await q(`create table kept_sends (${COLUMNS}) with (fillfactor = ${FILLFACTOR})`);
    await q(`create unique index kept_key on kept_sends (retry_key); create index kept_friend on kept_sends (friend_id, seq)`);
    await q(`create table kept_queue (seq bigint primary key, send_id uuid not null)`);
    await q(`create table kept_leases (batch_key uuid primary key, lease_until timestamptz not null, members uuid[] not null)`);
    await q(`create index kept_leases_until on kept_leases (lease_until)`);
  },
  async insert(q, params) {
    await q(`with s as (${insertSends('kept_sends')}) insert into kept_queue (seq, send_id) select seq, id from s`, params);
  },
  async claim(q) {
    await q('begin');
    const { rows } = await q(`
      select k.seq, s.id, s.retry_key from kept_queue k join kept_sends s on s.id = k.send_id
      where s.status = 'queued' and s.due_at <= now()
        and not exists (select 1 from kept_sends e where e.friend_id = s.friend_id and e.seq < s.seq
                        and e.status in ('queued', 'sending') and e.due_at <= now())
      order by k.seq limit ${BATCH} for update of s skip locked`);
    if (rows.length === 0) { await q('commit'); return undefined; }
    const batch = { key: rows[0].retry_key as string, ids: rows.map((row) => row.id as string) };
    await q('delete from kept_queue where seq = any($1::bigint[])', [rows.map((row) => row.seq)]);
    await q(`update kept_sends s set status = 'sending', batch_key = $2, attempts = s.attempts + 1
             from unnest($1::uuid[]) v(id) where s.id = v.id`, [batch.ids, batch.key]);
    await q(`insert into kept_leases (batch_key, lease_until, members) values ($1, now() + interval '15 s', $2::uuid[])`, [batch.key, batch.ids]);
    await q('commit');
    return batch;
  },
  async settle(q, batch) {
    await q('begin');
    await q(`update kept_sends s set status = 'sent', sent_at = now()
             from unnest($1::uuid[]) v(id) where s.id = v.id and s.batch_key = $2 and s.status = 'sending'`, [batch.ids, batch.key]);
    await q('delete from kept_leases where batch_key = $1', [batch.key]);
    await q('commit');
  },
};

await withDatabase(async ({ pool }) => {
  say(`outbox bench: N=${N} sends, ${ROUNDS} rounds, narrow rows at fillfactor ${FILLFACTOR}, load ${loadavg()}`);
  const client = await pool.connect();
  const q: Query = (text, params = []) => client.query(text, params);
  const workspace = crypto.randomUUID();
  const channel = crypto.randomUUID();
  const totals = new Map<Shape, number>();
  try {
    for (const shape of [today, narrowQueue, queueKeepingStatus]) await shape.create(q);
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const shape of [today, narrowQueue, queueKeepingStatus]) {
        const phases: string[] = [];
        const timed = async (phase: string, work: () => Promise<void>) => {
          const started = performance.now();
          await work();
          const ms = performance.now() - started;
          totals.set(shape, (totals.get(shape) ?? 0) + ms);
          phases.push(`${phase} ${(ms * 1000 / N).toFixed(1)}`);
        };
        await timed('insert', async () => {
          for (let written = 0; written < N; written += CHUNK) await shape.insert(q, [workspace, channel, MESSAGES]);
        });
        await q('analyze');
        const batches: Array<{ key: string; ids: string[] }> = [];
        await timed('claim', async () => {
          for (let batch = await shape.claim(q); batch; batch = await shape.claim(q)) batches.push(batch);
        });
        if (batches.reduce((sum, batch) => sum + batch.ids.length, 0) !== N) throw new Error(`${shape.name}: not every send was claimed once`);
        await timed('settle', async () => { for (const batch of batches) await shape.settle(q, batch); });
        say(`round ${round}, ${shape.name}: µs a send: ${phases.join(', ')}`);
      }
    }
    for (const table of ['narrow_sends', 'kept_sends']) {
      const { rows: [hot] } = await q(`select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = $1`, [table]);
      say(`${table}: ${hot!.n_tup_hot_upd} of ${hot!.n_tup_upd} updates in place (statistics lag a little)`);
    }
  } finally {
    client.release();
  }
  const perSend = (shape: Shape) => (totals.get(shape)! * 1000) / (N * ROUNDS);
  say(`load after: ${loadavg()}`);
  say(`queue with the row's status kept: ${perSend(queueKeepingStatus).toFixed(1)} µs a send; ratio ${(perSend(queueKeepingStatus) / perSend(today)).toFixed(2)}`);
  say(`outbox: today ${perSend(today).toFixed(1)} µs a send, narrow queue ${perSend(narrowQueue).toFixed(1)} µs a send; ratio ${(perSend(narrowQueue) / perSend(today)).toFixed(2)}`);
});
process.exit(0);
