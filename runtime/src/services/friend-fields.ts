import { and, eq } from 'drizzle-orm';
import { createTranslator, fieldValueMessageKey, fieldValueProblem } from '@lsb/shared';
import type { Db } from '../db/pool.ts';
import { fields } from '../db/schema/index.ts';
import { replanFieldWaits } from '../runs/field-changes.ts';
import type { RunContext } from '../runs/context.ts';
import { badRequest, notFound } from './errors.ts';
import { getFriendRow, recordTimeline, setFriendField } from './friends.ts';

const english = createTranslator('en');

/**
 * A friend field changed by hand (operator UI, API): checked against the field's kind first, so a
 * value of the wrong kind is refused whole (400 `field_value_kind`, nothing saved). Runs waiting on
 * a date in this field re-plan in the same transaction.
 */
export async function changeFriendField(db: Db, ctx: RunContext, workspaceId: string, friendId: string, fieldId: string, value: string | number | null): Promise<void> {
  const [field] = await db.select().from(fields).where(and(eq(fields.workspaceId, workspaceId), eq(fields.id, fieldId)));
  if (!field) throw notFound('field');
  const problem = fieldValueProblem(field, value);
  if (problem) {
    throw badRequest('field_value_kind', `${english(fieldValueMessageKey(problem))} (field "${field.name}" is ${field.kind})`, { problem, kind: field.kind, fieldId });
  }
  await db.transaction(async (tx) => {
    const friend = await getFriendRow(tx, workspaceId, friendId);
    await setFriendField(tx, friend.id, fieldId, value);
    await recordTimeline(tx, friend, 'field_set', { fieldId, value, by: 'operator' }, ctx.clock.now());
    await replanFieldWaits(tx, ctx, [{ friendId: friend.id, fieldIds: [fieldId] }]);
  });
}
