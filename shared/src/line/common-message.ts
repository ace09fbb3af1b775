import { Type, type Static } from 'typebox';
import { MessageActionObject } from './actions.ts';
import { HttpsUrl, Text, WithRule } from './common.ts';

/** A quick-reply button: LINE requires a label on every one. */
export const QuickReplyItem = Type.Object({
  type: Type.Literal('action'),
  imageUrl: Type.Optional(HttpsUrl),
  action: WithRule(MessageActionObject, (action) => typeof action.label === 'string', 'A quick reply action must have a label'),
});

export const QuickReply = Type.Object({
  items: Type.Array(QuickReplyItem, { minItems: 1, maxItems: 13 }),
});
export type QuickReply = Static<typeof QuickReply>;

/** Changes the icon and display name the message appears from. */
export const Sender = Type.Object({
  name: Type.Optional(Text(20)),
  iconUrl: Type.Optional(HttpsUrl),
});
export type Sender = Static<typeof Sender>;

/** Properties every message object may have. */
export const messageCommon = {
  quickReply: Type.Optional(QuickReply),
  sender: Type.Optional(Sender),
};
