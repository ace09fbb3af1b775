import type { FieldValueProblem } from '@lsb/shared/api';
import type { Db, Tx } from '../store/tx.ts';
import { listFieldsById, type FieldRow } from '../store/catalogue.ts';
import { badRequest } from '../errors.ts';
import { getFriendRow, setFriendFieldValues } from '../store/friends.ts';
import { recordTimeline } from '../store/timeline.ts';

/**
 * What a change to friends' fields sets off in the interpreter, in the same transaction (date waits
 * re-plan: runs/field-changes.ts). Passed in by the caller (app.runs), so services need not know runs/.
 */
export type FieldsChanged = (tx: Tx, changes: Array<{ friendId: string; fieldIds: string[] }>) => Promise<unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A calendar date that exists: 2026-02-30 is refused, not rolled over. */
function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What is wrong with `value` for `field`, or undefined when it fits its kind. `null` always fits (clears). */
function fieldValueProblem(field: FieldRow, value: unknown): FieldValueProblem | undefined {
  if (value === null) return undefined;
  switch (field.kind) {
    case 'text': return typeof value === 'string' && value.length <= 1000 ? undefined : 'notText';
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? undefined : 'notNumber';
    case 'date': return typeof value === 'string' && isIsoDate(value) ? undefined : 'notDate';
    case 'choice': return typeof value === 'string' && field.choices.includes(value) ? undefined : 'notChoice';
  }
}

/**
 * Sets friend-info values by hand. Every value is checked against its field's kind first; one
 * wrong value refuses the whole request (400 `invalid_field_value`, per field in
 * `details.fields`) and nothing is written. Runs waiting on a date in a changed field re-plan in
 * the same transaction (a moved 予約日 moves its reminder).
 */
export async function setFriendFields(db: Db, fieldsChanged: FieldsChanged, workspaceId: string, friendId: string, values: Record<string, unknown>, at: Date) {
  const ids = Object.keys(values);
  if (ids.some((id) => values[id] !== null && typeof values[id] !== 'string' && typeof values[id] !== 'number')) {
    throw badRequest('invalid_request', 'A value must be a text, a number or null.');
  }
  const rows = ids.every((id) => UUID.test(id))
    ? await listFieldsById(db, workspaceId, ids)
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  await getFriendRow(db, workspaceId, friendId);
  const problems: Record<string, FieldValueProblem> = {};
  for (const id of ids) {
    const field = byId.get(id);
    const problem = field ? fieldValueProblem(field, values[id]) : 'unknownField';
    if (problem) problems[id] = problem;
  }
  if (Object.keys(problems).length > 0) {
    throw badRequest('invalid_field_value', 'Some values do not fit their field.', { fields: problems });
  }
  const set = Object.fromEntries(ids.filter((id) => values[id] !== null).map((id) => [id, values[id]]));
  const cleared = ids.filter((id) => values[id] === null);
  await db.transaction(async (tx) => {
    const friend = await getFriendRow(tx, workspaceId, friendId);
    await setFriendFieldValues(tx, friendId, set, cleared);
    await recordTimeline(tx, ids.map((id) => ({ friend, event: { kind: 'field_set', detail: { fieldId: id, value: values[id], by: 'operator' } }, at })));
    await fieldsChanged(tx, [{ friendId, fieldIds: ids }]);
  });
}
