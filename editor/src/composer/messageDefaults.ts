import type { MessageDraft } from '@lsb/shared';

export type ComposerType =
  | 'text' | 'sticker' | 'image' | 'buttons' | 'confirm' | 'flex'
  | 'video' | 'audio' | 'location' | 'imagemap' | 'coupon';
export const COMPOSER_TYPES: ComposerType[] = [
  'text', 'sticker', 'image', 'video', 'audio', 'location', 'imagemap', 'buttons', 'confirm', 'flex', 'coupon',
];

export function composerType(m: MessageDraft): ComposerType {
  return m.type === 'template' ? m.template.type : m.type;
}

/** A fresh message of a type, keeping the quick replies of the one it replaces. */
export function defaultMessage(type: ComposerType, keep?: MessageDraft): MessageDraft {
  const quick = keep?.quickReply ? { quickReply: keep.quickReply } : {};
  switch (type) {
    case 'text':
      return { type, text: '', ...quick };
    case 'sticker':
      return { type, packageId: '446', stickerId: '1988', ...quick };
    case 'image':
      return { type, originalContentUrl: 'https://', previewImageUrl: 'https://', ...quick };
    case 'video':
      return { type, originalContentUrl: 'https://', previewImageUrl: 'https://', ...quick };
    case 'audio':
      return { type, originalContentUrl: 'https://', duration: 60_000, ...quick };
    case 'location':
      return { type, title: '', address: '', latitude: 35.681236, longitude: 139.767125, ...quick };
    case 'imagemap':
      return {
        type, baseUrl: 'https://', altText: 'イメージマップ', baseSize: { width: 1040, height: 1040 }, ...quick,
        actions: [{ type: 'uri', linkUri: 'https://', area: { x: 0, y: 0, width: 1040, height: 1040 } }],
      };
    case 'coupon':
      return { type, couponId: '', ...quick };
    case 'buttons':
      return {
        type: 'template', altText: 'ボタンメッセージ', ...quick,
        template: { type: 'buttons', text: '', actions: [{ type: 'uri', label: '詳しく見る', uri: 'https://' }] },
      };
    case 'confirm':
      return {
        type: 'template', altText: '確認メッセージ', ...quick,
        template: {
          type: 'confirm', text: '',
          actions: [{ type: 'message', label: 'はい', text: 'はい' }, { type: 'message', label: 'いいえ', text: 'いいえ' }],
        },
      };
    case 'flex':
      return {
        type: 'flex', altText: 'お知らせ', ...quick,
        contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'こんにちは', weight: 'bold' }] } },
      };
  }
}
