import { CURRENT_SCHEMA_VERSION, type FlowGraph, type ReentryPolicy } from '@lsb/shared';

export interface StepScenarioTexts {
  welcome: string;
  coupon: string;
  reminder: string;
}

/**
 * The demo's shape of ステップ配信, with known node ids so journeys can check where a friend is:
 * trigger → welcome → 「1日後の10:00」 → branch on a tag → coupon | reminder → tag.
 */
export function stepScenario(opts: {
  purchasedTagId: string;
  doneTagId: string;
  texts: StepScenarioTexts;
  reentry?: ReentryPolicy;
  includeReturning?: boolean;
}): FlowGraph {
  const at = (x: number, row: number) => ({ x, y: row * 170 });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: at(0, 0), data: { trigger: { kind: 'friendAdded', includeReturning: opts.includeReturning ?? false }, reentry: opts.reentry ?? 'firstTimeOnly' } },
      { id: 'welcome', type: 'send', position: at(0, 1), data: { messages: [{ type: 'text', text: opts.texts.welcome }] } },
      { id: 'next-day', type: 'wait', position: at(0, 2), data: { mode: 'dayAt', days: 1, time: '10:00' } },
      { id: 'purchased', type: 'branch', position: at(0, 3), data: { cases: [{ id: 'has-purchased', label: '購入済み', condition: { kind: 'tag', tagId: opts.purchasedTagId, has: true } }] } },
      { id: 'coupon', type: 'send', position: at(-200, 4), data: { messages: [{ type: 'text', text: opts.texts.coupon }] } },
      { id: 'reminder', type: 'send', position: at(200, 4), data: { messages: [{ type: 'text', text: opts.texts.reminder }] } },
      { id: 'done', type: 'tag', position: at(0, 5), data: { add: [opts.doneTagId], remove: [] } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'welcome' },
      { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'next-day' },
      { id: 'e3', source: 'next-day', sourceHandle: 'next', target: 'purchased' },
      { id: 'e4', source: 'purchased', sourceHandle: 'has-purchased', target: 'coupon' },
      { id: 'e5', source: 'purchased', sourceHandle: 'else', target: 'reminder' },
      { id: 'e6', source: 'coupon', sourceHandle: 'next', target: 'done' },
      { id: 'e7', source: 'reminder', sourceHandle: 'next', target: 'done' },
    ],
  };
}
