import { graph, node, references, text, type Starter } from './build.ts';

export const inflowWelcome: Starter = {
  key: 'inflowWelcome',
  category: 'inflow',
  name: { ja: '流入経路別あいさつ', en: 'Welcome by inflow route' },
  description: {
    ja: 'InstagramのQRから来た人と店頭ポスターから来た人に、それぞれ別のあいさつとタグ。翌日10:00に共通のご案内を送ります。',
    en: 'Friends from the Instagram QR and from the store poster each get their own greeting and tag; the next day at 10:00, a common message.',
  },
  graph: graph([
    node('from-instagram', 'trigger', -1, 0, { trigger: { kind: 'inflowRoute', routeId: 'route.instagram' }, reentry: 'firstTimeOnly' }),
    node('from-poster', 'trigger', 1, 0, { trigger: { kind: 'inflowRoute', routeId: 'route.poster' }, reentry: 'firstTimeOnly' }),
    node('hello-instagram', 'send', -1, 1, { messages: [text('Instagramから友だち追加ありがとうございます📸\nフォロワー様限定の特典をお届けします。')] }),
    node('hello-poster', 'send', 1, 1, { messages: [text('ご来店ありがとうございます！\n次回のお会計で使える特典をお送りします。')] }),
    node('tag-instagram', 'tag', -1, 2, { add: ['tag.instagram'], remove: [] }),
    node('tag-poster', 'tag', 1, 2, { add: ['tag.poster'], remove: [] }),
    node('next-day', 'wait', 0, 3, { mode: 'dayAt', days: 1, time: '10:00' }),
    node('common', 'send', 0, 4, { messages: [text('{name|お客様}さん、おすすめ商品をご紹介します。\n{link:link.shop}')] }),
  ], [
    ['from-instagram', 'next', 'hello-instagram'], ['from-poster', 'next', 'hello-poster'],
    ['hello-instagram', 'next', 'tag-instagram'], ['hello-poster', 'next', 'tag-poster'],
    ['tag-instagram', 'next', 'next-day'], ['tag-poster', 'next', 'next-day'], ['next-day', 'next', 'common'],
  ]),
  references: references({
    tags: [
      { id: 'tag.instagram', name: '流入:Instagram', folder: '流入経路' },
      { id: 'tag.poster', name: '流入:店頭ポスター', folder: '流入経路' },
    ],
    inflowRoutes: [{ id: 'route.instagram', name: 'Instagram QR' }, { id: 'route.poster', name: '店頭ポスター' }],
    links: [{ id: 'link.shop', name: 'オンラインショップ', url: 'https://example.com/shop' }],
  }),
};
