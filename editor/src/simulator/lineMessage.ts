import { flexTexts } from '@lsb/shared';

// LINE message objects from the fake LINE inbox, read defensively into what the chat draws: the
// inbox is whatever the runtime sent, so nothing here trusts a field's presence or type.

export type ChatAction =
  | { kind: 'postback'; label: string; data: string; displayText?: string }
  | { kind: 'message'; label: string; text: string }
  | { kind: 'uri'; label: string; uri: string }
  | { kind: 'other'; label: string; type: string };

export interface ChatCard {
  title?: string;
  text: string;
  imageUrl?: string;
  actions: ChatAction[];
}

export type ChatMessage =
  | { kind: 'text'; text: string; quickReply: ChatAction[] }
  | { kind: 'sticker'; packageId: string; stickerId: string; quickReply: ChatAction[] }
  | { kind: 'image'; url: string; quickReply: ChatAction[] }
  | { kind: 'cards'; altText: string; layout: 'buttons' | 'confirm' | 'carousel'; cards: ChatCard[]; quickReply: ChatAction[] }
  | { kind: 'flex'; altText: string; lines: string[]; actions: ChatAction[]; quickReply: ChatAction[] }
  | { kind: 'video'; previewImageUrl: string; quickReply: ChatAction[] }
  | { kind: 'audio'; duration: number; quickReply: ChatAction[] }
  | { kind: 'location'; title: string; address: string; latitude: number; longitude: number; quickReply: ChatAction[] }
  | { kind: 'imagemap'; imagemap: ImagemapView; areaActions: ChatAction[]; quickReply: ChatAction[] }
  | { kind: 'coupon'; couponId: string; quickReply: ChatAction[] }
  | { kind: 'other'; type: string; quickReply: ChatAction[] };

/** An imagemap as the preview draws it; only areas with four numbers are kept. */
export interface ImagemapView {
  baseUrl: string;
  altText: string;
  baseSize: { width: number; height: number };
  actions: Array<{ type: 'uri'; label?: string; linkUri: string; area: Area } | { type: 'message'; label?: string; text: string; area: Area }>;
}
type Area = { x: number; y: number; width: number; height: number };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function readAction(value: unknown): ChatAction | undefined {
  if (!isObj(value)) return undefined;
  const type = str(value.type);
  const label = str(value.label) || str(value.displayText) || str(value.text) || type;
  switch (type) {
    case 'postback': {
      const displayText = str(value.displayText) || str(value.text);
      return { kind: 'postback', label, data: str(value.data), ...(displayText ? { displayText } : {}) };
    }
    case 'message':
      return { kind: 'message', label, text: str(value.text) };
    case 'uri':
      return { kind: 'uri', label, uri: str(value.uri) };
    default:
      return type ? { kind: 'other', label, type } : undefined;
  }
}

const actionsOf = (values: unknown): ChatAction[] => list(values).map(readAction).filter((a): a is ChatAction => a !== undefined);

function quickReplyOf(message: Obj): ChatAction[] {
  const quick = message.quickReply;
  return isObj(quick) ? list(quick.items).map((item) => (isObj(item) ? readAction(item.action) : undefined)).filter((a): a is ChatAction => a !== undefined) : [];
}

/** Every `action` object anywhere in a Flex tree (buttons, tappable boxes), in document order. */
function flexActions(node: unknown): ChatAction[] {
  const found: ChatAction[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObj(value)) {
      for (const [key, child] of Object.entries(value)) {
        const action = key === 'action' ? readAction(child) : undefined;
        if (action) found.push(action);
        else visit(child);
      }
    }
  };
  visit(node);
  return found;
}

function cardOf(value: Obj): ChatCard {
  const title = str(value.title);
  const imageUrl = str(value.thumbnailImageUrl);
  return { ...(title ? { title } : {}), text: str(value.text), ...(imageUrl ? { imageUrl } : {}), actions: actionsOf(value.actions) };
}

export function readMessage(value: unknown): ChatMessage {
  if (!isObj(value)) return { kind: 'other', type: typeof value, quickReply: [] };
  const quickReply = quickReplyOf(value);
  switch (value.type) {
    case 'text':
      return { kind: 'text', text: str(value.text), quickReply };
    case 'sticker':
      return { kind: 'sticker', packageId: str(value.packageId), stickerId: str(value.stickerId), quickReply };
    case 'image':
      return { kind: 'image', url: str(value.previewImageUrl) || str(value.originalContentUrl), quickReply };
    case 'template': {
      const template = isObj(value.template) ? value.template : {};
      const altText = str(value.altText);
      if (template.type === 'carousel') {
        const cards = list(template.columns).filter(isObj).map(cardOf);
        return { kind: 'cards', altText, layout: 'carousel', cards, quickReply };
      }
      return { kind: 'cards', altText, layout: template.type === 'confirm' ? 'confirm' : 'buttons', cards: [cardOf(template)], quickReply };
    }
    case 'flex':
      return { kind: 'flex', altText: str(value.altText), lines: flexTexts(value.contents), actions: flexActions(value.contents), quickReply };
    case 'video':
      return { kind: 'video', previewImageUrl: str(value.previewImageUrl), quickReply };
    case 'audio':
      return { kind: 'audio', duration: num(value.duration), quickReply };
    case 'location':
      return { kind: 'location', title: str(value.title), address: str(value.address), latitude: num(value.latitude), longitude: num(value.longitude), quickReply };
    case 'imagemap': {
      const imagemap = imagemapOf(value);
      const areaActions = imagemap.actions.map((a, i): ChatAction => (a.type === 'uri'
        ? { kind: 'uri', label: a.label || String(i + 1), uri: a.linkUri }
        : { kind: 'message', label: a.label || a.text, text: a.text }));
      return { kind: 'imagemap', imagemap, areaActions, quickReply };
    }
    case 'coupon':
      return { kind: 'coupon', couponId: str(value.couponId), quickReply };
    default:
      return { kind: 'other', type: str(value.type) || '?', quickReply };
  }
}

function imagemapOf(value: Obj): ImagemapView {
  const size = isObj(value.baseSize) ? value.baseSize : {};
  const actions: ImagemapView['actions'] = [];
  for (const raw of list(value.actions)) {
    if (!isObj(raw) || !isObj(raw.area)) continue;
    const area = { x: num(raw.area.x), y: num(raw.area.y), width: num(raw.area.width), height: num(raw.area.height) };
    const label = str(raw.label) || undefined;
    if (raw.type === 'uri') actions.push({ type: 'uri', linkUri: str(raw.linkUri), area, ...(label ? { label } : {}) });
    else if (raw.type === 'message') actions.push({ type: 'message', text: str(raw.text), area, ...(label ? { label } : {}) });
  }
  return { baseUrl: str(value.baseUrl), altText: str(value.altText), baseSize: { width: num(size.width) || 1040, height: num(size.height) || 1040 }, actions };
}
