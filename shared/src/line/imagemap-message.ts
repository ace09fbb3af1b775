import { Type, type Static } from 'typebox';
import { messageCommon } from './common-message.ts';
import { ActionUri, HttpsUrl, Text, Variant } from './common.ts';

/** Imagemap: one image (optionally a video) with tappable areas, laid out on a 1040-pixel-wide grid. */

export const ImagemapArea = Type.Object({
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
});

export const ImagemapAction = Type.Union([
  Variant('uri', { label: Type.Optional(Text(100)), linkUri: ActionUri, area: ImagemapArea }),
  Variant('message', { label: Type.Optional(Text(100)), text: Text(400), area: ImagemapArea }),
  Variant('clipboard', { label: Type.Optional(Text(100)), clipboardText: Text(1000), area: ImagemapArea }),
]);

export const ImagemapMessage = Variant('imagemap', {
  ...messageCommon,
  baseUrl: HttpsUrl,
  altText: Text(1500),
  baseSize: Type.Object({
    width: Type.Literal(1040),
    height: Type.Integer({ minimum: 1 }),
  }),
  video: Type.Optional(Type.Object({
    originalContentUrl: HttpsUrl,
    previewImageUrl: HttpsUrl,
    area: ImagemapArea,
    externalLink: Type.Optional(Type.Object({ linkUri: ActionUri, label: Text(30) })),
  })),
  actions: Type.Array(ImagemapAction, { maxItems: 50 }),
});
export type ImagemapMessage = Static<typeof ImagemapMessage>;
