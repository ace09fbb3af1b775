import { STORED_DATE } from '@lsb/shared';
import type { TestApp } from './app.ts';

// friend_segment_facts is derived from friends.fields and friend_tags by triggers; segment SQL reads
// only it. This says, friend by friend, where the facts differ from the normalised truth: a missing
// facts row, tag numbers other than those of the friend's friend_tags, or a field slot whose typed
// values are not what the friend's jsonb value means (computed here in JS, not by the trigger's SQL).

type Slot = [string | null, number | null, number | null, boolean];

function expectedSlot(value: unknown): Slot {
  if (value === undefined || value === null) return [null, null, null, false];
  if (typeof value === 'string') return [value, null, STORED_DATE.test(value) ? Number(value.replaceAll('-', '')) : null, value !== ''];
  if (typeof value === 'number') return [null, value, null, true];
  return [null, null, null, true];
}

export async function segmentFactsDrift(t: TestApp, workspaceId: string): Promise<string[]> {
  const { rows } = await t.database.pool.query<{
    id: string; fields: Record<string, unknown>; has_facts: boolean; tag_nums: string; expected_tags: string;
    set_count: number; by_slot: Record<string, Slot> | null;
  }>(`
    select f.id, f.fields, s.friend_id is not null as has_facts,
      (select coalesce(array_agg(x order by x), '{}') from unnest(s.tag_nums) x)::text as tag_nums,
      (select coalesce(array_agg(tg.num order by tg.num), '{}') from friend_tags ft join tags tg on tg.id = ft.tag_id where ft.friend_id = f.id)::text as expected_tags,
      coalesce(cardinality(s.set_slots), 0) as set_count,
      (select jsonb_object_agg(sl.key, jsonb_build_array(s.strs[sl.slot], s.nums[sl.slot], s.dates[sl.slot], sl.slot = any(s.set_slots)))
         from segment_field_slots sl where sl.workspace_id = f.workspace_id) as by_slot
    from friends f left join friend_segment_facts s on s.friend_id = f.id
    where f.workspace_id = $1`, [workspaceId]);
  const drift: string[] = [];
  for (const row of rows) {
    if (!row.has_facts) {
      drift.push(`${row.id}: no facts row`);
      continue;
    }
    if (row.tag_nums !== row.expected_tags) drift.push(`${row.id}: tags ${row.tag_nums}, friend_tags ${row.expected_tags}`);
    const slots = row.by_slot ?? {};
    const keys = new Set([...Object.keys(slots), ...Object.keys(row.fields)]);
    let set = 0;
    for (const key of keys) {
      const want = expectedSlot(row.fields[key]);
      if (want[3]) set += 1;
      const have = slots[key];
      if (have === undefined) {
        if (want.some((v) => v !== null && v !== false)) drift.push(`${row.id}: ${key} has no slot`);
        continue;
      }
      if (JSON.stringify(have) !== JSON.stringify(want)) drift.push(`${row.id}: ${key} is ${JSON.stringify(have)}, fields say ${JSON.stringify(want)}`);
    }
    if (row.set_count !== set) drift.push(`${row.id}: ${row.set_count} set slots, fields hold ${set} values`);
  }
  return drift;
}
