// Every catalogue of the product (the editor's, shared's, the runtime's) has the same keys in ja
// and en, and every key is used somewhere in the code that can render it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { sharedCatalogues } from '@lsb/shared';
import { en as runtimeEn } from '../../runtime/src/i18n/en.ts';
import { ja as runtimeJa } from '../../runtime/src/i18n/ja.ts';
import { en as editorEn } from '../src/i18n/en.ts';
import { ja as editorJa } from '../src/i18n/ja.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Tree = { readonly [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`)));
}

function sources(dirs: string[]): string {
  const read = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return read(full);
      // The catalogues themselves do not count as a use of their keys.
      if (!/\.tsx?$/.test(entry.name) || /\/i18n\/(ja|en)\.ts$/.test(full)) return [];
      return [readFileSync(full, 'utf8')];
    });
  return dirs.flatMap((dir) => read(path.join(root, dir))).join('\n');
}

/**
 * Keys built at run time from a value (`t(\`cond.kinds.${kind}\`)`): every key under one of these
 * prefixes counts as used, and each prefix must itself appear as such a template in the code.
 */
interface CatalogueCase {
  name: string;
  ja: Tree;
  en: Tree;
  usedIn: string[];
  dynamicFamilies: string[];
}

const catalogues: CatalogueCase[] = [
  {
    name: 'editor',
    ja: editorJa,
    en: editorEn,
    usedIn: ['editor/src'],
    dynamicFamilies: [
      'save.', 'cond.kinds.', 'cond.num.', 'cond.scenarioState.', 'cond.date.', 'composer.types.', 'composer.actions.',
      'sim.events.', 'sim.runStatus.', 'channels.errors.', 'insp.waitForEvent.events.', 'insp.weekdays.', 'insp.units.',
      'insp.trigger.kinds.', 'insp.trigger.reentries.', 'nav.', 'refKind.',
      'cat.fieldKind.', 'cat.delete.title.', 'cat.delete.blocked.', 'cat.delete.confirm.', 'cat.errors.', 'cat.friend.problem.',
      'timing.send.', 'timing.window.errors.', 'timing.window.presets.',
      'media.area', // `media.area${'X' | 'Y' | 'Width' | 'Height'}`
      'acct.roles.', 'acct.errors.', 'acct.audit.actions.', 'acct.outbox.kinds.',
      'bc.groups.', 'bc.status.', 'bc.errors.', 'bc.problems.', 'bc.audience.', 'bc.schedule.', 'bc.results.', // by state, code or kind
      'measure.conv.errors.', 'measure.cross.errors.', 'measure.rfm.errors.', 'measure.friendConv.source.', 'measure.friendConv.via.',
      'measure.analytics.verdict.', 'measure.analytics.winnerBy.', 'measure.cross.kinds.', 'measure.cross.percent.', 'measure.cross.builtin.', 'measure.rfm.metric.',
      'seg.errors.', 'ft.roles.', 'ft.timelineKinds.', 'ft.timelineBy.', 'ft.fileErrors.', 'ft.rowErrors.', // by the runtime's error code / column role
      'tpl.errors.', 'tpl.idKinds.', 'tpl.rollout.status.', 'tpl.rollout.target.', // templates: by error code, id kind, roll-out status
    ],
  },
  {
    name: 'shared',
    ja: sharedCatalogues.ja,
    en: sharedCatalogues.en,
    usedIn: ['shared/src', 'editor/src', 'runtime/src'],
    // issue texts by code, words inside issue params, LINE limits by rule, route landing pages by outcome
    dynamicFamilies: ['flowIssue.', 'term.', 'limitRule.', 'weekday.', 'inflowPage.', 'condition.rfm.'],
  },
  // a role's name in an invitation mail
  { name: 'runtime', ja: runtimeJa, en: runtimeEn, usedIn: ['runtime/src'], dynamicFamilies: ['mail.role.'] },
];

describe.each(catalogues)('the $name catalogue', ({ ja, en, usedIn, dynamicFamilies }) => {
  const jaKeys = leafKeys(ja);
  const enKeys = leafKeys(en);
  const code = sources(usedIn);

  test('has every key in both languages, none empty', () => {
    expect(enKeys.filter((key) => !jaKeys.includes(key))).toEqual([]);
    expect(jaKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
    const empty = (tree: Tree) => leafKeys(tree).filter((key) => key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part]!, tree) === '');
    expect([...empty(ja), ...empty(en)]).toEqual([]);
  });

  test('uses every key', () => {
    const quoted = (key: string) => code.includes(`'${key}'`) || code.includes(`"${key}"`) || code.includes(`\`${key}\``);
    const unused = jaKeys.filter((key) => !quoted(key) && !dynamicFamilies.some((family) => key.startsWith(family)));
    expect(unused, 'unused keys: delete them, or list their family in dynamicFamilies if built at run time').toEqual([]);
  });

  test.each(dynamicFamilies.map((family) => [family]))('builds keys of %s at run time', (family) => {
    expect(jaKeys.some((key) => key.startsWith(family))).toBe(true);
    // `cond.kinds.${…}`, or `${group}.${…}` with the group named in a quoted literal nearby
    const head = family.slice(0, -1);
    expect(code.includes(`\`${family}\${`) || (code.includes(`'${head}'`) && code.includes('`${group}.${'))).toBe(true);
  });
});

test('the key check notices a missing translation and an unused key', () => {
  expect(leafKeys({ a: { b: 'x', c: 'y' } })).toEqual(['a.b', 'a.c']);
  const code = "t('a.b')";
  expect(['a.b', 'a.c'].filter((key) => !code.includes(`'${key}'`))).toEqual(['a.c']);
});

test('every timeline kind the runtime writes has its label in ja and en (a new kind without one fails here)', async () => {
  const { TIMELINE_KINDS } = await import('@lsb/shared/api');
  expect(TIMELINE_KINDS).toContain('converted');
  for (const kind of TIMELINE_KINDS) {
    expect(editorJa.ft.timelineKinds[kind], `ja ${kind}`).toMatch(/\S/);
    expect(editorEn.ft.timelineKinds[kind], `en ${kind}`).toMatch(/\S/);
  }
  expect(Object.keys(editorJa.ft.timelineKinds).sort()).toEqual([...TIMELINE_KINDS].sort());
});
