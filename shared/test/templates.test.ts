import { describe, expect, test } from 'vitest';
import {
  BUNDLE_FORMAT, BUNDLE_MAX_BYTES, CURRENT_BUNDLE_VERSION, STARTERS, STARTER_KEYS, fieldCompatible, graphReferences, mappingRows,
  parseBundle, parseFlowGraph, referenceKey, resolveMapping, rewriteGraphReferences, templateThumbnail, validateFlow,
  type Catalogue, type FlowGraph, type TemplateReferences,
} from '../src/index.ts';

/** A catalogue in which every template-local id exists as itself (what a clone creating everything gives, up to ids). */
function catalogueOf(references: TemplateReferences): Catalogue {
  return {
    tags: references.tags.map((t) => ({ id: t.id, name: t.name })),
    fields: references.fields.map((f) => ({ id: f.id, name: f.name, kind: f.kind, choices: f.choices })),
    inflowRoutes: references.inflowRoutes,
    scenarios: references.scenarios,
    links: references.links,
    segments: [],
  };
}

const bundleOf = (overrides: Record<string, unknown> = {}) => ({
  format: BUNDLE_FORMAT,
  bundleVersion: CURRENT_BUNDLE_VERSION,
  exportedAt: '2026-11-30T00:00:00.000Z',
  template: { name: 'ウェルカム', description: '', category: 'welcome', version: 1 },
  graph: STARTERS.welcomeSeries.graph,
  references: STARTERS.welcomeSeries.references,
  ...overrides,
});

describe('starter gallery', () => {
  test.each(STARTER_KEYS)('%s has ja and en names, carries every reference it uses, and validates with no issue', (key) => {
    const starter = STARTERS[key];
    expect(starter.name.ja).toMatch(/[ぁ-んァ-ヶ一-龯]/);
    expect(starter.name.en).toMatch(/^[A-Za-z]/);
    expect(starter.description.ja.length).toBeGreaterThan(10);
    const parsed = parseFlowGraph(starter.graph);
    expect(parsed.ok).toBe(true);
    expect(validateFlow(starter.graph, catalogueOf(starter.references))).toEqual([]);
    const carried = new Set([
      ...starter.references.tags.map((r) => referenceKey('tag', r.id)), ...starter.references.fields.map((r) => referenceKey('field', r.id)),
      ...starter.references.inflowRoutes.map((r) => referenceKey('inflowRoute', r.id)), ...starter.references.links.map((r) => referenceKey('link', r.id)),
    ]);
    expect(graphReferences(starter.graph).map((r) => r.key).sort()).toEqual([...carried].sort());
    // As a bundle it reads back unchanged.
    const read = parseBundle(JSON.stringify(bundleOf({ graph: starter.graph, references: starter.references })));
    expect(read.ok).toBe(true);
  });

  test('the timings the gallery promises', () => {
    const wait = (g: FlowGraph, id: string) => g.nodes.find((n) => n.id === id)!.data;
    expect(wait(STARTERS.welcomeSeries.graph, 'next-day')).toEqual({ mode: 'dayAt', days: 1, time: '10:00' });
    expect(wait(STARTERS.cartAbandonment.graph, 'wait-purchase')).toMatchObject({ event: 'tagAdded', timeout: { amount: 24, unit: 'hours' } });
    expect(wait(STARTERS.seminarReminder.graph, 'three-days')).toMatchObject({ offsetDays: -3 });
    expect(wait(STARTERS.seminarReminder.graph, 'day-before')).toMatchObject({ offsetDays: -1 });
    // 3 days, then 4 more (1 week), then 23 more (1 month).
    expect(['day-3', 'week-1', 'month-1'].map((id) => (wait(STARTERS.clinicAftercare.graph, id) as { days: number }).days)).toEqual([3, 4, 23]);
  });
});

describe('rewriting references', () => {
  test('ids in node data and in {field:…}/{link:…} placeholders are replaced; node ids are not', () => {
    const g = STARTERS.seminarReminder.graph;
    const out = rewriteGraphReferences(g, new Map([['field.seminar-date', 'F1'], ['tag.seminar', 'T1'], ['link.seminar', 'L1']]));
    const json = JSON.stringify(out);
    expect(json).not.toMatch(/field\.seminar-date|tag\.seminar|link\.seminar/);
    expect(json).toContain('{field:F1}');
    expect(json).toContain('{link:L1}');
    expect(out.nodes.map((n) => n.id)).toEqual(g.nodes.map((n) => n.id));
    expect(g.nodes[0]!.data).toMatchObject({ trigger: { tagId: 'tag.seminar' } }); // the input is untouched
  });

  test('two template tags mapped onto one workspace tag leave it once in a tag node', () => {
    const g = STARTERS.inflowWelcome.graph;
    const withBoth = { ...g, nodes: g.nodes.map((n) => (n.id === 'tag-instagram' ? { ...n, data: { add: ['tag.instagram', 'tag.poster'], remove: [] } } : n)) } as FlowGraph;
    const out = rewriteGraphReferences(withBoth, new Map([['tag.instagram', 'X'], ['tag.poster', 'X']]));
    expect(out.nodes.find((n) => n.id === 'tag-instagram')!.data).toEqual({ add: ['X'], remove: [] });
  });
});

describe('mapping', () => {
  const refs = STARTERS.clinicAftercare.references;
  const catalogue = {
    tags: [{ id: 'w-visit', name: '来院' }],
    fields: [{ id: 'w-spend-text', name: '年間利用額', kind: 'text' as const, choices: [] }, { id: 'w-spend', name: '累計購入額', kind: 'number' as const, choices: [] }],
    inflowRoutes: [], links: [{ id: 'w-book', name: '予約ページ' }], scenarios: [],
  };

  test('suggests by name, a field only among compatible ones, else create; remembered wins', () => {
    const rows = mappingRows(refs, catalogue, new Map([['link:link.homecare', 'w-book']]));
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by['tag:tag.visited']!.suggestion).toEqual({ action: 'existing', targetId: 'w-visit' });
    // Same name but text: not offered; the number field is.
    expect(by['field:field.yearly-spend']!.candidates).toEqual([{ id: 'w-spend', name: '累計購入額' }]);
    expect(by['field:field.yearly-spend']!.suggestion).toEqual({ action: 'create' });
    expect(by['link:link.homecare']).toMatchObject({ remembered: true, suggestion: { action: 'existing', targetId: 'w-book' } });
    expect(by['link:link.booking']).toMatchObject({ remembered: false, suggestion: { action: 'existing', targetId: 'w-book' } });
  });

  test('a field mapped to another kind, an unknown target, an unknown key and a taken name are problems', () => {
    const resolved = resolveMapping(refs, catalogue, {
      'field:field.yearly-spend': { action: 'existing', targetId: 'w-spend-text' },
      'tag:tag.visited': { action: 'create' },
      'link:link.booking': { action: 'existing', targetId: 'nope' },
      'tag:nope': { action: 'create' },
    });
    expect(resolved.problems.map((p) => [p.code, p.key]).sort()).toEqual([
      ['mapping_field_kind_mismatch', 'field:field.yearly-spend'], ['mapping_name_taken', 'tag:tag.visited'],
      ['mapping_target_not_found', 'link:link.booking'], ['mapping_unknown_reference', 'tag:nope'],
    ]);
    expect(resolved.unmapped).toEqual(['link:link.homecare']);
  });

  test('choice fields map only onto a field holding every choice', () => {
    const from = { kind: 'choice' as const, choices: ['A', 'B'] };
    expect(fieldCompatible(from, { kind: 'choice', choices: ['B', 'A', 'C'] })).toBe(true);
    expect(fieldCompatible(from, { kind: 'choice', choices: ['A'] })).toBe(false);
    expect(fieldCompatible(from, { kind: 'text', choices: [] })).toBe(false);
  });
});

describe('bundles', () => {
  test('the current version reads back', () => {
    const read = parseBundle(JSON.stringify(bundleOf()));
    expect(read).toMatchObject({ ok: true, bundle: { template: { name: 'ウェルカム' } } });
    expect(read.ok && read.migratedFrom).toBeFalsy();
  });

  test('a version 1 bundle is migrated: catalogue → references, folderName → folder, no category → other', () => {
    const v1 = {
      format: BUNDLE_FORMAT, bundleVersion: 1, name: '旧バンドル', graph: STARTERS.welcomeSeries.graph,
      catalogue: {
        tags: [{ id: 'tag.welcome-done', name: 'ウェルカム完了', folderName: 'ステップ配信' }], fields: [], inflowRoutes: [], scenarios: [],
        links: [{ id: 'link.guide', name: '人気記事', url: 'https://example.com/guide' }],
      },
    };
    const read = parseBundle(JSON.stringify(v1));
    expect(read).toMatchObject({
      ok: true, migratedFrom: 1,
      bundle: { bundleVersion: 2, template: { name: '旧バンドル', description: '', category: 'other', version: 1 }, references: { tags: [{ id: 'tag.welcome-done', folder: 'ステップ配信' }] } },
    });
    // A malformed v1 file is named as such, not migrated into something odd.
    const bad = parseBundle(JSON.stringify({ ...v1, catalogue: { tags: 'x' } }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bundle_invalid_shape', params: { version: 1 } } });
  });

  const dup = bundleOf({ references: { ...STARTERS.welcomeSeries.references, tags: [...STARTERS.welcomeSeries.references.tags, { id: 'link.guide', name: 'x', folder: null }] } });
  const dupNode = bundleOf({ graph: { ...STARTERS.welcomeSeries.graph, nodes: [...STARTERS.welcomeSeries.graph.nodes, STARTERS.welcomeSeries.graph.nodes[1]] } });
  const dangling = bundleOf({ references: { ...STARTERS.welcomeSeries.references, links: [] } });
  test.each([
    ['not JSON', '{"format": "lsb-template-bundle",', 'bundle_not_json'],
    ['JSON but not a bundle', '[1,2,3]', 'bundle_not_a_bundle'],
    ['no version', JSON.stringify({ format: BUNDLE_FORMAT }), 'bundle_unknown_version'],
    ['version 0', JSON.stringify(bundleOf({ bundleVersion: 0 })), 'bundle_unknown_version'],
    ['a future version', JSON.stringify(bundleOf({ bundleVersion: 99 })), 'bundle_future_version'],
    ['a wrong shape', JSON.stringify(bundleOf({ template: { name: '' } })), 'bundle_invalid_shape'],
    ['an unreadable graph', JSON.stringify(bundleOf({ graph: { schemaVersion: 2, nodes: 'x', edges: [] } })), 'bundle_invalid_graph'],
    ['a reference id twice', JSON.stringify(dup), 'bundle_duplicate_id'],
    ['a node id twice', JSON.stringify(dupNode), 'bundle_duplicate_id'],
    ['a reference the bundle lacks', JSON.stringify(dangling), 'bundle_dangling_reference'],
    ['over 5 MB', JSON.stringify(bundleOf({ template: { name: 'x', description: 'あ'.repeat(BUNDLE_MAX_BYTES / 3 + 10), category: 'other', version: 1 } })), 'bundle_too_large'],
  ])('%s: %s…', (_what, text, code) => {
    const read = parseBundle(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error.code).toBe(code);
      expect(read.error.message.length).toBeGreaterThan(10);
    }
  });

  test('the dangling reference names the node, kind and id', () => {
    expect(parseBundle(JSON.stringify(dangling))).toMatchObject({ ok: false, error: { params: { kind: 'link', id: 'link.guide', nodeId: 'tips' } } });
  });
});

test('the thumbnail is an SVG drawn from positions, the same for the same graph', () => {
  const svg = templateThumbnail(STARTERS.clinicAftercare.graph);
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.match(/<rect /g)!.length).toBe(STARTERS.clinicAftercare.graph.nodes.length + 1);
  expect(svg.match(/<line /g)!.length).toBe(STARTERS.clinicAftercare.graph.edges.length);
  expect(templateThumbnail(STARTERS.clinicAftercare.graph)).toBe(svg);
  const moved = { ...STARTERS.clinicAftercare.graph, nodes: STARTERS.clinicAftercare.graph.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 999, y: 0 } } : n)) };
  expect(templateThumbnail(moved)).not.toBe(svg);
  expect(templateThumbnail({ nodes: [], edges: [] })).toContain('</svg>');
});

test('categories and bundle errors read in ja and en', async () => {
  const { createTranslator, formatBundleError, templateCategoryLabel } = await import('../src/index.ts');
  expect(templateCategoryLabel('aftercare', createTranslator('ja'))).toBe('アフターフォロー');
  expect(templateCategoryLabel('aftercare', createTranslator('en'))).toBe('Aftercare');
  const read = parseBundle(JSON.stringify(bundleOf({ bundleVersion: 9 })));
  expect(read.ok).toBe(false);
  if (!read.ok) {
    expect(formatBundleError(read.error, createTranslator('ja'))).toContain('バージョン9');
    expect(formatBundleError(read.error, createTranslator('en'))).toBe('Bundle version 9 is newer than this installation reads (up to 2). Update it first.');
  }
});
