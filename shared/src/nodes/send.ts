import { Type, type Static } from 'typebox';
import { assertNever } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
import { MessageDraft } from '../messages/draft.ts';
import { findPlaceholders } from '../messages/placeholders.ts';
import { readablePlaceholders } from '../messages/readable.ts';
import type { Catalogue } from '../graph/catalogue.ts';
import { linkIdsOf } from '../messages/render.ts';
import { personalisableTexts } from '../messages/texts.ts';
import { nextOutput, type NodeKindDefinition } from './kind.ts';

/** 1 to 5 messages sent in one request; the count and LINE's other limits are validator rules. */
export const SendData = Type.Object({ messages: Type.Array(MessageDraft, { maxItems: 50 }) });
export type SendData = Static<typeof SendData>;

/** The first line of a text as a person reads it: placeholders by name (never an id), cut at 30. */
function firstLine(text: string, catalogue: Catalogue | undefined): Localized {
  const line = text.split('\n')[0] ?? '';
  const cut = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
  return { ja: cut(readablePlaceholders(line, catalogue, '不明')), en: cut(readablePlaceholders(line, catalogue, 'unknown')) };
}

function describe(message: MessageDraft, catalogue: Catalogue | undefined): Localized {
  switch (message.type) {
    case 'text':
      return firstLine(message.text, catalogue);
    case 'sticker':
      return { ja: 'スタンプ', en: 'Sticker' };
    case 'image':
      return { ja: '画像', en: 'Image' };
    case 'template':
      return message.template.type === 'buttons'
        ? { ja: 'ボタン', en: 'Buttons' }
        : { ja: '確認', en: 'Confirm' };
    case 'flex': {
      const alt = firstLine(message.altText, catalogue);
      return { ja: `Flex: ${alt.ja}`, en: `Flex: ${alt.en}` };
    }
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
  summary(data, catalogue) {
    const first = data.messages[0];
    if (!first) return { ja: 'メッセージなし', en: 'No messages' };
    const head = describe(first, catalogue);
    const more = data.messages.length - 1;
    return more > 0 ? { ja: `${head.ja} 他${more}通`, en: `${head.en} +${more}` } : head;
  },
};
