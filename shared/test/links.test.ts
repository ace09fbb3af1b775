import { describe, expect, test } from 'vitest';
import {
  checkMessageLimits,
  findPlaceholders,
  isPersonalised,
  linkIdsOf,
  renderMessages,
  validateFlow,
  type Catalogue,
  type FlowGraph,
  type MessageDraft,
} from '../src/index.ts';

const base = 'https://lsb.example/l/TOKEN';
const friend = { displayName: '山田', fields: {}, clickBaseUrl: base };
const uri = (value: string) => ({ type: 'uri' as const, label: '開く', uri: value });

describe('{link:…} placeholders', () => {
  test('are found with their link id', () => {
    expect(findPlaceholders('詳しくは {link: L1 } へ')).toEqual([{ kind: 'link', linkId: 'L1', fallback: '', raw: '{link: L1 }' }]);
  });

  test("render as the friend's tracked URL in texts", () => {
    const [message] = renderMessages([{ type: 'text', text: '{name}さん、こちら→{link:L1}' }], friend);
    expect(message).toEqual({ type: 'text', text: `山田さん、こちら→${base}/L1` });
  });

  test('render in template, quick reply and flex URI actions that are exactly one link', () => {
    const drafts: MessageDraft[] = [
      {
        type: 'template', altText: 'alt',
        template: { type: 'buttons', text: 'どうぞ', actions: [uri('{link:L1}'), uri('https://plain.example/{link:L1}'), { type: 'message', label: 'はい', text: 'はい' }] },
        quickReply: { items: [{ type: 'action', action: uri('{link:L2}') }] },
      },
      { type: 'flex', altText: 'alt', contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'button', action: uri('{link:L3}') }, { type: 'text', text: '{link:L3}' }] } } },
    ];
    const [template, flex] = renderMessages(drafts, friend) as [Extract<MessageDraft, { type: 'template' }>, Extract<MessageDraft, { type: 'flex' }>];
    expect(template.template.actions.map((a) => ('uri' in a ? a.uri : a.type))).toEqual([`${base}/L1`, 'https://plain.example/{link:L1}', 'message']);
    expect(template.quickReply?.items[0]?.action).toEqual(uri(`${base}/L2`));
    expect(JSON.stringify(flex.contents)).toBe(JSON.stringify({ type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'button', action: uri(`${base}/L3`) }, { type: 'text', text: `${base}/L3` }] } }));
  });

  test('stay as written without a click base (shared has no catalogue URLs)', () => {
    const [message] = renderMessages([{ type: 'text', text: 'go {link:L1}' }], { displayName: '', fields: {} });
    expect(message).toEqual({ type: 'text', text: 'go {link:L1}' });
  });

  test('make a message personal (push, never multicast), in a text or only in a button', () => {
    expect(isPersonalised([{ type: 'text', text: '{link:L1}' }])).toBe(true);
    expect(isPersonalised([{ type: 'template', altText: 'a', template: { type: 'confirm', text: 'ok?', actions: [uri('{link:L1}'), uri('https://x.example')] } }])).toBe(true);
    expect(isPersonalised([{ type: 'template', altText: 'a', template: { type: 'confirm', text: 'ok?', actions: [uri('https://y.example'), uri('https://x.example')] } }])).toBe(false);
  });

  test('a URI action may be a link placeholder; other non-URLs still break the uri rule', () => {
    const confirm = (a: string): MessageDraft => ({ type: 'template', altText: 'a', template: { type: 'confirm', text: 'ok?', actions: [uri(a), uri('https://x.example')] } });
    expect(checkMessageLimits([confirm('{link:L1}')])).toEqual([]);
    expect(checkMessageLimits([confirm('{name}')]).map((v) => v.rule)).toEqual(['uri']);
  });

  test('linkIdsOf lists each link once', () => {
    expect(linkIdsOf([{ type: 'text', text: '{link:A} {link:B} {link:A}' }, { type: 'text', text: 'x', quickReply: { items: [{ type: 'action', action: uri('{link:C}') }] } }])).toEqual(['A', 'B', 'C']);
  });
});

describe('validator', () => {
  const graph = (text: string): FlowGraph => ({
    schemaVersion: 2,
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 's', type: 'send', position: { x: 0, y: 0 }, data: { messages: [{ type: 'text', text }] } },
    ],
    edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 's' }],
  });
  const catalogue: Catalogue = { tags: [], fields: [], inflowRoutes: [], scenarios: [], links: [{ id: 'L1', name: 'LP' }] };
  const codes = (text: string) => validateFlow(graph(text), catalogue).map((i) => `${i.code}@${i.nodeId ?? ''}`);

  test('flags a link the catalogue lacks, once per link, and accepts a known one', () => {
    expect(codes('{link:L1}')).toEqual([]);
    expect(codes('{link:nope} {link:nope}')).toEqual(['unknownLink@s']);
  });
});
