import { Type, type Static } from 'typebox';
import { ActionUri, Text, Variant } from './common.ts';

/**
 * Action objects (buttons, quick replies, template columns, flex components).
 * Labels are optional here because where they are required depends on the container; containers that
 * require them (quick reply, templates) say so themselves.
 */
const label = Type.Optional(Text(20));
const data = Text(300);

export const PostbackAction = Variant('postback', {
  label,
  data,
  displayText: Type.Optional(Text(300)),
  text: Type.Optional(Text(300)),
  inputOption: Type.Optional(Type.Union([
    Type.Literal('closeRichMenu'), Type.Literal('openRichMenu'), Type.Literal('openKeyboard'), Type.Literal('openVoice'),
  ])),
  fillInText: Type.Optional(Text(300)),
});

export const MessageAction = Variant('message', { label, text: Text(300) });

export const UriAction = Variant('uri', {
  label,
  uri: ActionUri,
  altUri: Type.Optional(Type.Object({ desktop: ActionUri })),
});

export const DatetimePickerAction = Variant('datetimepicker', {
  label,
  data,
  mode: Type.Union([Type.Literal('date'), Type.Literal('time'), Type.Literal('datetime')]),
  initial: Type.Optional(Type.String()),
  max: Type.Optional(Type.String()),
  min: Type.Optional(Type.String()),
});

export const CameraAction = Variant('camera', { label });
export const CameraRollAction = Variant('cameraRoll', { label });
export const LocationAction = Variant('location', { label });

export const ClipboardAction = Variant('clipboard', { label, clipboardText: Text(1000) });

/** Only valid in rich menus; accepted here so a rich-menu area can reuse the action schema. */
export const RichMenuSwitchAction = Variant('richmenuswitch', {
  label,
  richMenuAliasId: Text(32),
  data,
});

/** Actions a message may carry (rich-menu switching only works inside rich menus). */
const messageActions = [
  PostbackAction,
  MessageAction,
  UriAction,
  DatetimePickerAction,
  CameraAction,
  CameraRollAction,
  LocationAction,
  ClipboardAction,
] as const;

export const MessageActionObject = Type.Union([...messageActions]);
export const Action = Type.Union([...messageActions, RichMenuSwitchAction]);
export type Action = Static<typeof Action>;
export type MessageActionObject = Static<typeof MessageActionObject>;
