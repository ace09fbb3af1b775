import type { FlowIssue } from '../graph/issues.ts';
import { ja } from './ja.ts';
import type { SharedKey, Translate } from './text.ts';

/**
 * Params that carry words as keys rather than text, so the sentence stays in one language. Each
 * holds one key or several joined with `|`; `rule` names a LINE limit, the others a term.
 */
const WORD_PARAMS: Readonly<Record<string, 'term' | 'limitRule' | 'weekday'>> = {
  what: 'term',
  end: 'term',
  actual: 'term',
  expected: 'term',
  output: 'term',
  rule: 'limitRule',
  day: 'weekday',
};

function word(t: Translate, group: 'term' | 'limitRule' | 'weekday', value: string): string {
  // Only words the catalogue has are translated; anything else (a case's own label) stays as is.
  return Object.hasOwn(ja[group], value) ? t(`${group}.${value}` as SharedKey) : value;
}

/** The issue as a sentence in the language of `t`. */
export function formatIssue(issue: FlowIssue, t: Translate): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params)) {
    const group = WORD_PARAMS[name];
    params[name] =
      group && typeof value === 'string'
        ? value
            .split('|')
            .map((part) => word(t, group, part))
            .join(t('term.separator'))
        : value;
  }
  return t(issue.messageKey, params);
}
