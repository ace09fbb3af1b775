import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as line from '../../src/line/schemas/index.ts';
import { hasLineReference, listFixtures, missingReferenceReason, readFixture, readSpecText } from './line-reference.ts';

/**
 * Holds our hand-written schemas against LINE's OpenAPI spec: whatever the spec requires we require,
 * our limits are never looser than the spec's, our enumerations never wider; and deleting any
 * spec-required property from a valid fixture gets it refused.
 */

if (!hasLineReference) console.warn(`skipping the OpenAPI walk: ${missingReferenceReason}`);

type Node = Record<string, unknown>;
const spec = hasLineReference ? (parse(readSpecText('messaging-api.yml')) as { components: { schemas: Record<string, Node> } }) : undefined;

/** Our schema for each spec component of the endpoints and message objects the fake serves. */
const pairs: Array<[string, TSchema]> = [
  ['PushMessageRequest', line.PushMessageRequest], ['MulticastRequest', line.MulticastRequest],
  ['ReplyMessageRequest', line.ReplyMessageRequest], ['NarrowcastRequest', line.NarrowcastRequest],
  ['BroadcastRequest', line.BroadcastRequest],
  ['TextMessage', line.TextMessage], ['TextMessageV2', line.TextV2Message], ['StickerMessage', line.StickerMessage],
  ['ImageMessage', line.ImageMessage], ['VideoMessage', line.VideoMessage], ['AudioMessage', line.AudioMessage],
  ['LocationMessage', line.LocationMessage], ['ImagemapMessage', line.ImagemapMessage], ['TemplateMessage', line.TemplateMessage],
  ['FlexMessage', line.FlexMessage], ['CouponMessage', line.CouponMessage], ['Emoji', line.Emoji],
  ['QuickReply', line.QuickReply], ['QuickReplyItem', line.QuickReplyItem], ['Sender', line.Sender],
  ['ButtonsTemplate', line.ButtonsTemplate], ['ConfirmTemplate', line.ConfirmTemplate], ['CarouselTemplate', line.CarouselTemplate],
  ['CarouselColumn', line.CarouselColumn], ['ImageCarouselTemplate', line.ImageCarouselTemplate],
  ['ImageCarouselColumn', line.ImageCarouselColumn], ['ImagemapArea', line.ImagemapArea],
  ['FlexBubble', line.FlexBubble], ['FlexCarousel', line.FlexCarousel], ['FlexBox', line.FlexBox],
  ['PostbackAction', line.PostbackAction], ['MessageAction', line.MessageAction], ['URIAction', line.UriAction],
  ['DatetimePickerAction', line.DatetimePickerAction], ['ClipboardAction', line.ClipboardAction],
  ['RichMenuSwitchAction', line.RichMenuSwitchAction],
];

/** A spec component with its allOf parts merged: every property and every required name. */
function flatten(name: string): { properties: Record<string, Node>; required: string[] } {
  const component = spec?.components.schemas[name];
  if (!component) throw new Error(`spec has no component ${name}`);
  return flattenNode(component);
}

function flattenNode(node: Node): { properties: Record<string, Node>; required: string[] } {
  const merged = { properties: { ...(node.properties as Record<string, Node> | undefined) }, required: [...((node.required as string[] | undefined) ?? [])] };
  for (const part of (node.allOf as Node[] | undefined) ?? []) {
    const resolved = typeof part.$ref === 'string' ? flatten(part.$ref.split('/').pop() ?? '') : flattenNode(part);
    Object.assign(merged.properties, resolved.properties);
    merged.required.push(...resolved.required);
  }
  return merged;
}

function resolveRef(node: Node): Node {
  return typeof node.$ref === 'string' ? (spec?.components.schemas[node.$ref.split('/').pop() ?? ''] ?? node) : node;
}

const ours = (schema: TSchema) => schema as unknown as Node;
const literals = (node: Node): unknown[] | undefined =>
  Array.isArray(node.anyOf) && (node.anyOf as Node[]).every((branch) => branch.const !== undefined)
    ? (node.anyOf as Node[]).map((branch) => branch.const)
    : node.const !== undefined ? [node.const] : undefined;

describe.skipIf(!hasLineReference)('our schemas against LINE OpenAPI spec', () => {
  it.each(pairs)('%s: required properties are required', (name, schema) => {
    const required = new Set((ours(schema).required as string[] | undefined) ?? []);
    expect(flatten(name).required.filter((property) => !required.has(property))).toEqual([]);
  });

  it.each(pairs)('%s: limits no looser and enumerations no wider than the spec', (name, schema) => {
    const mine = (ours(schema).properties as Record<string, Node> | undefined) ?? {};
    const looser: string[] = [];
    for (const [property, specNode] of Object.entries(flatten(name).properties)) {
      const our = mine[property];
      if (!our) continue;
      const theirs = resolveRef(specNode);
      for (const limit of ['maxItems', 'maxLength', 'maxProperties'] as const) {
        const bound = theirs[limit];
        if (typeof bound === 'number' && !(typeof our[limit] === 'number' && (our[limit] as number) <= bound) && !refinedBelow(our, bound)) {
          looser.push(`${property}.${limit}`);
        }
      }
      const allowed = theirs.enum as unknown[] | undefined;
      const ourValues = literals(our);
      if (allowed && (!ourValues || ourValues.some((value) => !allowed.includes(value)))) looser.push(`${property}.enum`);
    }
    expect(looser).toEqual([]);
  });

  /** Utf16Text limits length in a refinement: accept it when the refinement refuses bound+1 units. */
  function refinedBelow(our: Node, bound: number): boolean {
    const refinements = our['~refine'] as Array<{ check: (value: unknown) => boolean }> | undefined;
    return refinements?.some((refinement) => !refinement.check('x'.repeat(bound + 1))) ?? false;
  }

  const messageComponents: Record<string, string> = {
    text: 'TextMessage', textV2: 'TextMessageV2', sticker: 'StickerMessage', image: 'ImageMessage', video: 'VideoMessage',
    audio: 'AudioMessage', location: 'LocationMessage', imagemap: 'ImagemapMessage', template: 'TemplateMessage',
    flex: 'FlexMessage', coupon: 'CouponMessage',
  };
  const validateMessage = line.createLineValidator(line.Message);
  const mutations = hasLineReference
    ? listFixtures('messages').flatMap((file) => {
        const fixture = readFixture(file) as Node;
        const component = messageComponents[String(fixture.type)];
        if (!component) return [];
        return flatten(component).required.map((property) => [file, property, fixture] as const);
      })
    : [];

  it('has fixtures to mutate', () => {
    expect(mutations.length).toBeGreaterThan(20);
  });

  it.each(mutations)('%s without %s is refused', (_file, property, fixture) => {
    const { [property]: _removed, ...mutated } = fixture;
    expect(validateMessage(mutated).ok).toBe(false);
  });
});
