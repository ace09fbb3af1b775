import { Type, type Static } from 'typebox';
import { assertNever } from '../graph/primitives.ts';
import type { Translate } from '../i18n/text.ts';
import { MessageDraft } from '../messages/draft.ts';
import { findPlaceholders } from '../messages/placeholders.ts';
import { readablePlaceholders } from '../messages/readable.ts';
import type { Catalogue } from '../graph/catalogue.ts';
import { linkIdsOf } from '../messages/render.ts';
import { personalisableTexts } from '../messages/texts.ts';
import { nextOutput, type NodeKindDefinition } from './kind.ts';
import { DeliveryWindows, describeWindows } from '../time/window-rules.ts';

/**
 * When the send may go out: the workspace's 配信時間帯 (the default, also when absent), any time
 * (`off`: an opt-out for urgent messages), or this node's own rules. Outside them the message is
 * held until the next opening; the run itself goes on.
 */
export const SendDelivery = Type.Union([
  Type.Object({ mode: Type.Literal('workspace') }),
  Type.Object({ mode: Type.Literal('off') }),
  Type.Object({ mode: Type.Literal('custom'), windows: DeliveryWindows }),
]);
export type SendDelivery = Static<typeof SendDelivery>;

/** LINE's customAggregationUnit name (insight API): letters, digits, `_`, at most 30. */
export const AggregationUnit = Type.String({ pattern: '^[a-zA-Z0-9_]{1,30}$' });

/**
 * What the workspace's message cap (配信上限, "at most N per friend per day / week") does to this
 * send when the friend has reached it: wait at this node until the day or week allows (`hold`, the
 * default, also when absent) or leave without sending (`skip`). Ignored with `alwaysDeliver`.
 */
export const SendOverCap = Type.Union([Type.Literal('hold'), Type.Literal('skip')]);
export type SendOverCap = Static<typeof SendOverCap>;

/**
 * 1 to 5 messages sent in one request; the count and LINE's other limits are validator rules.
 * `alwaysDeliver` (transactional messages: a receipt, a booking confirmation) ignores the message
 * cap, though the message still counts towards it. Graphs saved before caps lack both fields:
 * absent means not always, and hold.
 * `aggregationUnit`: the LINE customAggregationUnit the sends of this node carry (opens and clicks
 * from LINE's insight API); absent, they carry `sendAggregationUnit(scenarioId, nodeId)`
 * (measure/aggregation-unit.ts), so every send node is measured.
 */
export const SendData = Type.Object({
  messages: Type.Array(MessageDraft, { maxItems: 50 }),
  delivery: Type.Optional(SendDelivery),
  aggregationUnit: Type.Optional(AggregationUnit),
  alwaysDeliver: Type.Optional(Type.Boolean()),
  overCap: Type.Optional(SendOverCap),
});
export type SendData = Static<typeof SendData>;

/** The first line of a text as a person reads it: placeholders by name (never an id), cut at 30. */
function firstLine(text: string, t: Translate, catalogue: Catalogue | undefined): string {
  const line = readablePlaceholders(text.split('\n')[0] ?? '', catalogue, t('node.send.unknownReference'));
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
}

function describe(message: MessageDraft, t: Translate, catalogue: Catalogue | undefined): string {
  switch (message.type) {
    case 'text':
      return firstLine(message.text, t, catalogue);
    case 'sticker':
      return t('node.send.sticker');
    case 'image':
      return t('node.send.image');
    case 'template':
      return t(message.template.type === 'buttons' ? 'node.send.buttons' : 'node.send.confirm');
    case 'flex':
      return t('node.send.flex', { altText: firstLine(message.altText, t, catalogue) });
    case 'video':
      return t('node.send.video');
    case 'audio':
      return t('node.send.audio');
    case 'location':
      return t('node.send.location', { title: firstLine(message.title, t, catalogue) });
    case 'imagemap':
      return t('node.send.imagemap', { altText: firstLine(message.altText, t, catalogue) });
    case 'coupon':
      return t('node.send.coupon');
    default:
      return assertNever(message);
  }
}

/** What this send does at the message cap: `always` (ignores it), or the node's over-cap choice (hold when absent). */
export function capPolicyOf(data: SendData): 'always' | SendOverCap {
  return data.alwaysDeliver ? 'always' : (data.overCap ?? 'hold');
}

export const sendKind: NodeKindDefinition<'send', SendData> = {
  type: 'send',
  dataSchema: SendData,
  migrations: {},
  label: 'node.send.label',
  defaults: () => ({ messages: [{ type: 'text', text: '' }] }),
  outputs: () => [nextOutput(false)],
  pauses: false,
  acceptsInput: true,
  references: (data) => [
    ...data.messages.flatMap(personalisableTexts).flatMap((text) =>
      findPlaceholders(text).flatMap((p) => (p.kind === 'field' ? [{ kind: 'field' as const, id: p.fieldId }] : [])),
    ),
    // A `{link:…}` pointing at a link the workspace lacks would send friends to a 404.
    ...linkIdsOf(data.messages).map((id) => ({ kind: 'link' as const, id })),
  ],
  summary(data, t, catalogue) {
    const first = data.messages[0];
    if (!first) return t('node.send.none');
    const head = describe(first, t, catalogue);
    const more = data.messages.length - 1;
    const text = more > 0 ? t('node.send.more', { first: head, more }) : head;
    const d = data.delivery;
    const timed = d?.mode === 'off' ? t('node.wait.withWindow', { base: text, windows: t('window.anyTime') })
      : d?.mode === 'custom' && d.windows.length ? t('node.wait.withWindow', { base: text, windows: describeWindows(d.windows, t) })
        : text;
    if (data.alwaysDeliver) return t('node.send.capAlways', { base: timed });
    return capPolicyOf(data) === 'skip' ? t('node.send.capSkip', { base: timed }) : timed;
  },
};
