import { describe, expect, it } from 'vitest';
import { createTranslator, nodeSummary, placeholdersForDisplay, placeholdersForStorage, readablePlaceholders, type Catalogue, type FlowNode } from '../src/index.ts';

const catalogue: Catalogue = {
  tags: [], inflowRoutes: [], scenarios: [],
  fields: [{ id: 'f-7c1', name: '誕生日', kind: 'date' }, { id: 'f-dup1', name: '同名', kind: 'text' }, { id: 'f-dup2', name: '同名', kind: 'text' }],
  links: [{ id: 'l-93a', name: 'クーポンページ', url: 'https://example.com/coupon' }],
};

describe('placeholders read by name, never by id', () => {
  it('a text box shows names and stores ids, both ways', () => {
    const stored = '{name|お客様}さん、{field:f-7c1|}の月です。{link:l-93a}';
    const shown = placeholdersForDisplay(stored, catalogue);
    expect(shown).toBe('{name|お客様}さん、{field:誕生日|}の月です。{link:クーポンページ}');
    expect(placeholdersForStorage(shown, catalogue)).toBe(stored);
    // Typed by name, stored by id.
    expect(placeholdersForStorage('{link:クーポンページ}', catalogue)).toBe('{link:l-93a}');
  });

  it('keeps the id where a name would be ambiguous or unknown', () => {
    expect(placeholdersForDisplay('{field:f-dup1}', catalogue)).toBe('{field:f-dup1}');
    expect(placeholdersForStorage('{link:ないリンク}', catalogue)).toBe('{link:ないリンク}');
  });

  it('summaries show a link by its name', () => {
    expect(readablePlaceholders('詳しくは {link:l-93a}', catalogue)).toBe('詳しくは ［🔗 クーポンページ］');
    expect(readablePlaceholders('{link:gone}', catalogue, '不明')).toBe('［🔗 不明］');
    const node: FlowNode = { id: 's', type: 'send', position: { x: 0, y: 0 }, data: { messages: [{ type: 'text', text: 'こちら {link:l-93a}' }] } };
    const summary = nodeSummary(node, createTranslator('ja'), catalogue);
    expect(summary).toBe('こちら ［🔗 クーポンページ］');
    expect(summary).not.toContain('l-93a');
    expect(nodeSummary(node, createTranslator('en'))).toBe('こちら ［🔗 unknown］');
    expect(nodeSummary(node, createTranslator('ja'))).toBe('こちら ［🔗 不明］');
  });
});
