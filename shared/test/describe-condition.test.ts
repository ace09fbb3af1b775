import { describe, expect, test } from 'vitest';
import { createTranslator, describeCondition, nodeKinds, type Catalogue, type Condition } from '../src/index.ts';

const t = { ja: createTranslator('ja'), en: createTranslator('en') };

const catalogue: Catalogue = {
  tags: [{ id: 't-bought', name: '購入済み' }],
  fields: [{ id: 'f-age', name: '年齢', kind: 'number' }, { id: 'f-birthday', name: '誕生日', kind: 'date' }],
  inflowRoutes: [{ id: 'r-ig', name: 'Instagram' }],
  scenarios: [{ id: 's-welcome', name: 'ウェルカム' }],
  links: [],
};

describe('describeCondition', () => {
  test.each<[Condition, string, string]>([
    [{ kind: 'tag', tagId: 't-bought', has: true }, 'タグ「購入済み」あり', 'has tag "購入済み"'],
    [{ kind: 'and', conditions: [] }, 'すべての友だち', 'everyone'],
    [
      { kind: 'and', conditions: [{ kind: 'tag', tagId: 't-bought', has: false }, { kind: 'fieldNumber', fieldId: 'f-age', op: 'gte', value: 20 }] },
      'タグ「購入済み」なし かつ 「年齢」≥ 20', 'lacks tag "購入済み" and "年齢" ≥ 20',
    ],
    [
      { kind: 'or', conditions: [{ kind: 'inflowRoute', routeIds: ['r-ig'] }, { kind: 'not', condition: { kind: 'birthdayMonth', fieldId: 'f-birthday', month: 'current' } }] },
      '流入経路が Instagram または 「「誕生日」が今月」ではない', 'came via Instagram or not ("誕生日" is this month)',
    ],
    [{ kind: 'scenario', scenarioId: 's-welcome', state: 'running' }, 'シナリオ「ウェルカム」が配信中', 'scenario "ウェルカム" is running'],
  ])('%j', (condition, ja, en) => {
    expect({ ja: describeCondition(condition, t.ja, catalogue), en: describeCondition(condition, t.en, catalogue) }).toEqual({ ja, en });
  });

  test('a branch card names its cases by label, or by their conditions in words', () => {
    const data = {
      cases: [
        { id: 'a', label: '', condition: { kind: 'tag', tagId: 't-bought', has: true } },
        { id: 'b', label: 'VIP', condition: { kind: 'fieldNumber', fieldId: 'f-age', op: 'gt', value: 60 } },
      ],
    } satisfies Parameters<typeof nodeKinds.branch.summary>[0];
    const summary = { ja: nodeKinds.branch.summary(data, t.ja, catalogue), en: nodeKinds.branch.summary(data, t.en, catalogue) };
    expect(summary).toEqual({ ja: 'タグ「購入済み」あり / VIP / それ以外', en: 'has tag "購入済み" / VIP / otherwise' });
  });
});
