import { Type, type Static } from 'typebox';
import { nameOf } from '../graph/catalogue.ts';
import { assertNever, Id, TimeOfDay } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
import { nextOutput, type NodeKindDefinition, type NodeOutput } from './kind.ts';
import { isRecord } from '../graph/migrations.ts';
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

const UNIT_LABEL: Record<'minutes' | 'hours' | 'days', Localized> = {
  minutes: { ja: '分', en: 'minute(s)' },
  hours: { ja: '時間', en: 'hour(s)' },
  days: { ja: '日', en: 'day(s)' },
};

function outputs(data: WaitData): NodeOutput[] {
  if (data.mode !== 'relativeToField') return [nextOutput(true)];
  return [nextOutput(true), { id: SKIPPED_OUTPUT_ID, label: { ja: '日付なし・過ぎた', en: 'No date or passed' }, required: false }];
}

export const waitKind: NodeKindDefinition<'wait', WaitData> = {
  type: 'wait',
  dataSchema: WaitData,
  label: { ja: '待機', en: 'Wait' },
  defaults: () => ({ mode: 'dayAt', days: 1, time: '10:00' }),
  outputs,
  migrate: migrateWaitData,
  pauses: true,
  acceptsInput: true,
  references: (data) =>
    data.mode === 'relativeToField' ? [{ kind: 'field', id: data.fieldId, fieldKinds: ['date'] }] : [],
  summary(data, catalogue): Localized {
    const suffix = data.windows?.length
      ? { ja: `（配信時間 ${describeWindows(data.windows, 'ja')}）`, en: ` (window ${describeWindows(data.windows, 'en')})` }
      : { ja: '', en: '' };
    let base: Localized;
    switch (data.mode) {
      case 'elapsed':
        base = { ja: `${data.amount}${UNIT_LABEL[data.unit].ja}後`, en: `${data.amount} ${UNIT_LABEL[data.unit].en} later` };
        break;
      case 'dayAt':
        base =
          data.days === 0
            ? { ja: `当日 ${data.time}`, en: `Same day at ${data.time}` }
            : { ja: `${data.days}日後 ${data.time}`, en: `${data.days} day(s) later at ${data.time}` };
        break;
      case 'relativeToField': {
        const field = nameOf(catalogue, 'field', data.fieldId);
        const n = Math.abs(data.offsetDays);
        if (data.offsetDays === 0) base = { ja: `「${field}」当日 ${data.time}`, en: `On "${field}" at ${data.time}` };
        else if (data.offsetDays < 0) base = { ja: `「${field}」の${n}日前 ${data.time}`, en: `${n} day(s) before "${field}" at ${data.time}` };
        else base = { ja: `「${field}」の${n}日後 ${data.time}`, en: `${n} day(s) after "${field}" at ${data.time}` };
        break;
      }
      default:
        return assertNever(data);
    }
    return { ja: base.ja + suffix.ja, en: base.en + suffix.en };
  },
};

/**
 * Data stored before several windows existed had one `window {start, end, weekdays}`; it becomes
 * `windows` (an overnight one as two rules). Anything else is left for the schema check to judge.
 */
export function migrateWaitData(data: unknown): unknown {
  if (!isRecord(data) || !('window' in data)) return data;
  const { window: legacy, ...rest } = data;
  if (legacy === undefined) return rest;
  if (!isRecord(legacy) || typeof legacy.start !== 'string' || typeof legacy.end !== 'string' || !Array.isArray(legacy.weekdays)) return data;
  if ('windows' in rest) return data;
  return { ...rest, windows: rulesFromLegacyWindow({ start: legacy.start, end: legacy.end, weekdays: legacy.weekdays as number[] }) };
}
