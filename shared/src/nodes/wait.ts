import { Type, type Static } from 'typebox';
import { nameOf } from '../graph/catalogue.ts';
import { assertNever, Id, TimeOfDay, isRecord } from '../graph/primitives.ts';
import type { SharedKey } from '../i18n/text.ts';
import { nextOutput, type NodeKindDefinition, type NodeOutput } from './kind.ts';
import { DeliveryWindows, describeWindows, rulesFromLegacyWindow } from '../time/window-rules.ts';

// All times are wall-clock times in the workspace zone. The moment itself is computed by
// nextWakeAt() in shared/src/time/, which both the engine and the editor's preview call.

/** Wake-ups falling outside every rule are deferred to the next opening (see time/window-rules.ts). */
const windows = Type.Optional(DeliveryWindows);

export const WaitData = Type.Union([
  /** Minutes and hours are absolute; days are calendar days, keeping the wall-clock time over DST. */
  Type.Object({
    mode: Type.Literal('elapsed'),
    amount: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unit: Type.Union([Type.Literal('minutes'), Type.Literal('hours'), Type.Literal('days')]),
    windows,
  }),
  /** Lステップ's 時刻で指定: `days` after entering at `time`; 0 is today, or tomorrow if passed. */
  Type.Object({
    mode: Type.Literal('dayAt'),
    days: Type.Integer({ minimum: 0, maximum: 3650 }),
    time: TimeOfDay,
    windows,
  }),
  /**
   * `offsetDays` from the date in a date field, at `time` (negative is before: 3 days before
   * 予約日). An empty field or a moment already passed leaves by the `skipped` output.
   */
  Type.Object({
    mode: Type.Literal('relativeToField'),
    fieldId: Id,
    offsetDays: Type.Integer({ minimum: -3650, maximum: 3650 }),
    time: TimeOfDay,
    windows,
  }),
]);
export type WaitData = Static<typeof WaitData>;
export type WaitMode = WaitData['mode'];

export const SKIPPED_OUTPUT_ID = 'skipped';

const UNIT_LABEL: Record<'minutes' | 'hours' | 'days', SharedKey> = {
  minutes: 'node.wait.minutes',
  hours: 'node.wait.hours',
  days: 'node.wait.days',
};

function outputs(data: WaitData): NodeOutput[] {
  if (data.mode !== 'relativeToField') return [nextOutput(true)];
  return [nextOutput(true), { id: SKIPPED_OUTPUT_ID, label: { key: 'term.skipped' }, required: false }];
}

export const waitKind: NodeKindDefinition<'wait', WaitData> = {
  type: 'wait',
  dataSchema: WaitData,
  migrations: { 1: migrateWaitData },
  label: 'node.wait.label',
  defaults: () => ({ mode: 'dayAt', days: 1, time: '10:00' }),
  outputs,
  pauses: true,
  acceptsInput: true,
  references: (data) =>
    data.mode === 'relativeToField' ? [{ kind: 'field', id: data.fieldId, fieldKinds: ['date'] }] : [],
  summary(data, t, catalogue) {
    let base: string;
    switch (data.mode) {
      case 'elapsed':
        base = t('node.wait.elapsed', { amount: data.amount, unit: t(UNIT_LABEL[data.unit]) });
        break;
      case 'dayAt':
        base = data.days === 0 ? t('node.wait.sameDay', { time: data.time }) : t('node.wait.daysLater', { days: data.days, time: data.time });
        break;
      case 'relativeToField': {
        const params = { field: nameOf(catalogue, 'field', data.fieldId), days: Math.abs(data.offsetDays), time: data.time };
        if (data.offsetDays === 0) base = t('node.wait.onField', params);
        else base = t(data.offsetDays < 0 ? 'node.wait.beforeField' : 'node.wait.afterField', params);
        break;
      }
      default:
        return assertNever(data);
    }
    return data.windows?.length ? t('node.wait.withWindow', { base, windows: describeWindows(data.windows, t) }) : base;
  },
};

/**
 * Version 1 → 2: data stored before several windows existed had one `window {start, end, weekdays}`;
 * it becomes `windows` (an overnight one as two rules). Anything else is left for the schema check.
 */
function migrateWaitData(data: Record<string, unknown>): Record<string, unknown> {
  if (!('window' in data)) return data;
  const { window: legacy, ...rest } = data;
  if (legacy === undefined) return rest;
  if (!isRecord(legacy) || typeof legacy.start !== 'string' || typeof legacy.end !== 'string' || !Array.isArray(legacy.weekdays)) return data;
  if ('windows' in rest) return data;
  return { ...rest, windows: rulesFromLegacyWindow({ start: legacy.start, end: legacy.end, weekdays: legacy.weekdays as number[] }) };
}
