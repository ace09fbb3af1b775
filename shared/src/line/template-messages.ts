import { Type, type Static } from 'typebox';
import { MessageActionObject } from './actions.ts';
import { messageCommon } from './common-message.ts';
import { HexColor, HttpsUrl, Text, Variant, WithRule } from './common.ts';

/** Template messages: buttons, confirm, carousel and image carousel. */

const LabelledActions = (min: number, max: number) =>
  WithRule(
    Type.Array(MessageActionObject, { minItems: min, maxItems: max }),
    (actions) => actions.every((action) => typeof action.label === 'string'),
    'Every template action must have a label',
  );

const imageAspectRatio = Type.Optional(Type.Union([Type.Literal('rectangle'), Type.Literal('square')]));
const imageSize = Type.Optional(Type.Union([Type.Literal('cover'), Type.Literal('contain')]));

/** Text shrinks to 60 characters once an image or a title takes room. */
const textFitsBesideImageOrTitle = (value: { thumbnailImageUrl?: string; title?: string; text: string }) =>
  (value.thumbnailImageUrl === undefined && value.title === undefined) || value.text.length <= 60;
const shorterTextMessage = 'text may have at most 60 characters when thumbnailImageUrl or title is set';

export const ButtonsTemplate = WithRule(
  Variant('buttons', {
    thumbnailImageUrl: Type.Optional(HttpsUrl),
    imageAspectRatio,
    imageSize,
    imageBackgroundColor: Type.Optional(HexColor),
    title: Type.Optional(Text(40)),
    text: Text(160),
    defaultAction: Type.Optional(MessageActionObject),
    actions: LabelledActions(1, 4),
  }),
  textFitsBesideImageOrTitle,
  shorterTextMessage,
);

export const ConfirmTemplate = Variant('confirm', {
  text: Text(240),
  actions: LabelledActions(2, 2),
});

export const CarouselColumn = WithRule(
  Type.Object({
    thumbnailImageUrl: Type.Optional(HttpsUrl),
    imageBackgroundColor: Type.Optional(HexColor),
    title: Type.Optional(Text(40)),
    text: Text(120),
    defaultAction: Type.Optional(MessageActionObject),
    actions: LabelledActions(1, 3),
  }),
  textFitsBesideImageOrTitle,
  shorterTextMessage,
);

export const CarouselTemplate = WithRule(
  Variant('carousel', {
    columns: Type.Array(CarouselColumn, { minItems: 1, maxItems: 10 }),
    imageAspectRatio,
    imageSize,
  }),
  // LINE renders columns side by side, so they must agree on their action count, image and title.
  (template) => {
    const [first, ...rest] = template.columns;
    if (!first) return true;
    return rest.every((column) =>
      column.actions.length === first.actions.length &&
      (column.thumbnailImageUrl === undefined) === (first.thumbnailImageUrl === undefined) &&
      (column.title === undefined) === (first.title === undefined));
  },
  'All columns must have the same number of actions and all or none must have an image and a title',
);

export const ImageCarouselColumn = Type.Object({
  imageUrl: HttpsUrl,
  action: WithRule(
    MessageActionObject,
    (action) => action.label === undefined || action.label.length <= 12,
    'An image carousel action label may have at most 12 characters',
  ),
});

export const ImageCarouselTemplate = Variant('image_carousel', {
  columns: Type.Array(ImageCarouselColumn, { minItems: 1, maxItems: 10 }),
});

export const Template = Type.Union([ButtonsTemplate, ConfirmTemplate, CarouselTemplate, ImageCarouselTemplate]);
export type Template = Static<typeof Template>;

export const TemplateMessage = Variant('template', {
  ...messageCommon,
  altText: Text(400),
  template: Template,
});
export type TemplateMessage = Static<typeof TemplateMessage>;
