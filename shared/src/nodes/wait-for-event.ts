import { Type, type Static } from 'typebox';
import { nameOf, type Reference } from '../graph/catalogue.ts';
import { assertNever, Duration, Id } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
import type { NodeKindDefinition } from './kind.ts';

const timeout = Duration;

export const WaitForEventData = Type.Union([
  /** Without `linkId`, any tracked link counts. */
  Type.Object({ event: Type.Literal('linkClicked'), linkId: Type.Optional(Id), timeout }),
  /** Any message from the friend. */
  Type.Object({ event: Type.Literal('replied'), timeout }),
  /** Without `data`, any postback counts. */
  Type.Object({ event: Type.Literal('postback'), data: Type.Optional(Type.String({ maxLength: 300 })), timeout }),
  Type.Object({ event: Type.Literal('tagAdded'), tagId: Id, timeout }),
]);
export type WaitForEventData = Static<typeof WaitForEventData>;
export type WaitedEvent = WaitForEventData['event'];

export const DONE_OUTPUT_ID = 'done';
export const TIMEOUT_OUTPUT_ID = 'timeout';

const UNIT: Record<'minutes' | 'hours' | 'days', Localized> = {
  minutes: { ja: '分', en: 'min' },
  hours: { ja: '時間', en: 'h' },
  days: { ja: '日', en: 'd' },
};

function references(data: WaitForEventData): Reference[] {
  switch (data.event) {
    case 'linkClicked':
      return data.linkId === undefined ? [] : [{ kind: 'link', id: data.linkId }];
    case 'tagAdded':
      return [{ kind: 'tag', id: data.tagId }];
    case 'replied':
    case 'postback':
      return [];
    default:
      return assertNever(data);
  }
}

function eventText(data: WaitForEventData, catalogue: Parameters<typeof nameOf>[0]): Localized {
  switch (data.event) {
    case 'linkClicked':
      if (data.linkId === undefined) return { ja: 'リンクのクリック', en: 'a link click' };
      return { ja: `リンク「${nameOf(catalogue, 'link', data.linkId)}」のクリック`, en: `a click on "${nameOf(catalogue, 'link', data.linkId)}"` };
    case 'replied':
      return { ja: '返信', en: 'a reply' };
    case 'postback':
      return data.data === undefined
        ? { ja: 'ポストバック', en: 'a postback' }
        : { ja: `ポストバック「${data.data}」`, en: `postback "${data.data}"` };
    case 'tagAdded':
      return { ja: `タグ「${nameOf(catalogue, 'tag', data.tagId)}」`, en: `tag "${nameOf(catalogue, 'tag', data.tagId)}"` };
    default:
      return assertNever(data);
  }
}

export const waitForEventKind: NodeKindDefinition<'waitForEvent', WaitForEventData> = {
  type: 'waitForEvent',
  dataSchema: WaitForEventData,
  label: { ja: 'イベント待ち', en: 'Wait for event' },
  defaults: () => ({ event: 'linkClicked', timeout: { amount: 3, unit: 'days' } }),
  outputs: () => [
    { id: DONE_OUTPUT_ID, label: { ja: '反応あり', en: 'Happened' }, required: true },
    { id: TIMEOUT_OUTPUT_ID, label: { ja: 'タイムアウト', en: 'Timed out' }, required: false },
  ],
  pauses: true,
  acceptsInput: true,
  references,
  summary(data, catalogue) {
    const event = eventText(data, catalogue);
    const { amount, unit } = data.timeout;
    return {
      ja: `${event.ja}を最大${amount}${UNIT[unit].ja}待つ`,
      en: `Wait up to ${amount}${UNIT[unit].en} for ${event.en}`,
    };
  },
};
