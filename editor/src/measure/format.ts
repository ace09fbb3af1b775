/** Numbers as the measurement screens print them: grouped digits, percentages to one decimal. */
export function formatCount(n: number, lang: string): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP');
}

export function formatYen(n: number, lang: string): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP', { maximumFractionDigits: 2 });
}

/** 0..1 as a percentage with one decimal (no sign), e.g. 0.1234 → "12.3". */
export function percent(share: number): string {
  return (Math.round(share * 1000) / 10).toFixed(1);
}
