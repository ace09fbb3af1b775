import { graph, node, references, text, type Starter } from './build.ts';

export const clinicAftercare: Starter = {
  key: 'clinicAftercare',
  category: 'aftercare',
  name: { ja: '美容クリニック アフターケア', en: 'Beauty clinic aftercare' },
  description: {
    ja: '来院タグから3日後・1週間後・1か月後にケアのメッセージ。1か月後は年間利用額10万円以上のVIPに特別なご案内を送ります。',
    en: 'After the visit tag: care messages 3 days, 1 week and 1 month later; at 1 month, VIPs (yearly spend ≥ ¥100,000) get a special offer.',
  },
  graph: graph([
    node('trigger', 'trigger', 0, 0, { trigger: { kind: 'tagAdded', tagId: 'tag.visited' }, reentry: 'everyTime' }),
    node('day-3', 'wait', 0, 1, { mode: 'dayAt', days: 3, time: '12:00' }),
    node('care-3', 'send', 0, 2, { messages: [text('{name|お客様}さん、施術から3日が経ちました。赤みやかゆみなど気になる点はありませんか？\nご不明な点はこのトークでお気軽にご相談ください。')] }),
    node('week-1', 'wait', 0, 3, { mode: 'dayAt', days: 4, time: '12:00' }),
    node('care-7', 'send', 0, 4, { messages: [text('施術から1週間。お肌の調子はいかがですか？\nホームケアのポイントをまとめました。\n{link:link.homecare}')] }),
    node('month-1', 'wait', 0, 5, { mode: 'dayAt', days: 23, time: '12:00' }),
    node('vip', 'branch', 0, 6, {
      cases: [{ id: 'vip', label: 'VIP（年間10万円以上）', condition: { kind: 'fieldNumber', fieldId: 'field.yearly-spend', op: 'gte', value: 100000 } }],
    }),
    node('vip-offer', 'send', -1, 7, { messages: [text('いつもご来院ありがとうございます。VIPのお客様だけに、次回の優先予約と特別メニューをご案内します✨\n{link:link.booking}')] }),
    node('regular', 'send', 1, 7, { messages: [text('施術から1か月。次回のご予約はこちらからどうぞ。\n{link:link.booking}')] }),
  ], [
    ['trigger', 'next', 'day-3'], ['day-3', 'next', 'care-3'], ['care-3', 'next', 'week-1'], ['week-1', 'next', 'care-7'],
    ['care-7', 'next', 'month-1'], ['month-1', 'next', 'vip'], ['vip', 'vip', 'vip-offer'], ['vip', 'else', 'regular'],
  ]),
  references: references({
    tags: [{ id: 'tag.visited', name: '来院', folder: '来院管理' }],
    fields: [{ id: 'field.yearly-spend', name: '年間利用額', kind: 'number', choices: [] }],
    links: [
      { id: 'link.homecare', name: 'ホームケアガイド', url: 'https://example.com/homecare' },
      { id: 'link.booking', name: '予約ページ', url: 'https://example.com/booking' },
    ],
  }),
};
