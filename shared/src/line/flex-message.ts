import { Type, type Static } from 'typebox';
import { Action } from './actions.ts';
import { messageCommon } from './common-message.ts';
import { Text, Variant, WithRule } from './common.ts';

/**
 * Flex messages are checked at the container level (bubble/carousel, block types, component kinds)
 * plus LINE's JSON size limits; the component tree below a block is LINE's own layout language and is
 * left to the editor's preview rather than re-implemented here.
 */

const componentTypes = ['box', 'button', 'image', 'video', 'icon', 'text', 'span', 'separator', 'filler'] as const;

export const FlexComponent = Type.Object({
  type: Type.Union(componentTypes.map((kind) => Type.Literal(kind))),
});

export const FlexBox = Type.Object({
  type: Type.Literal('box'),
  layout: Type.Union([Type.Literal('horizontal'), Type.Literal('vertical'), Type.Literal('baseline')]),
  contents: Type.Array(FlexComponent),
});

const BlockStyle = Type.Object({
  backgroundColor: Type.Optional(Type.String()),
  separator: Type.Optional(Type.Boolean()),
  separatorColor: Type.Optional(Type.String()),
});

const bubbleSizes = ['nano', 'micro', 'deca', 'hecto', 'kilo', 'mega', 'giga'] as const;

/** LINE refuses a bubble whose JSON is over 30 KB and a carousel over 50 KB. */
const BUBBLE_MAX_BYTES = 30 * 1024;
const CAROUSEL_MAX_BYTES = 50 * 1024;
const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

const bubbleProperties = {
  size: Type.Optional(Type.Union(bubbleSizes.map((size) => Type.Literal(size)))),
  direction: Type.Optional(Type.Union([Type.Literal('ltr'), Type.Literal('rtl')])),
  header: Type.Optional(FlexBox),
  hero: Type.Optional(FlexComponent),
  body: Type.Optional(FlexBox),
  footer: Type.Optional(FlexBox),
  styles: Type.Optional(Type.Object({
    header: Type.Optional(BlockStyle),
    hero: Type.Optional(BlockStyle),
    body: Type.Optional(BlockStyle),
    footer: Type.Optional(BlockStyle),
  })),
  action: Type.Optional(Action),
};

export const FlexBubble = WithRule(
  Variant('bubble', bubbleProperties),
  (bubble) => jsonBytes(bubble) <= BUBBLE_MAX_BYTES,
  `A bubble may have at most ${BUBBLE_MAX_BYTES} bytes of JSON`,
);

export const FlexCarousel = WithRule(
  Variant('carousel', { contents: Type.Array(FlexBubble, { minItems: 1, maxItems: 12 }) }),
  (carousel) => jsonBytes(carousel) <= CAROUSEL_MAX_BYTES,
  `A carousel may have at most ${CAROUSEL_MAX_BYTES} bytes of JSON`,
);

export const FlexContainer = Type.Union([FlexBubble, FlexCarousel]);
export type FlexContainer = Static<typeof FlexContainer>;

export const FlexMessage = Variant('flex', {
  ...messageCommon,
  altText: Text(400),
  contents: FlexContainer,
});
export type FlexMessage = Static<typeof FlexMessage>;
