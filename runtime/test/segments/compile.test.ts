import { describe, expect, test } from 'vitest';
import { compileCondition, compileFactsCondition } from '../../src/segments/compile.ts';

const TAG = '11111111-1111-4111-8111-111111111111';
const now = new Date('2025-01-10T23:30:00Z');
const tokyo = { now, timeZone: 'Asia/Tokyo' };

describe('compileCondition', () => {
  test('numbers placeholders from firstParam and scopes the workspace', () => {
    const compiled = compileCondition(
      { kind: 'and', conditions: [{ kind: 'tag', tagId: TAG, has: true }, { kind: 'fieldText', fieldId: 'plan', op: 'equals', value: "x'; drop table friends; --" }] },
      { ...tokyo, firstParam: 3, workspaceId: '44444444-4444-4444-8444-444444444444' },
    );
    // The tag, the workspace (for the field's slot, and again for the filter), the field, the value.
    expect(compiled.params).toEqual([TAG, '44444444-4444-4444-8444-444444444444', 'plan', "x'; drop table friends; --"]);
    expect(compiled.nextParam).toBe(7);
    expect(compiled.sql).toContain('$3::uuid');
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.sql.startsWith('(f.workspace_id = $4::uuid and exists (select 1 from friend_segment_facts s where s.friend_id = f.id and')).toBe(true);
  });

  test('over the facts rows: the friends row only when a leaf reads it', () => {
    const ws = '44444444-4444-4444-8444-444444444444';
    const tagsOnly = compileFactsCondition({ kind: 'not', condition: { kind: 'tag', tagId: TAG, has: true } }, { ...tokyo, workspaceId: ws });
    expect(tagsOnly.needsFriend).toBe(false);
    expect(tagsOnly.sql).toBe('(s.workspace_id = $1::uuid and (not (coalesce((select t.num from tags t where t.id = $2::uuid), 0) = any(s.tag_nums))))');
    const withStatus = compileFactsCondition({ kind: 'and', conditions: [{ kind: 'tag', tagId: TAG, has: true }, { kind: 'friendStatus', status: 'active' }] }, { ...tokyo, workspaceId: ws });
    expect(withStatus.needsFriend).toBe(true);
    expect(withStatus.sql).toContain('(s.tag_nums @> array[coalesce((select t.num from tags t where t.id = $2::uuid), 0)])');
    expect(withStatus.sql).toContain('f.status = $3::text');
  });

  test('a condition without tags or fields reads only the friends row', () => {
    expect(compileCondition({ kind: 'friendStatus', status: 'blocked' }, tokyo).sql).toBe('f.status = $1::text');
  });

  test('ids that cannot be database ids compile to constants', () => {
    expect(compileCondition({ kind: 'tag', tagId: 'not-a-uuid', has: true }, tokyo).sql).toBe('false');
    expect(compileCondition({ kind: 'tag', tagId: 'ABCDEF00-1111-4111-8111-111111111111', has: false }, tokyo).sql).toBe('true');
  });
});
