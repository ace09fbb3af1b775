import { Type, type Static } from 'typebox';
import { conversionPointName, nameOf, type Reference } from '../graph/catalogue.ts';
import { assertNever, Duration, Id } from '../graph/primitives.ts';
import type { SharedKey, Translate } from '../i18n/text.ts';
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
  /** Without `pointId`, any conversion counts. */
  Type.Object({ event: Type.Literal('conversion'), pointId: Type.Optional(Id), timeout }),
]);
export type WaitForEventData = Static<typeof WaitForEventData>;

export const DONE_OUTPUT_ID = 'done';
export const TIMEOUT_OUTPUT_ID = 'timeout';

const UNIT: Record<'minutes' | 'hours' | 'days', SharedKey> = {
  minutes: 'node.waitForEvent.minutes',
  hours: 'node.waitForEvent.hours',
  days: 'node.waitForEvent.days',
};

function references(data: WaitForEventData): Reference[] {
  switch (data.event) {
    case 'linkClicked':
      return data.linkId === undefined ? [] : [{ kind: 'link', id: data.linkId }];
    case 'tagAdded':
      return [{ kind: 'tag', id: data.tagId }];
    case 'replied':
    case 'postback':
    case 'conversion':
      return [];
    default:
      return assertNever(data);
  }
}

function eventText(data: WaitForEventData, t: Translate, catalogue: Parameters<typeof nameOf>[0]): string {
  switch (data.event) {
    case 'linkClicked':
      if (data.linkId === undefined) return t('node.waitForEvent.anyLinkClicked');
      return t('node.waitForEvent.linkClicked', { name: nameOf(catalogue, 'link', data.linkId) });
    case 'replied':
      return t('node.waitForEvent.replied');
    case 'postback':
      return data.data === undefined ? t('node.waitForEvent.anyPostback') : t('node.waitForEvent.postback', { data: data.data });
    case 'tagAdded':
      return t('node.waitForEvent.tagAdded', { name: nameOf(catalogue, 'tag', data.tagId) });
    case 'conversion':
      return data.pointId === undefined ? t('node.waitForEvent.anyConversion') : t('node.waitForEvent.conversion', { name: conversionPointName(catalogue, data.pointId) });
    default:
      return assertNever(data);
  }
}

export const waitForEventKind: NodeKindDefinition<'waitForEvent', WaitForEventData> = {
  type: 'waitForEvent',
  dataSchema: WaitForEventData,
  migrations: {},
  label: 'node.waitForEvent.label',
  defaults: () => ({ event: 'linkClicked', timeout: { amount: 3, unit: 'days' } }),
  outputs: () => [
    { id: DONE_OUTPUT_ID, label: { key: 'term.done' }, required: true },
    { id: TIMEOUT_OUTPUT_ID, label: { key: 'term.timeout' }, required: false },
  ],
  pauses: true,
  acceptsInput: true,
  references,
  summary(data, t, catalogue) {
    const { amount, unit } = data.timeout;
    return t('node.waitForEvent.summary', { event: eventText(data, t, catalogue), amount, unit: t(UNIT[unit]) });
  },
};
