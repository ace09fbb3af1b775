import type { TFunction } from 'i18next';
import type { SignificanceTest, SplitComparison } from '@lsb/shared/api';

function pText(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`;
}

/** The significance test in one plain sentence: who leads, and whether that can still be chance. */
export function verdictText(t: TFunction, split: SplitComparison, metric: 'click' | 'conversion'): string {
  const test: SignificanceTest | null = metric === 'click' ? split.clickTest : split.conversionTest;
  const name = t(`measure.analytics.verdict.${metric}`);
  if (!test) return t('measure.analytics.verdict.none', { metric: name });
  const leader = split.variants.find((v) => v.branchId === test.leader)?.label ?? test.leader;
  return t(test.significant ? 'measure.analytics.verdict.significant' : 'measure.analytics.verdict.notSignificant', { metric: name, leader, p: pText(test.pValue) });
}
