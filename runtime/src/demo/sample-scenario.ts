import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';

/**
 * The demo's sample ステップ配信: welcome on friend added → 「1日後の10:00」 → branch on the tag
 * 購入済み → a coupon or a reminder → tag ステップ完了.
 */
export function sampleWelcomeScenario(ids: { purchasedTagId: string; doneTagId: string }): FlowGraph {
  const column = (row: number) => ({ x: 0, y: row * 160 });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: column(0), data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      {
        id: 'welcome', type: 'send', position: column(1),
        data: { messages: [{ type: 'text', text: '{name}さん、友だち追加ありがとうございます！\nお得な情報をお届けします。' }] },
      },
      { id: 'next-day', type: 'wait', position: column(2), data: { mode: 'dayAt', days: 1, time: '10:00' } },
      {
        id: 'purchased', type: 'branch', position: column(3),
        data: { cases: [{ id: 'has-purchased', label: '購入済み', condition: { kind: 'tag', tagId: ids.purchasedTagId, has: true } }] },
      },
      {
        id: 'coupon', type: 'send', position: { x: -220, y: 640 },
        data: { messages: [{ type: 'text', text: 'ご購入ありがとうございます！次回使える10%OFFクーポンをお送りします。' }] },
      },
      {
        id: 'reminder', type: 'send', position: { x: 220, y: 640 },
        data: { messages: [{ type: 'text', text: '{name}さん、気になる商品はありましたか？今なら送料無料です。' }] },
      },
      { id: 'done', type: 'tag', position: column(5), data: { add: [ids.doneTagId], remove: [] } },
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
