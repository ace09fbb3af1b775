import type { RfmBand, RfmSettings } from '@lsb/shared/api';

/**
 * What is wrong with the bands before the runtime is asked (it checks again: 400 `invalid_rfm_bands`):
 * an empty label, a band whose from is above its to, or two bands of one metric sharing a value.
 */
export function bandProblem(settings: RfmSettings): 'label' | 'range' | undefined {
  for (const bands of [settings.recency, settings.frequency, settings.monetary]) {
    if (bands.some((b) => b.label.trim() === '')) return 'label';
    if (bands.some((b) => b.min !== undefined && b.max !== undefined && b.min > b.max)) return 'range';
    if (overlapping(bands)) return 'range';
  }
  return undefined;
}

function overlapping(bands: RfmBand[]): boolean {
  const sorted = [...bands].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    if (before.max === undefined || (after.min ?? -Infinity) <= before.max) return true;
  }
  return false;
}
