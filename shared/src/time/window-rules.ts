import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { TimeOfDay } from '../graph/primitives.ts';
import type { SharedKey, Translate } from '../i18n/text.ts';

// 配信時間帯 as marketers set them: several rules, each a set of weekdays with one time span
// (平日 19:00–21:00; 土日 10:00–12:00 and 14:00–16:00 are three rules). `to` is exclusive and may be
// 24:00 (until midnight); a span never runs past midnight (two rules say that: 22:00–24:00 and
// 00:00–06:00 on the next days), so "end before start" is always a mistake the editor can name.

/** `HH:MM` or `24:00`: the end of a span. */
export const WindowEnd = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' });

export const DeliveryWindowRule = Type.Object({
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7 }),
  from: TimeOfDay,
  to: WindowEnd,
});
export type DeliveryWindowRule = Static<typeof DeliveryWindowRule>;

export const DeliveryWindows = Type.Array(DeliveryWindowRule, { maxItems: 20 });
export type DeliveryWindows = Static<typeof DeliveryWindows>;

let windowsCheck: ReturnType<typeof Compile<typeof DeliveryWindows>> | undefined;

/** Stored rules (JSON typed unknown), parsed: anything unreadable counts as none (any time). */
export function parseDeliveryWindows(json: unknown): DeliveryWindowRule[] {
  windowsCheck ??= Compile(DeliveryWindows);
  return windowsCheck.Check(json) ? json : [];
}

export const WINDOW_ISSUE_CODES = ['windowNoDays', 'windowEndBeforeStart', 'windowOverlap'] as const;
export type WindowIssueCode = (typeof WINDOW_ISSUE_CODES)[number];

export interface WindowIssue {
  code: WindowIssueCode;
  /** Index of the rule at fault (for an overlap, the later of the two). */
  index: number;
  /** For an overlap: the earlier rule it collides with. */
  other?: number;
  /** For an overlap: the first weekday both rules cover. */
  day?: number;
}

export function minutesOf(time: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return hour * 60 + minute;
}

/**
 * What is wrong with a list of rules, in rule order: a rule without days, one whose end is at or
 * before its start, two that cover the same minute of the same weekday. Empty means usable.
 */
export function windowIssues(rules: readonly DeliveryWindowRule[]): WindowIssue[] {
  const issues: WindowIssue[] = [];
  rules.forEach((rule, index) => {
    if (rule.days.length === 0) issues.push({ code: 'windowNoDays', index });
    if (minutesOf(rule.to) <= minutesOf(rule.from)) issues.push({ code: 'windowEndBeforeStart', index });
  });
  rules.forEach((rule, index) => {
    if (minutesOf(rule.to) <= minutesOf(rule.from)) return;
    for (let other = 0; other < index; other++) {
      const earlier = rules[other]!;
      if (minutesOf(earlier.to) <= minutesOf(earlier.from)) continue;
      const day = rule.days.find((d) => earlier.days.includes(d));
      if (day === undefined) continue;
      if (minutesOf(rule.from) < minutesOf(earlier.to) && minutesOf(earlier.from) < minutesOf(rule.to)) {
        issues.push({ code: 'windowOverlap', index, other, day });
        break;
      }
    }
  });
  return issues;
}

/** 「平日」「土日」「毎日」 or the day names, in the language of `t`. */
export function describeDays(days: readonly number[], t: Translate): string {
  const set = [...new Set(days)].sort((a, b) => a - b);
  const key = set.join(',');
  if (key === '1,2,3,4,5,6,7') return t('window.everyday');
  if (key === '1,2,3,4,5') return t('window.weekdays');
  if (key === '6,7') return t('window.weekends');
  return set.map((d) => t(`weekday.${d}` as SharedKey)).join(t('window.daySeparator'));
}

/** 「平日 19:00–21:00／土日 10:00–12:00, 14:00–16:00」: rules with the same days share one group. */
export function describeWindows(rules: readonly DeliveryWindowRule[], t: Translate): string {
  const groups = new Map<string, { days: number[]; spans: string[] }>();
  for (const rule of rules) {
    const key = [...new Set(rule.days)].sort((a, b) => a - b).join(',');
    const group = groups.get(key) ?? { days: rule.days, spans: [] };
    group.spans.push(`${rule.from}–${rule.to}`);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${describeDays(g.days, t)} ${g.spans.join(', ')}`).join(t('window.groupSeparator'));
}

/**
 * Old graphs stored one `window {start, end, weekdays}` that could run past midnight. As rules: the
 * same span, or for an overnight one, until 24:00 on those days plus from 00:00 on the next days.
 */
export function rulesFromLegacyWindow(window: { start: string; end: string; weekdays: number[] }): DeliveryWindowRule[] {
  if (minutesOf(window.end) > minutesOf(window.start)) return [{ days: [...window.weekdays], from: window.start, to: window.end }];
  const next = window.weekdays.map((d) => (d % 7) + 1);
  const rules: DeliveryWindowRule[] = [{ days: [...window.weekdays], from: window.start, to: '24:00' }];
  if (window.end !== '00:00') rules.push({ days: next, from: '00:00', to: window.end });
  return rules;
}
