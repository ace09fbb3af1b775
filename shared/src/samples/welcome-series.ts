import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '../graph/schema.ts';
import type { Translate } from '../i18n/text.ts';
import type { ReentryPolicy } from '../nodes/trigger.ts';

export interface WelcomeSeriesTexts {
  welcome: string;
  coupon: string;
  reminder: string;
}

/**
 * The demo's words in the language of `t`. `{name}` is a message placeholder (the friend's name,
 * filled when sending), so it passes through translation untouched.
 */
function sampleTexts(t: Translate): WelcomeSeriesTexts {
  const keep = { name: '{name}' };
  return { welcome: t('sample.welcome', keep), coupon: t('sample.coupon'), reminder: t('sample.reminder', keep) };
}

/**
 * The typical ステップ配信, with fixed node ids so a run's position can be checked: welcome on
 * friend added → 「1日後の10:00」 → branch on the tag 購入済み → coupon | reminder → tag ステップ完了.
 * The demo seeds it; runtime tests and browser journeys publish it (tests pass their own texts to
 * tell steps apart).
 */
export function welcomeSeriesScenario(options: {
  t: Translate;
  purchasedTagId: string;
  doneTagId: string;
  texts?: WelcomeSeriesTexts;
  reentry?: ReentryPolicy;
  includeReturning?: boolean;
}): FlowGraph {
  const texts = options.texts ?? sampleTexts(options.t);
  const at = (x: number, row: number) => ({ x, y: row * 170 });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      {
        id: 'trigger', type: 'trigger', position: at(0, 0),
        data: { trigger: { kind: 'friendAdded', includeReturning: options.includeReturning ?? false }, reentry: options.reentry ?? 'firstTimeOnly' },
      },
      { id: 'welcome', type: 'send', position: at(0, 1), data: { messages: [{ type: 'text', text: texts.welcome }] } },
      { id: 'next-day', type: 'wait', position: at(0, 2), data: { mode: 'dayAt', days: 1, time: '10:00' } },
      {
        id: 'purchased', type: 'branch', position: at(0, 3),
        data: { cases: [{ id: 'has-purchased', label: options.t('sample.purchasedCase'), condition: { kind: 'tag', tagId: options.purchasedTagId, has: true } }] },
      },
      { id: 'coupon', type: 'send', position: at(-220, 4), data: { messages: [{ type: 'text', text: texts.coupon }] } },
      { id: 'reminder', type: 'send', position: at(220, 4), data: { messages: [{ type: 'text', text: texts.reminder }] } },
      { id: 'done', type: 'tag', position: at(0, 5), data: { add: [options.doneTagId], remove: [] } },
    ],
    edges: [
      { id: 'e-trigger-welcome', source: 'trigger', sourceHandle: 'next', target: 'welcome' },
      { id: 'e-welcome-wait', source: 'welcome', sourceHandle: 'next', target: 'next-day' },
      { id: 'e-wait-branch', source: 'next-day', sourceHandle: 'next', target: 'purchased' },
      { id: 'e-branch-coupon', source: 'purchased', sourceHandle: 'has-purchased', target: 'coupon' },
      { id: 'e-branch-reminder', source: 'purchased', sourceHandle: 'else', target: 'reminder' },
      { id: 'e-coupon-done', source: 'coupon', sourceHandle: 'next', target: 'done' },
      { id: 'e-reminder-done', source: 'reminder', sourceHandle: 'next', target: 'done' },
    ],
  };
}
