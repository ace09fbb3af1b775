import { assertNever } from '../graph/primitives.ts';
import type { MessageDraft, QuickReply, TemplateAction, TemplateDraft, FlexDraft } from './draft.ts';
import { LINE_LIMITS as L, type LimitRule, type LimitViolation } from './limits.ts';
import { lineRuleViolations } from './line-checked.ts';
import { linkOnlyUri } from './placeholders.ts';
import { jsonByteLength, utf16Length } from './utf16.ts';

// Checks drafts as composed. Placeholders are counted as written: the renderer truncates a text
// that a long field value pushes over the limit, so what LINE receives always fits.

type Report = (rule: LimitRule, limit: string, actual: string | number, path: string) => void;

/** Every LINE limit the drafts break; the message count is checked by the caller (1..5). */
export function checkMessageLimits(drafts: readonly MessageDraft[]): LimitViolation[] {
  const violations: LimitViolation[] = [];
  drafts.forEach((draft, messageIndex) => {
    const report: Report = (rule, limit, actual, path) => violations.push({ messageIndex, rule, limit, actual, path });
    checkDraft(draft, report);
    if (draft.quickReply) checkQuickReply(draft.quickReply, report);
  });
  return violations;
}

function range(text: string, max: number, rule: LimitRule, path: string, report: Report, min = 1) {
  const length = utf16Length(text);
  if (length < min || length > max) report(rule, min === 0 ? `≤${max}` : `${min}–${max}`, length, path);
}

function checkDraft(draft: MessageDraft, report: Report): void {
  switch (draft.type) {
    case 'text':
      return range(draft.text, L.textLength, 'textLength', '/text', report);
    case 'sticker':
      return;
    case 'image':
      checkImageUrl(draft.originalContentUrl, '/originalContentUrl', report);
      return checkImageUrl(draft.previewImageUrl, '/previewImageUrl', report);
    case 'template':
      range(draft.altText, L.altText, 'altText', '/altText', report);
      return checkTemplate(draft.template, report);
    case 'flex':
      range(draft.altText, L.altText, 'altText', '/altText', report);
      return checkFlex(draft.contents, report);
    case 'video':
    case 'audio':
    case 'location':
    case 'imagemap':
    case 'coupon':
      for (const v of lineRuleViolations(draft)) report(v.rule, v.limit, v.actual, v.path);
      return;
    default:
      return assertNever(draft);
  }
}

function checkTemplate(template: TemplateDraft['template'], report: Report): void {
  template.actions.forEach((action, i) => checkAction(action, `/template/actions/${i}`, report));
  if (template.type === 'buttons') {
    const count = template.actions.length;
    if (count < 1 || count > L.buttonsActions) report('buttonsActions', `1–${L.buttonsActions}`, count, '/template/actions');
    if (template.title !== undefined) range(template.title, L.buttonsTitle, 'buttonsTitle', '/template/title', report, 0);
    const hasHeader = Boolean(template.title) || Boolean(template.thumbnailImageUrl);
    range(template.text, hasHeader ? L.buttonsTextWithHeader : L.buttonsText, 'buttonsText', '/template/text', report);
    if (template.thumbnailImageUrl !== undefined) checkImageUrl(template.thumbnailImageUrl, '/template/thumbnailImageUrl', report);
  } else {
    if (template.actions.length !== L.confirmActions) report('confirmActions', String(L.confirmActions), template.actions.length, '/template/actions');
    range(template.text, L.confirmText, 'confirmText', '/template/text', report);
  }
}

function checkAction(action: TemplateAction | QuickReply['items'][number]['action'], path: string, report: Report): void {
  range(action.label, L.actionLabel, 'actionLabel', `${path}/label`, report);
  switch (action.type) {
    case 'message':
      return range(action.text, L.actionText, 'actionText', `${path}/text`, report);
    case 'postback':
      range(action.data, L.postbackData, 'postbackData', `${path}/data`, report, 0);
      if (action.displayText !== undefined) range(action.displayText, L.actionText, 'actionText', `${path}/displayText`, report);
      return;
    case 'uri':
      // A tracked link (`{link:…}`) is replaced by the friend's https click URL when sent.
      if (!(/^(https?:\/\/|line:\/\/|tel:)/.test(action.uri) || linkOnlyUri(action.uri) !== undefined) || action.uri.length > L.uri) {
        report('uri', `http(s)://… ≤${L.uri}`, action.uri.length, `${path}/uri`);
      }
      return;
    case 'camera':
    case 'cameraRoll':
    case 'location':
      return;
    default:
      return assertNever(action);
  }
}

function checkQuickReply(quickReply: QuickReply, report: Report): void {
  const count = quickReply.items.length;
  if (count > L.quickReplyItems) report('quickReplyItems', `≤${L.quickReplyItems}`, count, '/quickReply/items');
  quickReply.items.forEach((item, i) => {
    checkAction(item.action, `/quickReply/items/${i}/action`, report);
    if (item.imageUrl !== undefined) checkImageUrl(item.imageUrl, `/quickReply/items/${i}/imageUrl`, report);
  });
}

function checkImageUrl(url: string, path: string, report: Report): void {
  if (!url.startsWith('https://') || url.length > L.imageUrl) report('imageUrl', `https:// ≤${L.imageUrl}`, url.length, path);
}

function checkFlex(contents: FlexDraft['contents'], report: Report): void {
  const bytes = jsonByteLength(contents);
  if (contents.type === 'bubble') {
    if (bytes > L.flexBubbleBytes) report('flexSize', `≤${L.flexBubbleBytes} B`, bytes, '/contents');
  } else if (contents.type === 'carousel') {
    if (bytes > L.flexCarouselBytes) report('flexSize', `≤${L.flexCarouselBytes} B`, bytes, '/contents');
    const bubbles = Array.isArray(contents.contents) ? contents.contents.length : 0;
    if (bubbles < 1 || bubbles > L.flexCarouselBubbles) report('flexCarouselBubbles', `1–${L.flexCarouselBubbles}`, bubbles, '/contents/contents');
  } else {
    report('flexType', 'bubble | carousel', String(contents.type), '/contents/type');
  }
}
