import { nameOf, type Catalogue } from '../graph/catalogue.ts';
import { assertNever } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
import type { Condition } from './schema.ts';

// A condition in words, for node cards and summaries: 「タグ「購入済み」あり かつ 「年齢」≥ 20」.

const NUMBER_OPS = { eq: '=', neq: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;

export function describeCondition(condition: Condition, catalogue?: Catalogue): Localized {
  const field = (id: string) => nameOf(catalogue, 'field', id);
  switch (condition.kind) {
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) {
        return condition.kind === 'and' ? { ja: 'すべての友だち', en: 'everyone' } : { ja: '該当なし', en: 'no one' };
      }
      const parts = condition.conditions.map((c) => {
        const text = describeCondition(c, catalogue);
        const nested = c.kind === 'and' || c.kind === 'or';
        return nested && c.conditions.length > 1 ? { ja: `（${text.ja}）`, en: `(${text.en})` } : text;
      });
      const [ja, en] = condition.kind === 'and' ? [' かつ ', ' and '] : [' または ', ' or '];
      return { ja: parts.map((p) => p.ja).join(ja), en: parts.map((p) => p.en).join(en) };
    }
    case 'not': {
      const inner = describeCondition(condition.condition, catalogue);
      return { ja: `「${inner.ja}」ではない`, en: `not (${inner.en})` };
    }
    case 'tag': {
      const name = nameOf(catalogue, 'tag', condition.tagId);
      return condition.has ? { ja: `タグ「${name}」あり`, en: `has tag "${name}"` } : { ja: `タグ「${name}」なし`, en: `lacks tag "${name}"` };
    }
    case 'fieldText':
      return condition.op === 'equals'
        ? { ja: `「${field(condition.fieldId)}」が「${condition.value}」`, en: `"${field(condition.fieldId)}" is "${condition.value}"` }
        : { ja: `「${field(condition.fieldId)}」に「${condition.value}」を含む`, en: `"${field(condition.fieldId)}" contains "${condition.value}"` };
    case 'fieldChoice':
      return { ja: `「${field(condition.fieldId)}」が ${condition.anyOf.join('・')}`, en: `"${field(condition.fieldId)}" is ${condition.anyOf.join(' / ')}` };
    case 'fieldNumber':
      return { ja: `「${field(condition.fieldId)}」${NUMBER_OPS[condition.op]} ${condition.value}`, en: `"${field(condition.fieldId)}" ${NUMBER_OPS[condition.op]} ${condition.value}` };
    case 'fieldDate':
      switch (condition.op) {
        case 'before': return { ja: `「${field(condition.fieldId)}」が ${condition.date} より前`, en: `"${field(condition.fieldId)}" before ${condition.date}` };
        case 'after': return { ja: `「${field(condition.fieldId)}」が ${condition.date} より後`, en: `"${field(condition.fieldId)}" after ${condition.date}` };
        case 'on': return { ja: `「${field(condition.fieldId)}」が ${condition.date}`, en: `"${field(condition.fieldId)}" on ${condition.date}` };
        case 'withinNextDays': return { ja: `「${field(condition.fieldId)}」が今後${condition.days}日以内`, en: `"${field(condition.fieldId)}" within the next ${condition.days} days` };
        case 'withinPastDays': return { ja: `「${field(condition.fieldId)}」が過去${condition.days}日以内`, en: `"${field(condition.fieldId)}" within the past ${condition.days} days` };
        default: return assertNever(condition);
      }
    case 'birthdayMonth':
      return condition.month === 'current'
        ? { ja: `「${field(condition.fieldId)}」が今月`, en: `"${field(condition.fieldId)}" is this month` }
        : { ja: `「${field(condition.fieldId)}」が${condition.month}月`, en: `"${field(condition.fieldId)}" in month ${condition.month}` };
    case 'fieldSet':
      return { ja: `「${field(condition.fieldId)}」が入力済み`, en: `"${field(condition.fieldId)}" is set` };
    case 'inflowRoute': {
      const names = condition.routeIds.map((id) => nameOf(catalogue, 'inflowRoute', id));
      return { ja: `流入経路が ${names.join('・')}`, en: `came via ${names.join(' / ')}` };
    }
    case 'registeredAt':
    case 'lastReactionAt': {
      const [ja, en] = condition.kind === 'registeredAt' ? ['友だち追加日', 'added'] : ['最終反応日', 'last reacted'];
      if (condition.op === 'withinPastDays') return { ja: `${ja}が過去${condition.days}日以内`, en: `${en} within the past ${condition.days} days` };
      return condition.op === 'before'
        ? { ja: `${ja}が ${condition.date} より前`, en: `${en} before ${condition.date}` }
        : { ja: `${ja}が ${condition.date} より後`, en: `${en} after ${condition.date}` };
    }
    case 'friendStatus':
      return condition.status === 'active' ? { ja: '友だち登録中', en: 'is a friend' } : { ja: 'ブロック中', en: 'has blocked us' };
    case 'scenario': {
      const name = nameOf(catalogue, 'scenario', condition.scenarioId);
      const state = { running: ['配信中', 'is running'], finished: ['完了', 'finished'], entered: ['に登録されたことがある', 'was ever in'] }[condition.state];
      return condition.state === 'entered'
        ? { ja: `シナリオ「${name}」${state[0]}`, en: `${state[1]} scenario "${name}"` }
        : { ja: `シナリオ「${name}」が${state[0]}`, en: `scenario "${name}" ${state[1]}` };
    }
    case 'linkClicked': {
      const name = nameOf(catalogue, 'link', condition.linkId);
      return { ja: `リンク「${name}」をクリック済み`, en: `clicked link "${name}"` };
    }
    case 'receivedSend':
      return { ja: `シナリオ「${nameOf(catalogue, 'scenario', condition.scenarioId)}」のメッセージを受信済み`, en: `received a message of scenario "${nameOf(catalogue, 'scenario', condition.scenarioId)}"` };
    case 'converted':
      return { ja: `コンバージョン「${condition.name}」済み`, en: `converted "${condition.name}"` };
    default:
      return assertNever(condition);
  }
}
