import { nameOf, type Catalogue } from '../graph/catalogue.ts';
import { assertNever } from '../graph/primitives.ts';
import type { Translate } from '../i18n/text.ts';
import type { Condition } from './schema.ts';

// A condition in words, for node cards and summaries: 「タグ「購入済み」あり かつ 「年齢」≥ 20」.

const NUMBER_OPS = { eq: '=', neq: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;

const SCENARIO_STATES = {
  running: 'condition.scenarioRunning',
  finished: 'condition.scenarioFinished',
  entered: 'condition.scenarioEntered',
} as const;

const DATE_OPS = {
  before: 'condition.dateBefore',
  after: 'condition.dateAfter',
  on: 'condition.dateOn',
  withinNextDays: 'condition.dateWithinNextDays',
  withinPastDays: 'condition.dateWithinPastDays',
} as const;

export function describeCondition(condition: Condition, t: Translate, catalogue?: Catalogue): string {
  const field = (id: string) => nameOf(catalogue, 'field', id);
  switch (condition.kind) {
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return t(condition.kind === 'and' ? 'condition.everyone' : 'condition.noOne');
      const parts = condition.conditions.map((c) => {
        const text = describeCondition(c, t, catalogue);
        const nested = c.kind === 'and' || c.kind === 'or';
        return nested && c.conditions.length > 1 ? t('condition.nested', { text }) : text;
      });
      return parts.join(t(condition.kind === 'and' ? 'condition.and' : 'condition.or'));
    }
    case 'not':
      return t('condition.not', { text: describeCondition(condition.condition, t, catalogue) });
    case 'segment':
      return t(condition.frozen ? 'condition.segmentFrozen' : 'condition.segment', { name: nameOf(catalogue, 'segment', condition.segmentId) });
    case 'tag':
      return t(condition.has ? 'condition.tagHas' : 'condition.tagLacks', { name: nameOf(catalogue, 'tag', condition.tagId) });
    case 'fieldText':
      return t(condition.op === 'equals' ? 'condition.textEquals' : 'condition.textContains', { field: field(condition.fieldId), value: condition.value });
    case 'fieldChoice':
      return t('condition.choiceAnyOf', { field: field(condition.fieldId), values: condition.anyOf.join(t('condition.listSeparator')) });
    case 'fieldNumber':
      return t('condition.number', { field: field(condition.fieldId), op: NUMBER_OPS[condition.op], value: condition.value });
    case 'fieldDate': {
      const params = { field: field(condition.fieldId) };
      switch (condition.op) {
        case 'before':
        case 'after':
        case 'on':
          return t(DATE_OPS[condition.op], { ...params, date: condition.date });
        case 'withinNextDays':
        case 'withinPastDays':
          return t(DATE_OPS[condition.op], { ...params, days: condition.days });
        default:
          return assertNever(condition);
      }
    }
    case 'birthdayMonth':
      return condition.month === 'current'
        ? t('condition.birthdayThisMonth', { field: field(condition.fieldId) })
        : t('condition.birthdayMonth', { field: field(condition.fieldId), month: condition.month });
    case 'fieldSet':
      return t('condition.fieldSet', { field: field(condition.fieldId) });
    case 'inflowRoute': {
      const names = condition.routeIds.map((id) => nameOf(catalogue, 'inflowRoute', id));
      return t('condition.inflowRoute', { names: names.join(t('condition.listSeparator')) });
    }
    case 'registeredAt':
    case 'lastReactionAt': {
      const subject = t(condition.kind === 'registeredAt' ? 'condition.registeredAt' : 'condition.lastReactionAt');
      if (condition.op === 'withinPastDays') return t('condition.momentWithinPastDays', { subject, days: condition.days });
      return t(condition.op === 'before' ? 'condition.momentBefore' : 'condition.momentAfter', { subject, date: condition.date });
    }
    case 'friendStatus':
      return t(condition.status === 'active' ? 'condition.friendActive' : 'condition.friendBlocked');
    case 'scenario':
      return t(SCENARIO_STATES[condition.state], { name: nameOf(catalogue, 'scenario', condition.scenarioId) });
    case 'linkClicked':
      return t('condition.linkClicked', { name: nameOf(catalogue, 'link', condition.linkId) });
    case 'receivedSend':
      return t('condition.receivedSend', { name: nameOf(catalogue, 'scenario', condition.scenarioId) });
    case 'converted':
      return t('condition.converted', { name: condition.name });
    case 'rfm': {
      const metric = t(`condition.rfm.${condition.metric}`);
      const range = condition.min !== undefined && condition.max !== undefined ? t('condition.rfm.between', { min: condition.min, max: condition.max })
        : condition.min !== undefined ? t('condition.rfm.atLeast', { min: condition.min })
          : condition.max !== undefined ? t('condition.rfm.atMost', { max: condition.max }) : t('condition.rfm.any');
      return t('condition.rfm.summary', { metric, range });
    }
    default:
      return assertNever(condition);
  }
}
