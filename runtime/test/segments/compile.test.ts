import { describe, expect, test } from 'vitest';
import { compileCondition } from '../../src/segments/compile.ts';

const TAG = '11111111-1111-4111-8111-111111111111';
const now = new Date('2025-01-10T23:30:00Z');
const tokyo = { now, timeZone: 'Asia/Tokyo' };

describe('compileCondition', () => {
  test('numbers placeholders from firstParam and scopes the workspace', () => {
    const compiled = compileCondition(
      { kind: 'and', conditions: [{ kind: 'tag', tagId: TAG, has: true }, { kind: 'fieldText', fieldId: 'plan', op: 'equals', value: "x'; drop table friends; --" }] },
      { ...tokyo, firstParam: 3, workspaceId: '44444444-4444-4444-8444-444444444444' },
    );
    expect(compiled.params).toEqual([TAG, 'plan', "x'; drop table friends; --", 'plan', '44444444-4444-4444-8444-444444444444']);
    expect(compiled.nextParam).toBe(8);
    expect(compiled.sql).toContain('$3::uuid');
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.sql.startsWith('(f.workspace_id = $7::uuid and')).toBe(true);
  });

  test('ids that cannot be database ids compile to constants', () => {
    expect(compileCondition({ kind: 'tag', tagId: 'not-a-uuid', has: true }, tokyo).sql).toBe('false');
    expect(compileCondition({ kind: 'tag', tagId: 'ABCDEF00-1111-4111-8111-111111111111', has: false }, tokyo).sql).toBe('true');
  });
});
