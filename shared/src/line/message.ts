import { Type, type Static } from 'typebox';
import {
  AudioMessage, CouponMessage, ImageMessage, LocationMessage, StickerMessage, TextMessage, TextV2Message, VideoMessage,
} from './basic-messages.ts';
import { FlexMessage } from './flex-message.ts';
import { ImagemapMessage } from './imagemap-message.ts';
import { TemplateMessage } from './template-messages.ts';

/** Every message object a send request may carry in `messages[]`. */
export const Message = Type.Union([
  TextMessage,
  TextV2Message,
  StickerMessage,
  ImageMessage,
  VideoMessage,
  AudioMessage,
  LocationMessage,
  ImagemapMessage,
  TemplateMessage,
  FlexMessage,
  CouponMessage,
]);
export type Message = Static<typeof Message>;

/** LINE takes at most five message objects per request. */
export const Messages = Type.Array(Message, { minItems: 1, maxItems: 5 });
