import { Type, type Static } from 'typebox';
import { assertNever } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
import { MessageDraft } from '../messages/draft.ts';
import { findPlaceholders } from '../messages/placeholders.ts';
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

/** 1 to 5 messages sent in one request; the count and LINE's other limits are validator rules. */
export const SendData = Type.Object({ messages: Type.Array(MessageDraft, { maxItems: 50 }), delivery: Type.Optional(SendDelivery) });
export type SendData = Static<typeof SendData>;

function describe(message: MessageDraft): Localized {
  switch (message.type) {
    case 'text': {
      const line = message.text.split('\n')[0] ?? '';
      const text = line.length > 30 ? `${line.slice(0, 30)}…` : line;
      return { ja: text, en: text };
    }
    case 'sticker':
      return { ja: 'スタンプ', en: 'Sticker' };
    case 'image':
      return { ja: '画像', en: 'Image' };
    case 'template':
      return message.template.type === 'buttons'
        ? { ja: 'ボタン', en: 'Buttons' }
        : { ja: '確認', en: 'Confirm' };
    case 'flex':
      return { ja: `Flex: ${message.altText}`, en: `Flex: ${message.altText}` };
    default:
      return assertNever(message);
  }
}

export const sendKind: NodeKindDefinition<'send', SendData> = {
  type: 'send',
  dataSchema: SendData,
  label: { ja: 'メッセージ送信', en: 'Send message' },
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
  summary(data) {
    const first = data.messages[0];
    if (!first) return { ja: 'メッセージなし', en: 'No messages' };
    const head = describe(first);
    const more = data.messages.length - 1;
    const text = more > 0 ? { ja: `${head.ja} 他${more}通`, en: `${head.en} +${more}` } : head;
    const d = data.delivery;
    if (d?.mode === 'off') return { ja: `${text.ja}（時間帯指定なし）`, en: `${text.en} (any time)` };
    if (d?.mode === 'custom' && d.windows.length) {
      return { ja: `${text.ja}（配信時間 ${describeWindows(d.windows, 'ja')}）`, en: `${text.en} (window ${describeWindows(d.windows, 'en')})` };
    }
    return text;
  },
};
