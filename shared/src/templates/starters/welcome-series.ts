import { graph, node, references, text, type Starter } from './build.ts';

export const welcomeSeries: Starter = {
  key: 'welcomeSeries',
  category: 'welcome',
  name: { ja: 'ウェルカムシリーズ', en: 'Welcome series' },
  description: {
    ja: '友だち追加の直後にあいさつ、翌日10:00にお役立ち情報を送り、ステップ完了のタグを付けます。',
    en: 'Greets new friends at once, sends useful tips the next day at 10:00, then tags them as done.',
  },
  graph: graph([
    node('trigger', 'trigger', 0, 0, { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }),
    node('welcome', 'send', 0, 1, { messages: [text('{name|お客様}さん、友だち追加ありがとうございます！\nこちらのアカウントでは、お得な情報をいち早くお届けします。')] }),
    node('next-day', 'wait', 0, 2, { mode: 'dayAt', days: 1, time: '10:00' }),
    node('tips', 'send', 0, 3, { messages: [text('おはようございます☀\nよく読まれている人気の記事をご紹介します。\n{link:link.guide}')] }),
    node('done', 'tag', 0, 4, { add: ['tag.welcome-done'], remove: [] }),
  ], [['trigger', 'next', 'welcome'], ['welcome', 'next', 'next-day'], ['next-day', 'next', 'tips'], ['tips', 'next', 'done']]),
  references: references({
    tags: [{ id: 'tag.welcome-done', name: 'ウェルカム完了', folder: 'ステップ配信' }],
    links: [{ id: 'link.guide', name: '人気記事', url: 'https://example.com/guide' }],
  }),
};
