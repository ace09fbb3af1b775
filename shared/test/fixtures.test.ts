import { describe, expect, test } from 'vitest';
import { fixtureCatalogue, invalidGraphFixtures, validGraphFixtures } from '../fixtures/index.ts';
import { FLOW_ISSUE_CODES, createTranslator, formatIssue, parseFlowGraph, validateFlow, type FlowIssue } from '../src/index.ts';

function issuesOf(input: unknown): FlowIssue[] {
  const parsed = parseFlowGraph(input);
  return parsed.ok ? validateFlow(parsed.graph, fixtureCatalogue) : parsed.issues;
}

describe('valid fixtures', () => {
  test.each(validGraphFixtures.map((f) => [f.name, f.graph] as const))('%s is publishable', (_name, graph) => {
    const parsed = parseFlowGraph(graph);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(validateFlow(parsed.graph)).toEqual([]);
    expect(validateFlow(parsed.graph, fixtureCatalogue)).toEqual([]);
  });

  test('the realistic scenarios use every node kind', () => {
    const types = new Set(validGraphFixtures.flatMap((f) => (f.graph as { nodes: { type: string }[] }).nodes.map((n) => n.type)));
    expect([...types].sort()).toEqual(['branch', 'end', 'randomSplit', 'scenarioControl', 'send', 'setField', 'tag', 'trigger', 'wait', 'waitForEvent']);
  });
});

describe('invalid fixtures', () => {
  test('there is one for every issue code', () => {
    expect(invalidGraphFixtures.map((f) => f.code).sort()).toEqual([...FLOW_ISSUE_CODES].sort());
  });

  test.each(invalidGraphFixtures.map((f) => [f.code, f.graph] as const))('%s yields exactly that code', (code, graph) => {
    const issues = issuesOf(graph);
    expect([...new Set(issues.map((i) => i.code))]).toEqual([code]);
    for (const issue of issues) {
      expect(issue.messageKey).toBe(`flowIssue.${code}`);
      for (const lang of ['ja', 'en'] as const) {
        const text = formatIssue(issue, createTranslator(lang));
        // Every {slot} is filled and every term param is translated.
        expect(text).not.toMatch(/\{\w+\}/);
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });

  test('issues point at the element to highlight', () => {
    expect(issuesOf(invalidGraphFixtures.find((f) => f.code === 'danglingEdge')!.graph)[0]).toMatchObject({ edgeId: 'e-ghost-next-end' });
    expect(issuesOf(invalidGraphFixtures.find((f) => f.code === 'unreachableNode')!.graph)[0]).toMatchObject({ nodeId: 'orphan' });
    expect(issuesOf(invalidGraphFixtures.find((f) => f.code === 'cycleWithoutWait')!.graph)[0]).toMatchObject({ nodeId: 'tag-a', params: { nodes: 'tag-a, tag-b' } });
  });

  test('formatIssue speaks Japanese first, with translated terms', () => {
    const [missing] = issuesOf(invalidGraphFixtures.find((f) => f.code === 'missingValue')!.graph);
    expect(formatIssue(missing!, createTranslator('ja'))).toBe('タグが未設定です。');
    expect(formatIssue(missing!, createTranslator('en'))).toBe('Tag is not set.');
    const [limit] = issuesOf(invalidGraphFixtures.find((f) => f.code === 'sendLimit')!.graph);
    expect(formatIssue(limit!, createTranslator('ja'))).toBe('1通目: テキストの文字数がLINEの制限に合いません（現在 5001、制限 1–5000）。');
    const [kind] = issuesOf(invalidGraphFixtures.find((f) => f.code === 'fieldKindMismatch')!.graph);
    expect(formatIssue(kind!, createTranslator('en'))).toBe('Friend field "メモ" is a text field and cannot be used here (needs date).');
  });
});
