import { Type, type Static } from 'typebox';
import { nameOf } from '../graph/catalogue.ts';
import { assertNever, Id, TimeOfDay } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
import { nextOutput, type NodeKindDefinition, type NodeOutput } from './kind.ts';

// All times are wall-clock times in the workspace zone. The moment itself is computed by
// nextWakeAt() in shared/src/time/, which both the engine and the editor's preview call.

/**
 * Wake-ups falling outside the window are deferred to its next opening. `end` at or before `start`
 * means the window runs past midnight; `weekdays` are ISO (1 = Monday … 7 = Sunday) and name the
 * day a window opens on.
 */
export const DeliveryWindow = Type.Object({
  start: TimeOfDay,
  end: TimeOfDay,
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
});
export type DeliveryWindow = Static<typeof DeliveryWindow>;

const window = Type.Optional(DeliveryWindow);

export const WaitData = Type.Union([
  /** Minutes and hours are absolute; days are calendar days, keeping the wall-clock time over DST. */
  Type.Object({
    mode: Type.Literal('elapsed'),
    amount: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unit: Type.Union([Type.Literal('minutes'), Type.Literal('hours'), Type.Literal('days')]),
    window,
  }),
  /** Lステップ's 時刻で指定: `days` after entering at `time`; 0 is today, or tomorrow if passed. */
  Type.Object({
    mode: Type.Literal('dayAt'),
    days: Type.Integer({ minimum: 0, maximum: 3650 }),
    time: TimeOfDay,
    window,
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
    window,
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
  pauses: true,
  acceptsInput: true,
  references: (data) =>
    data.mode === 'relativeToField' ? [{ kind: 'field', id: data.fieldId, fieldKinds: ['date'] }] : [],
  summary(data, catalogue): Localized {
    const suffix = data.window
      ? { ja: `（配信時間 ${data.window.start}〜${data.window.end}）`, en: ` (window ${data.window.start}–${data.window.end})` }
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
